/**
 * The kiosk's identity in the fleet (docs/security.md). Entry type: {@link
 * org.redvest.terminal.fleet.TerminalIdentity}: the terminal's own Ed25519 key, made on first start
 * and never sent anywhere, and the broker login the hub gave it when it claimed its place with a
 * one-time code.
 */
package org.redvest.terminal.fleet;
