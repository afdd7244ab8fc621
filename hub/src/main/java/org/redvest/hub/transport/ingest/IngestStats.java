package org.redvest.hub.transport.ingest;

/**
 * Counters since start-up.
 *
 * @param stored events stored for the first time
 * @param duplicates redelivered events acknowledged and ignored
 * @param deadLettered messages kept aside
 * @param batches transactions committed
 * @param failedBatches batches whose decoding or transaction failed (nothing acked; terminals
 *     re-publish)
 * @param queued messages waiting for the writer, still encoded or already decoded
 * @param brokerWaits times a broker thread found the ingest queue at its memory bound and waited
 */
public record IngestStats(
    long stored, long duplicates, long deadLettered, long batches, long failedBatches,
    int queued, long brokerWaits) {}
