package org.redvest.hub.transport.link;

import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;

/**
 * The username and password a hub connection logs in to the broker with, and for an {@code ssl://}
 * broker URL what it trusts.
 *
 * @param trust the trust anchors of a TLS connection (the hub's own certificate, for its own
 *     broker), or null for the Java runtime's defaults
 */
public record BrokerLogin(String username, String password, TrustManagerFactory trust) {
  public BrokerLogin {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  public BrokerLogin(String username, String password) {
    this(username, password, null);
  }

  public BrokerLogin trusting(TrustManagerFactory anchors) {
    return new BrokerLogin(username, password, anchors);
  }

  @Override
  public String toString() {
    return "BrokerLogin[" + username + "]";
  }
}
