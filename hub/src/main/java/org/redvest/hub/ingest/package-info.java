/**
 * Taking terminal messages in: a {@link org.redvest.hub.ingest.Broker} ({@link
 * org.redvest.hub.ingest.EmbeddedBroker}, Moquette in-process through its interceptor hook, or
 * {@link org.redvest.hub.ingest.ExternalBroker}, a HiveMQ client on Mosquitto/EMQX) copies each
 * message into the bounded {@link org.redvest.hub.ingest.IngestQueue}; the one {@link
 * org.redvest.hub.ingest.IngestWriter} thread drains it in batches, commits each batch in one
 * transaction, then publishes the retained acks, then recomputes the affected volunteers'
 * sessions.
 */
package org.redvest.hub.ingest;
