/**
 * The hub: {@link org.redvest.hub.Main} parses {@link org.redvest.hub.HubConfig} once and runs a
 * {@link org.redvest.hub.Hub}, which wires an MQTT broker (embedded Moquette by default), the
 * SQLite store, the ingest writer and the REST API, and closes them in reverse order.
 */
package org.redvest.hub;
