/**
 * {@code GET /api/enrolments} ({@link org.redvest.hub.web.enrolments.EnrolmentRoutes}): the
 * latest face-enrolment state per volunteer and station, as terminals reported it.
 */
package org.redvest.hub.web.enrolments;
