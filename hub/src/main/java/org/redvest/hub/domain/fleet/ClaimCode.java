package org.redvest.hub.domain.fleet;

import java.time.Instant;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * A one-time claim code (e.g. {@code 7KQ2-M9XD-4HTR}) that lets one kiosk claim {@code account}
 * until {@code expiresAt}. Only its SHA-256 is stored; the code is shown once.
 */
public record ClaimCode(String code, TerminalAccount account, Instant expiresAt) {}
