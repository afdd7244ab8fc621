package org.redvest.hub.ingest;

/**
 * Who may connect to the embedded broker and what each connection may do: the broker asks it on
 * every CONNECT, PUBLISH and SUBSCRIBE (docs/security.md). The embedded broker does not start
 * without one, so it can never run open.
 */
public interface BrokerGate {
  /** Whether the CONNECT of {@code clientId} with this username and password is let in. */
  boolean login(String clientId, String username, byte[] password);

  /** Whether the logged-in {@code username} may publish on {@code topic}. */
  boolean mayPublish(String clientId, String username, String topic);

  /** Whether the logged-in {@code username} may subscribe to {@code filter}. */
  boolean maySubscribe(String clientId, String username, String filter);
}
