/**
 * The MQTT broker the terminals talk to, behind one {@link
 * org.redvest.hub.transport.broker.Broker} interface: {@link
 * org.redvest.hub.transport.broker.EmbeddedBroker} runs HiveMQ CE in-process with {@link
 * org.redvest.hub.transport.broker.BrokerGatekeeper} asking a {@link
 * org.redvest.hub.transport.broker.BrokerGate} (the fleet) about every login, publish and
 * subscription, and {@link org.redvest.hub.transport.broker.TlsFront} serving MQTT over TLS on
 * BoringSSL; {@link org.redvest.hub.transport.broker.ExternalBroker} is a HiveMQ client on
 * Mosquitto or EMQX. Both copy what arrives into the ingest queue and publish the retained acks.
 */
package org.redvest.hub.transport.broker;
