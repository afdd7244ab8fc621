/**
 * The fleet: which terminals may report and what each may touch (docs/security.md). Entry type:
 * {@link org.redvest.hub.domain.fleet.Fleet}, which issues one-time claim codes, binds a terminal's
 * Ed25519 key to exactly one station and terminal id, hands it a broker login of its own, decides
 * every broker login, publish and subscription ({@link org.redvest.hub.domain.fleet.BrokerAcl}),
 * revokes terminals and counts refusals. {@code web.fleet.FleetRoutes} is its HTTP side; {@link
 * org.redvest.hub.domain.fleet.MosquittoSecurity} writes the same logins and rules for an external
 * Mosquitto.
 */
package org.redvest.hub.domain.fleet;
