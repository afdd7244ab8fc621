/**
 * The fleet page and API: {@link org.redvest.hub.web.fleet.FleetRoutes} (claim codes, terminals,
 * revocation, refusals), {@link org.redvest.hub.web.fleet.HoldRoutes} (events held for review) and
 * {@link org.redvest.hub.web.fleet.FleetPage} that shows them (docs/security.md).
 */
package org.redvest.hub.web.fleet;
