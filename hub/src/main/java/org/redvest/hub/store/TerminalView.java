package org.redvest.hub.store;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the hub knows about a terminal: its last status, its last heartbeat and how far its events
 * are committed. Fields of a report never received are null; {@code alarms} is empty when the
 * last heartbeat raised none. {@code fleetState} is what the kiosk last reported of its place in
 * the fleet ({@code ok}, {@code publishes-unacked}, …; docs/protocol.md §8), null when it does not
 * report it.
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
    java.util.List<String> alarms,
    String fleetState,
    String fleetDetail) {}
