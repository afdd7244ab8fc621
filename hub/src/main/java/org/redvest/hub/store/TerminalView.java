package org.redvest.hub.store;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the hub knows about a terminal: its last status, its last heartbeat and how far its events
 * are committed. Fields of a report never received are null; {@code alarms} is empty when the
 * last heartbeat raised none.
 */
public record TerminalView(
    TerminalRef terminal,
    long committedSeq,
    String state,
    OffsetDateTime stateAt,
    Instant statusReceivedAt,
    OffsetDateTime heartbeatAt,
    Instant heartbeatReceivedAt,
    Long queueDepth,
    Long oldestUnackedAgeS,
    String cameraState,
    String cameraDetail,
    Double fps,
    String software,
    java.util.List<String> alarms) {}
