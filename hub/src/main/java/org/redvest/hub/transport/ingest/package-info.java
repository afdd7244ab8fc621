/**
 * Taking terminal events in, exactly once: the broker copies each message into the {@link
 * org.redvest.hub.transport.ingest.IngestQueue}, bounded by memory; the {@code ingest-decoder}
 * thread decodes and validates them in arrival order ({@link
 * org.redvest.hub.transport.ingest.IngestDecoder}, {@link
 * org.redvest.hub.transport.ingest.Signatures}, {@link org.redvest.hub.transport.ingest.Triage});
 * the one {@link org.redvest.hub.transport.ingest.IngestWriter} thread commits them in batches,
 * one transaction each, then publishes the retained acks ({@link
 * org.redvest.hub.transport.ingest.AckPublisher}), then recomputes the affected volunteers'
 * sessions.
 */
package org.redvest.hub.transport.ingest;
