package org.redvest.hub.transport.broker;

/**
 * Who may connect to the embedded broker and what each connection may do: the broker asks it on
 * every CONNECT, PUBLISH and SUBSCRIBE (docs/security.md). The embedded broker does not start
 * without one, so it can never run open.
 */
public interface BrokerGate {
  /**
   * Whether the CONNECT of {@code clientId} with this username and password, from {@code peer}
   * ({@code null} when the broker does not say), is let in. Anonymous attempts are asked too.
   */
  boolean login(String clientId, String username, byte[] password, Peer peer);

  /** {@link #login(String, String, byte[], Peer)} from a peer the broker does not describe. */
  default boolean login(String clientId, String username, byte[] password) {
    return login(clientId, username, password, null);
  }

  /**
   * How long the broker should wait before it answers a login it refused from {@code peer}: a
   * tarpit for an address that keeps failing. Zero by default.
   */
  default java.time.Duration refusalDelay(Peer peer) {
    return java.time.Duration.ZERO;
  }

  /** Where a connection comes from: the client's address, and whether it came in over TLS. */
  record Peer(String address, boolean tls) {}

  /** Whether the logged-in {@code username} may publish on {@code topic}. */
  boolean mayPublish(String clientId, String username, String topic);

  /** Whether the logged-in {@code username} may subscribe to {@code filter}. */
  boolean maySubscribe(String clientId, String username, String filter);
}
