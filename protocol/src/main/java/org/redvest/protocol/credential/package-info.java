/**
 * Signed volunteer credentials verified offline (docs/credentials.md): a {@link
 * org.redvest.protocol.credential.Credential} is encoded compactly, signed with Ed25519 by the
 * hub's {@link org.redvest.protocol.credential.Issuer} and carried as Base45 text behind {@code
 * RVC1:}, so it fits a badge-sized QR code in alphanumeric mode. A terminal checks a code with a
 * {@link org.redvest.protocol.credential.Verifier} (key ring, revocations, its station) and gets a
 * {@link org.redvest.protocol.credential.Verdict} back, never an exception. Plain JDK: no
 * dependency beyond the JDK's own Ed25519.
 */
package org.redvest.protocol.credential;
