/**
 * The REST API (docs/api.md): {@link org.redvest.hub.api.HubApi#create} builds the Javalin app
 * with every route and the one exception mapper, and is what both {@code Main} and the tests run.
 * Handlers read through {@link org.redvest.hub.store.Reports} and present sessions as they stand
 * now via {@link org.redvest.hub.hours.HoursCalculator#asOfNow}.
 */
package org.redvest.hub.api;
