/**
 * Fleet identity on the wire: how a terminal is named to the broker ({@link TerminalAccount}),
 * how it proves it holds its own Ed25519 key when it claims a place in the fleet ({@link
 * ProvisionRequest}), and what the hub hands back ({@link Provisioning}). The JSON forms are in
 * {@link FleetWire}; docs/security.md and docs/protocol.md §15 describe the exchange.
 */
package org.redvest.protocol.fleet;
