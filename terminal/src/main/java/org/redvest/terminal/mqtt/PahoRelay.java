package org.redvest.terminal.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.redvest.protocol.Heartbeat;
import org.redvest.protocol.TerminalStatus;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.FleetWire;
import org.redvest.protocol.fleet.RotationNotice;
import org.redvest.terminal.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox to the hub over MQTT, on an {@link AckedLink} (the delivery loop it shares
 * with the enrolment and credential links).
 *
 * <p>Events are published in {@code terminalSeq} order, at most {@link RelayConfig#maxInflight()}
 * beyond the hub's last ack. A broker's PUBACK is not the hub's commit, so an event is only done
 * when the retained {@code ack} covers it; until then it is re-published every {@link
 * RelayConfig#resendAfter()}, and all of them after every reconnect. The hub drops duplicates by
 * {@code eventId}. Paho keeps nothing on disk: the outbox is the durable store.
 *
 * <p>What is the events' own: the retained {@code online}/{@code offline} status (the latter as
 * last will, and said on close, since a clean disconnect does not fire the will), a heartbeat
 * right after each connect and then every {@link RelayConfig#heartbeatInterval()}, the fleet
 * state, and the hub's key chain and rotation requests. All of it runs on one thread, {@value
 * #THREAD_NAME}, which the relay owns. {@link #nudge()} (called on every append) wakes it at once,
 * so a check-in reaches the hub within milliseconds when online.
 */
public final class PahoRelay extends AckedLink {
  public static final String THREAD_NAME = "redvest-events-relay";

  private static final Logger LOG = LoggerFactory.getLogger(PahoRelay.class);
  /** An event unacknowledged for this many resend intervals means the link is stalled. */
  private static final int STALL_AFTER_RESENDS = 2;
  /** Connections in a row the broker closed this soon after they began: it refuses what we send. */
  private static final int CUT_SHORT_LIMIT = 3;
  private static final Duration CUT_SHORT = Duration.ofSeconds(10);
  private static final Duration FLEET_STATE_EVERY = Duration.ofSeconds(1);

  private final RelayConfig config;
  private final Outbox outbox;
  private final Supplier<CameraHealth> camera;
  private final Clock clock;
  private final String statusTopic;
  private final String heartbeatTopic;
  private final AtomicReference<RotationNotice> rotation = new AtomicReference<>();
  private volatile Consumer<RotationNotice> onRotation;
  private volatile Instant lastAckAt;
  private volatile FleetState fleetState;
  /** Why the broker refused the last login; null when it did not. */
  private volatile FleetState loginRefused;
  /** {@link System#nanoTime()} when the current connection began, or -1: immune to clock steps. */
  private long connectedNanos = -1;
  private int cutShort;

  private PahoRelay(RelayConfig config, Outbox outbox, Supplier<CameraHealth> camera, Clock clock) {
    super(config.brokerUrl(), config.login(), route(config), clock);
    this.config = config;
    this.outbox = outbox;
    this.camera = camera;
    this.clock = clock;
    this.statusTopic = config.topics().status(config.station(), config.terminal());
    this.heartbeatTopic = config.topics().heartbeat(config.station(), config.terminal());
    this.fleetState = config.login() == null ? FleetState.NOT_JOINED : FleetState.OK;
  }

  /**
   * The events' topics. The hub's key chain is read by a terminal that follows the hub's key, its
   * rotation requests only by a joined kiosk that can check the hub's signature.
   */
  private static Route route(RelayConfig config) {
    MqttLogin login = config.login();
    List<String> inbound = Stream.of(
            login != null && login.hubKeys() != null ? config.topics().hubKeys() : null,
            login != null && login.hubKey() != null ? config.topics().rotate(config.station(), config.terminal()) : null)
        .filter(Objects::nonNull).toList();
    return new Route("events", config.clientId(), config.topics().events(config.station(), config.terminal()),
        config.topics().ack(config.station(), config.terminal()), inbound, config.maxInflight(),
        config.resendAfter());
  }

  /**
   * Starts relaying {@code outbox} to the broker in {@code config}: connects in the background
   * (retrying until it succeeds) and registers for the outbox's appends. Close the relay before
   * the outbox.
   *
   * @param camera polled for each heartbeat; must be quick and thread-safe
   * @param clock timestamps status, heartbeats and ack times, and measures resend ages
   */
  public static PahoRelay start(
      RelayConfig config, Outbox outbox, Supplier<CameraHealth> camera, Clock clock) {
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(clock, "clock");
    if (!outbox.station().equals(config.station()) || !outbox.terminal().equals(config.terminal())) {
      throw new IllegalArgumentException("outbox of " + outbox.station() + "/" + outbox.terminal()
          + " does not belong to " + config.station() + "/" + config.terminal());
    }
    PahoRelay relay = new PahoRelay(config, outbox, camera, clock);
    outbox.onAppend(relay::nudge);
    relay.begin();
    relay.every(FLEET_STATE_EVERY, relay::updateFleetState);
    relay.every(config.heartbeatInterval(), relay::heartbeat);
    return relay;
  }

  /**
   * This kiosk's place in the fleet: not joined, its login refused by the broker, or publishes
   * the broker or the hub leave unacknowledged for {@value #STALL_AFTER_RESENDS} resend
   * intervals while connected (a broker whose ACL refuses a QoS 1 publish sends no PUBACK). The
   * events stay in the outbox in every case. Updated on the relay thread at least once a second.
   */
  public FleetState fleetState() {
    return fleetState;
  }

  /** When the hub last sent an ack (any valid one), empty if never since start. */
  public Optional<Instant> lastAckAt() {
    return Optional.ofNullable(lastAckAt);
  }

  /**
   * Hands the hub's requests that this kiosk rotate its key to {@code handler} (on the MQTT
   * thread: it must not block), including one that arrived before.
   */
  public void onRotationRequested(Consumer<RotationNotice> handler) {
    onRotation = handler;
    RotationNotice pending = rotation.get();
    if (pending != null) {
      handler.accept(pending);
    }
  }

  // --- what the link delivers ---

  @Override
  List<Parcel> unacked(int limit) {
    return outbox.unacked(limit).stream().map(event -> new Parcel(event.seq(), event.payload())).toList();
  }

  @Override
  void acknowledge(long committedSeq) {
    lastAckAt = clock.instant();
    outbox.acknowledge(committedSeq);
  }

  @Override
  void sent(List<Long> seqs, Instant at) {
    outbox.markSent(seqs, at);
  }

  @Override
  void received(String topic, byte[] payload) {
    if (topic.equals(config.topics().hubKeys())) {
      // Each link is signed by the key before it; the chain is followed from the trusted key.
      config.login().hubKeys().follow(payload);
    } else {
      rotationRequested(payload);
    }
  }

  /** A request the hub signed, for this terminal; an empty (cleared) or forged one is ignored. */
  private void rotationRequested(byte[] payload) {
    if (payload.length == 0) {
      return;
    }
    RotationNotice notice;
    try {
      notice = FleetWire.decodeNotice(MqttLogin.open(config.login(), payload));
    } catch (RuntimeException e) {
      LOG.warn("Ignoring a rotation request the hub did not sign: {}", e.getMessage());
      return;
    }
    if (!notice.account().station().equals(config.station())
        || !notice.account().terminal().equals(config.terminal())) {
      LOG.warn("Ignoring a rotation request for {}", notice.account().username());
      return;
    }
    rotation.set(notice);
    Consumer<RotationNotice> handler = onRotation;
    if (handler != null) {
      handler.accept(notice);
    }
  }

  // --- status and heartbeats ---

  @Override
  void configure(MqttConnectOptions options) {
    // No "at": the will is registered now but published whenever the connection dies.
    options.setWill(statusTopic, MqttLogin.seal(config.login(), WireCodec.encodeStatus(
        new TerminalStatus(TerminalStatus.State.OFFLINE, null, config.software()))), QOS_1, true);
  }

  @Override
  void connected() {
    connectedNanos = System.nanoTime();
    loginRefused = null;
    publish(statusTopic, status(TerminalStatus.State.ONLINE), true);
    heartbeat();
  }

  @Override
  void closing() {
    publish(statusTopic, status(TerminalStatus.State.OFFLINE), true);
  }

  private byte[] status(TerminalStatus.State state) {
    return WireCodec.encodeStatus(new TerminalStatus(state, OffsetDateTime.now(clock), config.software()));
  }

  private void heartbeat() {
    if (!isConnected()) {
      return;
    }
    updateFleetState();
    FleetState fleet = fleetState;
    CameraHealth health = camera.get();
    Instant now = clock.instant();
    long oldestAgeS = outbox.oldestUnackedAt()
        .map(appended -> Math.max(0, Duration.between(appended, now).toSeconds()))
        .orElse(0L);
    Instant ackAt = lastAckAt;
    Heartbeat beat = new Heartbeat(OffsetDateTime.ofInstant(now, clock.getZone()), health.fps(),
        outbox.depth(), oldestAgeS,
        ackAt == null ? null : OffsetDateTime.ofInstant(ackAt, clock.getZone()),
        health.state().wireName(), health.detail(), config.software(),
        outbox.storageFull() ? List.of(Heartbeat.STORAGE_FULL) : List.of(), fleet.kind().wireName(),
        fleet.detail());
    publish(heartbeatTopic, WireCodec.encodeHeartbeat(beat), false);
  }

  // --- fleet state ---

  /**
   * Notes why a connect failed and counts connections the broker closed soon after they began. A
   * broker that refuses an MQTT 3.1.1 publish closes the connection (HiveMQ, Mosquitto with
   * max_queued_messages 0), so a terminal whose ACL is wrong never stays connected long enough to
   * see an event unacknowledged.
   */
  @Override
  void disconnected(Throwable cause) {
    loginRefused = refusedLogin(cause);
    long began = connectedNanos;
    connectedNanos = -1;
    if (began != -1) {
      cutShort = System.nanoTime() - began < CUT_SHORT.toNanos() ? cutShort + 1 : 0;
    }
    updateFleetState();
  }

  private void updateFleetState() {
    long began = connectedNanos;
    if (began != -1 && isConnected() && System.nanoTime() - began >= CUT_SHORT.toNanos()) {
      cutShort = 0;
    }
    FleetState next;
    if (config.login() == null) {
      next = FleetState.NOT_JOINED;
    } else if (loginRefused != null) {
      next = loginRefused;
    } else if (cutShort >= CUT_SHORT_LIMIT) {
      next = new FleetState(FleetState.Kind.PUBLISHES_UNACKED, "the broker closed the connection "
          + cutShort + " times in a row within " + CUT_SHORT.toSeconds() + " s of connecting: it"
          + " refuses this terminal's publishes (its ACL: a wrong topic prefix or login?), or the link"
          + " keeps dropping; " + outbox.depth() + " event(s) stay in the outbox");
    } else {
      next = isConnected() ? unacknowledged() : FleetState.OK;
    }
    if (next.equals(fleetState)) {
      return;
    }
    if (next.kind() == FleetState.Kind.OK) {
      LOG.info("Fleet state of {} is ok again (was {})", config.clientId(), fleetState.kind().wireName());
    } else {
      LOG.warn("Fleet state of {}: {}: {}", config.clientId(), next.kind().wireName(), next.detail());
    }
    fleetState = next;
  }

  /** {@link FleetState.Kind#PUBLISHES_UNACKED} for the first event stalled on this connection, else OK. */
  private FleetState unacknowledged() {
    Duration stallAfter = config.resendAfter().multipliedBy(STALL_AFTER_RESENDS);
    String limit = "for more than " + (stallAfter.toSeconds() > 0 ? stallAfter.toSeconds() + " s"
        : stallAfter.toMillis() + " ms");
    return stalled(stallAfter).map(stall -> new FleetState(FleetState.Kind.PUBLISHES_UNACKED, stall.pubacked()
        ? "the hub has not acknowledged event terminalSeq " + stall.seq() + " " + limit
            + " (the broker took it); the events stay in the outbox"
        : "the broker has not acknowledged (no PUBACK) event terminalSeq " + stall.seq() + " " + limit
            + ": it refuses this terminal's publishes (its ACL: a wrong topic prefix or login?);"
            + " the events stay in the outbox"))
        .orElse(FleetState.OK);
  }

  /** The login-refused state when {@code cause} is the broker's CONNACK 4 or 5; null otherwise. */
  private FleetState refusedLogin(Throwable cause) {
    if (!(cause instanceof MqttException e)
        || (e.getReasonCode() != MqttException.REASON_CODE_FAILED_AUTHENTICATION
            && e.getReasonCode() != MqttException.REASON_CODE_NOT_AUTHORIZED)) {
      return null;
    }
    String login = config.login() == null ? "(none)" : config.login().username();
    if (e.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED) {
      // The hub's broker answers 4 to a login it refuses, 5 to a last will outside the
      // terminal's own topics: the terminal's status topic, so its topic prefix is wrong.
      return new FleetState(FleetState.Kind.LOGIN_REFUSED, "the broker at " + config.brokerUrl()
          + " refused the connection of " + login + " (MQTT return code 5: not authorised): its"
          + " last will on " + statusTopic + " lies outside this terminal's own topics (a wrong topic"
          + " prefix?), or the terminal was revoked; ask the hub admin. The events stay in the outbox");
    }
    return new FleetState(FleetState.Kind.LOGIN_REFUSED, "the broker at " + config.brokerUrl()
        + " refused the login " + login + " (MQTT return code " + e.getReasonCode()
        + ": bad user name or password): the terminal was revoked, or its"
        + " login is wrong; ask the hub admin (a new claim code joins it again). The events stay in the outbox");
  }
}
