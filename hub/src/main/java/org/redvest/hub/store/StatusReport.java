package org.redvest.hub.store;

import java.time.Instant;
import org.redvest.protocol.TerminalStatus;

/** A terminal's retained status (online/offline) as received. */
public record StatusReport(TerminalRef terminal, TerminalStatus status, Instant receivedAt) {}
