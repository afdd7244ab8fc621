package org.redvest.terminal.mqtt;

import java.util.Objects;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.redvest.protocol.fleet.Provisioning;

/** The broker login a provisioned terminal got from its hub (docs/security.md). */
public record MqttLogin(String username, String password) {
  public MqttLogin {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  public static MqttLogin of(Provisioning provisioning) {
    return new MqttLogin(provisioning.username(), provisioning.password());
  }

  /** Sets the login on {@code options}; a null login leaves them anonymous. */
  static MqttConnectOptions apply(MqttLogin login, MqttConnectOptions options) {
    if (login != null) {
      options.setUserName(login.username());
      options.setPassword(login.password().toCharArray());
    }
    return options;
  }

  @Override
  public String toString() {
    return "MqttLogin[" + username + "]";
  }
}
