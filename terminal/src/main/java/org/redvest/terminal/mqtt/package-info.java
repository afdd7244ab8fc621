/**
 * Reporting to the hub over MQTT: {@link org.redvest.terminal.mqtt.PahoRelay} publishes the
 * outbox's events in order and keeps each until the hub's {@code ack} covers it, re-publishing
 * what stays unacknowledged; it also keeps the retained {@code online}/{@code offline} status
 * (the latter as last will) and sends heartbeats. Configured by {@link
 * org.redvest.terminal.mqtt.RelayConfig}. Its delivery loop, {@code AckedLink}, also carries the
 * enrolment and credential links.
 */
package org.redvest.terminal.mqtt;
