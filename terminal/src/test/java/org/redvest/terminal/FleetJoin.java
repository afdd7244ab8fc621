package org.redvest.terminal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.redvest.hub.Hub;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.mqtt.MqttLogin;

/**
 * Joins a test kiosk's data directory to the fleet as an installer would: a claim code from the
 * hub's admin, then the kiosk's own signed claim over HTTP ({@link TerminalIdentity#claim}).
 * Idempotent: a data directory already provisioned for the terminal keeps its login.
 */
public final class FleetJoin {
  private FleetJoin() {}

  /** Joins {@code dataDir} at a hub running in this JVM. */
  public static MqttLogin join(Hub hub, Path dataDir, StationId station, TerminalId terminal) {
    TerminalAccount account = new TerminalAccount(station, terminal);
    return join(URI.create("http://127.0.0.1:" + hub.httpPort()),
        () -> hub.fleet().createClaim(account, "test", Duration.ofMinutes(10)).code(), dataDir, account);
  }

  /** Joins {@code dataDir} at the hub at {@code hubHttp}, with a code from {@code claims}. */
  public static MqttLogin join(URI hubHttp, Supplier<String> claims, Path dataDir, TerminalAccount account) {
    TerminalIdentity identity = TerminalIdentity.open(dataDir);
    return MqttLogin.of(identity.provisioning().filter(p -> p.account().equals(account))
        .orElseGet(() -> identity.claim(hubHttp, claims.get(), account)));
  }

  /** {@code config} after its data directory joined {@code hub}'s fleet. */
  public static TerminalConfig joined(Hub hub, TerminalConfig config) {
    join(hub, config.dataDir(), config.station(), config.terminal());
    return config;
  }

  /** The login kept in {@code dataDir}, or null when it has not joined. */
  public static MqttLogin kept(Path dataDir) {
    return TerminalIdentity.open(dataDir).provisioning().map(MqttLogin::of).orElse(null);
  }
}
