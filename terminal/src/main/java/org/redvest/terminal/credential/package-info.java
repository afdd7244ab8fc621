/**
 * Signed QR credentials at the kiosk (docs/credentials.md): {@link
 * org.redvest.terminal.credential.CodeReader} verifies {@code RVC1:} codes offline against the
 * last roster ({@link org.redvest.terminal.credential.RosterFile} keeps it across restarts) and
 * applies the station's {@link org.redvest.terminal.credential.BadgePolicy}; every refusal is kept
 * in the {@link org.redvest.terminal.credential.RefusalLog} until the hub acknowledges it.
 */
package org.redvest.terminal.credential;
