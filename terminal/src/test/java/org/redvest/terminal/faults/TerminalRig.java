package org.redvest.terminal.faults;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.mqtt.CameraHealth;
import org.redvest.terminal.mqtt.PahoRelay;
import org.redvest.terminal.mqtt.RelayConfig;
import org.redvest.terminal.outbox.Outbox;

/** A terminal inside the test JVM: the real outbox and Paho relay, fed by a {@link CheckInSource}. */
final class TerminalRig implements AutoCloseable {
  private final Outbox outbox;
  private final PahoRelay relay;
  private final CheckInSource source;
  private final Path dataDir;

  /** A rig joined to the fleet of {@code hub}, a hub process. */
  static TerminalRig joined(HubProcess hub, Path dataDir, String terminal, Duration resendAfter) {
    hub.join(dataDir, BurstDriver.STATION, terminal);
    return new TerminalRig(hub.mqttUrl(), dataDir, terminal, resendAfter);
  }

  /** A rig joined to the fleet of {@code hub}, a hub in this JVM. */
  static TerminalRig joined(org.redvest.hub.Hub hub, Path dataDir, String terminal, Duration resendAfter) {
    org.redvest.terminal.FleetJoin.join(hub, dataDir, BurstDriver.STATION, TerminalId.of(terminal));
    return new TerminalRig(hub.mqttUrl(), dataDir, terminal, resendAfter);
  }

  /**
   * A rig on {@code dataDir} that logs in with the login kept there, if it has joined a fleet
   * (else anonymously, as to a Mosquitto open to anyone).
   */
  TerminalRig(String brokerUrl, Path dataDir, String terminal, Duration resendAfter) {
    this.dataDir = dataDir;
    Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    StationId station = BurstDriver.STATION;
    TerminalId id = TerminalId.of(terminal);
    outbox = org.redvest.terminal.FleetJoin.signing(Outbox.open(dataDir, station, id, clock), dataDir);
    try {
      relay = PahoRelay.start(RelayConfig.of(brokerUrl, station, id, "redvest-faults")
          .withLogin(org.redvest.terminal.FleetJoin.kept(dataDir))
          .withResendAfter(resendAfter).withHeartbeatInterval(Duration.ofSeconds(5)),
          outbox, () -> CameraHealth.stopped("fault rig"), clock);
    } catch (RuntimeException e) {
      outbox.close();
      throw e;
    }
    source = new CheckInSource(outbox);
  }

  AttendanceEvent checkIn() {
    return source.next();
  }

  Outbox outbox() {
    return outbox;
  }

  PahoRelay relay() {
    return relay;
  }

  DeliveryChecker.Terminal checked() {
    return new DeliveryChecker.Terminal(
        BurstDriver.STATION.value(), outbox.terminal().value(), dataDir);
  }

  @Override
  public void close() {
    relay.close();
    outbox.close();
  }
}
