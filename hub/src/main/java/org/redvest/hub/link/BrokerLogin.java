package org.redvest.hub.link;

import java.util.Objects;

/** The username and password a hub connection logs in to the broker with. */
public record BrokerLogin(String username, String password) {
  public BrokerLogin {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "BrokerLogin[" + username + "]";
  }
}
