package org.redvest.terminal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Heartbeat;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.TerminalStatus;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.outbox.Draft;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.terminal.outbox.StoredEvent;

/** The relay against a real embedded broker and a real (tiny) hub on the other side. */
class PahoRelayTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final TerminalId TERMINAL = TerminalId.of("kiosk-1");
  private static final Topics TOPICS = Topics.of("test/v1");
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final CameraHealth CAMERA = new CameraHealth(14.5, CameraHealth.State.OK, null);

  @TempDir Path dataDir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Outbox outbox;

  @BeforeEach
  void openOutbox() {
    outbox = Outbox.open(dataDir, STATION, TERMINAL, Clock.systemUTC());
  }

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(toClose);
    for (AutoCloseable resource : toClose) {
      resource.close();
    }
    outbox.close();
  }

  @Test
  void relay_brokerOnline_deliversAllEventsAndDepthReachesZero() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    PahoRelay relay = track(start(config(broker.url())));
    await().atMost(PATIENCE).until(relay::isConnected);

    append(25);

    await().atMost(PATIENCE).until(() -> outbox.depth() == 0);
    assertThat(hub.storedSeqs()).isEqualTo(seqs(1, 25));
    assertThat(outbox.committedSeq()).isEqualTo(25);
    assertThat(relay.lastAckAt()).isPresent();
  }

  @Test
  void relay_smallWindow_deliversEverythingInWindowSizedSteps() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    append(40);

    track(start(config(broker.url()).withMaxInflight(3)));

    await().atMost(PATIENCE).until(() -> outbox.depth() == 0);
    assertThat(hub.storedSeqs()).isEqualTo(seqs(1, 40));
  }

  @Test
  void relay_hubNeverAcks_publishesOnlyTheWindow() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    hub.acking(false);
    append(20);

    track(start(config(broker.url()).withMaxInflight(5)));

    await().atMost(PATIENCE).during(Duration.ofMillis(700))
        .until(() -> hub.storedSeqs().equals(seqs(1, 5)));
    assertThat(outbox.depth()).isEqualTo(20);
  }

  @Test
  void relay_brokerStartsLate_deliversEventsAppendedWhileOffline() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.stoppedOn(freePort()));
    PahoRelay relay = track(start(config(broker.url())));
    append(10);
    assertThat(relay.isConnected()).isFalse();

    broker.restart();
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));

    await().atMost(PATIENCE).until(() -> outbox.depth() == 0);
    assertThat(hub.storedSeqs()).isEqualTo(seqs(1, 10));
  }

  @Test
  void relay_brokerRestartedMidStream_republishesUnackedNoneLost() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    PahoRelay relay = track(start(config(broker.url())));
    append(30);
    await().atMost(PATIENCE).until(() -> outbox.committedSeq() >= 1);

    broker.stop();
    await().atMost(PATIENCE).until(() -> !relay.isConnected());
    append(30);
    broker.restart();

    await().atMost(PATIENCE).until(() -> outbox.depth() == 0);
    assertThat(hub.storedSeqs()).isEqualTo(seqs(1, 60));
  }

  @Test
  void relay_hubSkipsAnEvent_republishesItAfterResendAfter() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    hub.dropNextDeliveryOf(3);
    track(start(config(broker.url())));

    append(6);

    await().atMost(PATIENCE).until(() -> outbox.depth() == 0);
    assertThat(hub.deliveriesOf(3)).isGreaterThanOrEqualTo(2);
    assertThat(hub.storedSeqs()).isEqualTo(seqs(1, 6));
  }

  @Test
  void relay_connectionCut_lastWillOfflineThenOnlineAgain() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    TcpProxy proxy = track(TcpProxy.to(broker.port()));
    track(start(config(proxy.url())));
    await().atMost(PATIENCE).until(() -> hub.states().contains(TerminalStatus.State.ONLINE));

    proxy.cut();

    // The broker's last will says OFFLINE, then the reconnected relay says ONLINE again. A loaded
    // machine may deliver a repeated state (a retained status on the hub's resubscription), so
    // the order is checked, not the exact list; the timeout message shows what arrived.
    await().atMost(PATIENCE.multipliedBy(2)).until(hub::states, states -> {
      int offline = states.indexOf(TerminalStatus.State.OFFLINE);
      return offline > 0 && states.get(0) == TerminalStatus.State.ONLINE
          && states.subList(offline, states.size()).contains(TerminalStatus.State.ONLINE)
          && states.get(states.size() - 1) == TerminalStatus.State.ONLINE;
    });
  }

  @Test
  void relay_connected_heartbeatsReportQueueDepthAndCamera() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    hub.acking(false);
    append(3);

    track(start(config(broker.url()).withHeartbeatInterval(Duration.ofMillis(200))));

    await().atMost(PATIENCE).until(() -> hub.heartbeats().size() >= 3);
    Heartbeat beat = hub.heartbeats().get(hub.heartbeats().size() - 1);
    assertThat(beat.queueDepth()).isEqualTo(3);
    assertThat(beat.fps()).isEqualTo(14.5);
    assertThat(beat.cameraState()).isEqualTo("ok");
    assertThat(beat.software()).isEqualTo("test-1.0");
    assertThat(beat.lastAckAt()).isNull();
  }

  /**
   * A broker whose ACL refuses the events topic sends no PUBACK (issue 12): the relay notices
   * after two resend intervals, says so in its heartbeat (which the ACL lets through), and keeps
   * every event in the outbox.
   */
  @Test
  void relay_brokerRefusesEventsWithoutPuback_heartbeatReportsPublishesUnackedOutboxKept() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start(topic -> topic.endsWith("/events")));
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    append(3);

    PahoRelay relay = startJoined(broker);

    await().atMost(PATIENCE).until(() -> relay.fleetState().kind() == FleetState.Kind.PUBLISHES_UNACKED);
    assertThat(relay.isConnected()).isTrue();
    assertThat(relay.fleetState().detail()).contains("no PUBACK").contains("terminalSeq 1")
        .contains("the events stay in the outbox");
    await().atMost(PATIENCE).until(() -> !hub.heartbeats().isEmpty()
        && "publishes-unacked".equals(hub.heartbeats().get(hub.heartbeats().size() - 1).fleetState()));
    Heartbeat beat = hub.heartbeats().get(hub.heartbeats().size() - 1);
    assertThat(beat.fleetDetail()).contains("no PUBACK");
    assertThat(beat.queueDepth()).isEqualTo(3);
    assertThat(hub.storedSeqs()).isEmpty();
    assertThat(outbox.depth()).isEqualTo(3);
    assertThat(outbox.unacked(10)).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  void relay_brokerClosesTheConnectionAtEachRefusedPublish_reportsPublishesUnackedOutboxKept() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.startClosingOnRefusal(topic -> topic.endsWith("/events")));
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    append(3);

    PahoRelay relay = startJoined(broker);

    // Each connection ends as soon as an event goes out: never long enough to see one unacked.
    await().atMost(PATIENCE).until(() -> relay.fleetState().kind() == FleetState.Kind.PUBLISHES_UNACKED);
    assertThat(relay.fleetState().detail()).contains("closed the connection")
        .contains("times in a row").contains("3 event(s) stay in the outbox");
    assertThat(hub.storedSeqs()).isEmpty();
    assertThat(outbox.unacked(10)).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
  }

  /**
   * A relay with a login, as a joined kiosk has (this broker takes any; without one the state is
   * not-joined), resending after 300 ms and beating every 200 ms.
   */
  private PahoRelay startJoined(EmbeddedBroker broker) {
    MqttLogin login = new MqttLogin("JX-RJ-0001/kiosk-1", "a-password-of-the-kiosk", null, null);
    return track(start(config(broker.url()).withResendAfter(Duration.ofMillis(300))
        .withHeartbeatInterval(Duration.ofMillis(200)).withLogin(login)));
  }

  @Test
  void relay_withoutLogin_reportsNotJoinedWithTheJoinHint() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));

    PahoRelay relay = track(start(config(broker.url()).withHeartbeatInterval(Duration.ofMillis(200))));

    assertThat(relay.fleetState()).isEqualTo(FleetState.NOT_JOINED);
    assertThat(relay.fleetState().detail()).contains("--claim CODE --hub");
    await().atMost(PATIENCE).until(() -> !hub.heartbeats().isEmpty());
    assertThat(hub.heartbeats().get(0).fleetState()).isEqualTo("not-joined");
  }

  @Test
  void close_calledTwice_publishesOfflineAndIsIdempotent() throws Exception {
    EmbeddedBroker broker = track(EmbeddedBroker.start());
    RecordingHub hub = track(RecordingHub.connect(broker.url(), TOPICS));
    PahoRelay relay = start(config(broker.url()));
    await().atMost(PATIENCE).until(relay::isConnected);

    relay.close();
    relay.close();

    assertThat(relay.isConnected()).isFalse();
    await().atMost(PATIENCE).until(() -> hub.states().equals(
        List.of(TerminalStatus.State.ONLINE, TerminalStatus.State.OFFLINE)));
    relay.nudge(); // harmless after close
  }

  @Test
  void close_brokerUnreachable_stopsRelayThread() throws Exception {
    PahoRelay relay = start(config("tcp://127.0.0.1:" + freePort()));
    append(1);

    relay.close();

    assertThat(relay.isConnected()).isFalse();
    await().atMost(PATIENCE).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().equals(PahoRelay.THREAD_NAME) && t.isAlive()));
    assertThat(outbox.depth()).isEqualTo(1);
  }

  @Test
  void start_outboxOfAnotherTerminal_fails() {
    RelayConfig other = new RelayConfig("tcp://127.0.0.1:1", TOPICS, STATION,
        TerminalId.of("kiosk-2"), Duration.ofSeconds(1), Duration.ofSeconds(1), 10, "test-1.0", null);

    assertThatThrownBy(() -> PahoRelay.start(other, outbox, () -> CAMERA, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kiosk-2");
  }

  private PahoRelay start(RelayConfig config) {
    return PahoRelay.start(config, outbox, () -> CAMERA, Clock.systemUTC());
  }

  private static RelayConfig config(String brokerUrl) {
    return RelayConfig.of(brokerUrl, STATION, TERMINAL, "test-1.0")
        .withTopics(TOPICS)
        .withResendAfter(Duration.ofMillis(500));
  }

  private void append(int n) {
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(8));
    for (int i = 0; i < n; i++) {
      outbox.append(Draft.of(VolunteerId.of("V-" + i), EventKind.CHECK_IN, CheckInMethod.QR, at));
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    toClose.add(resource);
    return resource;
  }

  private static Set<Long> seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
