package org.redvest.hub.ingest;

/**
 * Who may connect to the embedded broker and what each connection may do: the broker asks it on
 * every CONNECT, PUBLISH and SUBSCRIBE (docs/security.md). The embedded broker does not start
 * without one, so it can never run open.
 */
public interface BrokerGate {
  /**
   * Whether the CONNECT of {@code clientId} with this username and password, from the address
   * {@code peer} ({@code null} when unknown), is let in. Anonymous attempts are asked too.
   */
  boolean login(String clientId, String username, byte[] password, String peer);

  /** {@link #login(String, String, byte[], String)} from an unknown address. */
  default boolean login(String clientId, String username, byte[] password) {
    return login(clientId, username, password, null);
  }

  /** Whether the logged-in {@code username} may publish on {@code topic}. */
  boolean mayPublish(String clientId, String username, String topic);

  /** Whether the logged-in {@code username} may subscribe to {@code filter}. */
  boolean maySubscribe(String clientId, String username, String filter);
}
