/**
 * What a reviewer looks at: {@code web.review.ReviewRoutes} serves {@code GET /api/anomalies} from
 * {@link org.redvest.hub.store.AnomalyRows} (credential reuse across terminals, two stations at
 * once, back-dated events, sessions over the daily caps); {@link
 * org.redvest.hub.domain.review.ReviewQueue} gathers sessions graded NEEDS_REVIEW and open
 * anomalies per manager, and {@code web.review.ReviewPages} serves {@code /ui/review} and {@code
 * /api/review} with the actions accept, correct and void, audited through {@link
 * org.redvest.hub.domain.corrections.Corrections}.
 */
package org.redvest.hub.domain.review;
