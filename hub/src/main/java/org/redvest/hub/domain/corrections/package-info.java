/**
 * Corrections with a full audit trail: {@link org.redvest.hub.domain.corrections.Corrections} takes
 * requests to set a session's times, add a missing session or void one, decides them under {@link
 * org.redvest.hub.domain.corrections.ApprovalRules} (station scope, four eyes, the organisation
 * tier above 8 h a day) and appends every action to the audit table; {@link
 * org.redvest.hub.domain.corrections.CorrectedSessions} lays the approved ones over the stored
 * sessions, which, like the events, are never edited. Routes: {@code
 * web.corrections.CorrectionRoutes}.
 */
package org.redvest.hub.domain.corrections;
