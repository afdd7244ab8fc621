package org.redvest.hub.store;

import java.time.Instant;
import org.redvest.protocol.Heartbeat;

/** A terminal's heartbeat as received. */
public record HeartbeatReport(TerminalRef terminal, Heartbeat heartbeat, Instant receivedAt) {}
