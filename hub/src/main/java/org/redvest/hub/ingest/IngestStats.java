package org.redvest.hub.ingest;

/**
 * Counters since start-up.
 *
 * @param stored events stored for the first time
 * @param duplicates redelivered events acknowledged and ignored
 * @param deadLettered messages kept aside
 * @param batches transactions committed
 * @param failedBatches batches whose transaction failed (nothing acked; terminals re-publish)
 * @param queued messages waiting for the writer
 */
public record IngestStats(
    long stored, long duplicates, long deadLettered, long batches, long failedBatches,
    int queued) {}
