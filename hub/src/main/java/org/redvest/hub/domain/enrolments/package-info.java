/**
 * Face enrolment records at the hub (docs/protocol.md §13): {@link
 * org.redvest.hub.domain.enrolments.Enrolments} stores what terminals report (who is enrolled at a
 * station, under which consent, and withdrawals) through its own {@link
 * org.redvest.hub.transport.link.HubLink}, never through event ingest, and lists the latest state
 * per volunteer and station at {@code GET /api/enrolments}. Templates never reach the hub.
 */
package org.redvest.hub.domain.enrolments;
