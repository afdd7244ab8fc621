/**
 * How terminal messages reach the hub and its answers reach them: the MQTT {@code broker}
 * (embedded HiveMQ CE behind the fleet's gate, or an external one), {@code ingest} (events in,
 * acks out, exactly once) and {@code link} (the side links for low-volume records). Uses only the
 * ledger ({@code store}, {@code hours}); knows nothing of features or pages.
 */
package org.redvest.hub.transport;
