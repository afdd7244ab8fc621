/**
 * Taking terminal messages in: a {@link org.redvest.hub.ingest.Broker} ({@link
 * org.redvest.hub.ingest.EmbeddedBroker}, HiveMQ CE in-process, handing over what the fleet gate
 * lets through, or
 * {@link org.redvest.hub.ingest.ExternalBroker}, a HiveMQ client on Mosquitto/EMQX) copies each
 * message into the {@link org.redvest.hub.ingest.IngestQueue}, bounded by memory; the
 * {@code ingest-decoder} thread decodes and validates them in arrival order; the one {@link
 * org.redvest.hub.ingest.IngestWriter} thread commits them in batches, one transaction each, then
 * publishes the retained acks, then recomputes the affected volunteers' sessions.
 */
package org.redvest.hub.ingest;
