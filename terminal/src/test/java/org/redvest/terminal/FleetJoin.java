package org.redvest.terminal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.redvest.hub.Hub;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.protocol.fleet.TlsPin;
import org.redvest.terminal.fleet.TerminalIdentity;
import org.redvest.terminal.mqtt.MqttLogin;

/**
 * Joins a test kiosk's data directory to the fleet as an installer would: a claim code from the
 * hub's admin, then the kiosk's own signed claim over HTTP ({@link TerminalIdentity#claim}).
 * Idempotent: a data directory already provisioned for the terminal keeps its login.
 */
public final class FleetJoin {
  private FleetJoin() {}

  /**
   * Joins {@code dataDir} at a hub running in this JVM, over HTTPS pinned to the hub's TLS key as
   * {@code redvest-hub claim} tells an installer to.
   */
  public static MqttLogin join(Hub hub, Path dataDir, StationId station, TerminalId terminal) {
    TerminalAccount account = new TerminalAccount(station, terminal);
    return join(URI.create("https://127.0.0.1:" + hub.httpsPort()),
        hub.tls().orElseThrow().pin(),
        () -> hub.fleet().createClaim(account, "test", Duration.ofMinutes(10)).code(), dataDir, account);
  }

  /** Joins {@code dataDir} at the hub at {@code hubHttp}, with a code from {@code claims}. */
  public static MqttLogin join(URI hubHttp, Supplier<String> claims, Path dataDir, TerminalAccount account) {
    return join(hubHttp, null, claims, dataDir, account);
  }

  /** Like the above, trusting an https hub only with the key {@code pin} names. */
  public static MqttLogin join(URI hubHttp, TlsPin pin, Supplier<String> claims, Path dataDir,
      TerminalAccount account) {
    TerminalIdentity identity = TerminalIdentity.open(dataDir);
    if (!identity.joinedAs(account)) {
      identity.claim(hubHttp, pin, claims.get(), account);
    }
    return identity.login().orElseThrow();
  }

  /** {@code config} after its data directory joined {@code hub}'s fleet. */
  public static TerminalConfig joined(Hub hub, TerminalConfig config) {
    join(hub, config.dataDir(), config.station(), config.terminal());
    return config;
  }

  /** The login kept in {@code dataDir}, or null when it has not joined. */
  public static MqttLogin kept(Path dataDir) {
    return TerminalIdentity.open(dataDir).login().orElse(null);
  }

  /** The outbox of a kiosk that joined {@code hub}'s fleet, signing what it appends. */
  public static org.redvest.terminal.outbox.Outbox outbox(Hub hub, Path dataDir, StationId station,
      TerminalId terminal, java.time.Clock clock) {
    join(hub, dataDir, station, terminal);
    return signing(org.redvest.terminal.outbox.Outbox.open(dataDir, station, terminal, clock), dataDir);
  }

  /**
   * Has {@code outbox} sign with the key in {@code dataDir} if that kiosk joined a fleet, as the
   * terminal does at start-up; returns it.
   */
  public static org.redvest.terminal.outbox.Outbox signing(org.redvest.terminal.outbox.Outbox outbox, Path dataDir) {
    TerminalIdentity identity = TerminalIdentity.open(dataDir);
    if (identity.provisioning().isPresent()) {
      outbox.signWith(identity::sign);
    }
    return outbox;
  }
}
