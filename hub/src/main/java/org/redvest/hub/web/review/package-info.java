/**
 * The review queue: {@link org.redvest.hub.web.review.ReviewRoutes} ({@code GET /api/anomalies})
 * and {@link org.redvest.hub.web.review.ReviewPages} ({@code /ui/review}, {@code /api/review}, with
 * the actions accept, correct and void).
 */
package org.redvest.hub.web.review;
