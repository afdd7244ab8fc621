/**
 * The terminal's durable record of attendance events: {@link org.redvest.terminal.outbox.Outbox}
 * is a SQLite file in the data dir that numbers every event ({@code terminalSeq}), commits it
 * before the kiosk answers the volunteer, and keeps it until the hub's ack covers it (and after,
 * as evidence). The MQTT relay reads from it; nothing here knows about MQTT.
 */
package org.redvest.terminal.outbox;
