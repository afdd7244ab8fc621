/**
 * What a reviewer looks at: {@link org.redvest.hub.review.ReviewRoutes} serves {@code GET
 * /api/anomalies} from {@link org.redvest.hub.store.AnomalyRows} (credential reuse across
 * terminals, two stations at once, back-dated events, sessions over the daily caps).
 */
package org.redvest.hub.review;
