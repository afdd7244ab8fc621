package org.redvest.terminal.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.protocol.Ack;
import org.redvest.protocol.fleet.RotationNotice;
import org.redvest.protocol.Heartbeat;
import org.redvest.protocol.TerminalStatus;
import org.redvest.protocol.WireCodec;
import org.redvest.terminal.outbox.Outbox;
import org.redvest.terminal.outbox.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox to the hub over MQTT (Paho, QoS 1, persistent session).
 *
 * <p>Events are published in {@code terminalSeq} order, at most {@link RelayConfig#maxInflight()}
 * beyond the hub's last ack. A broker's PUBACK is not the hub's commit, so an event is only done
 * when the retained {@code ack} covers it; until then it is re-published every {@link
 * RelayConfig#resendAfter()}, and all of them after every reconnect. The hub drops duplicates by
 * {@code eventId}. Paho keeps nothing on disk: the outbox is the durable store.
 *
 * <p>All the relay's own work runs on one thread, {@value #THREAD_NAME}, which this class owns:
 * connecting (with back-off, including when the broker is down at start-up), publishing, the
 * resend check and heartbeats. {@link #nudge()} (called on every append) wakes it at once, so a
 * check-in reaches the hub within milliseconds when online.
 */
public final class PahoRelay implements AutoCloseable {
  public static final String THREAD_NAME = "redvest-relay";

  private static final Logger LOG = LoggerFactory.getLogger(PahoRelay.class);
  private static final Duration MIN_RECONNECT_DELAY = Duration.ofMillis(250);
  private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
  private static final Duration MAX_TICK = Duration.ofSeconds(1);
  /** Paho in-flight slots beside the event window: status, heartbeat, Paho's own re-sends. */
  private static final int INFLIGHT_HEADROOM = 16;
  private static final int KEEP_ALIVE_S = 30;
  private static final int CONNECT_TIMEOUT_S = 10;
  /** A connect that has reported neither success nor failure by now never will. */
  private static final Duration CONNECT_WEDGED = Duration.ofSeconds(CONNECT_TIMEOUT_S * 2L);
  private static final long CLOSE_TIMEOUT_MS = 2_000;
  private static final int QOS_1 = 1;
  /** An event unacknowledged for this many resend intervals means the link is stalled. */
  private static final int STALL_AFTER_RESENDS = 2;
  /** Connections in a row the broker closed this soon after they began: it refuses what we send. */
  private static final int CUT_SHORT_LIMIT = 3;
  private static final Duration CUT_SHORT = Duration.ofSeconds(10);

  private final RelayConfig config;
  private final Outbox outbox;
  private final Supplier<CameraHealth> camera;
  private final Clock clock;
  /** Replaced only when a connect attempt wedges (see {@link #replaceWedgedClient()}). */
  private volatile MqttAsyncClient client;
  private final ScheduledThreadPoolExecutor loop;
  private final String eventsTopic;
  private final String statusTopic;
  private final String heartbeatTopic;
  private final String ackTopic;
  /** The hub's signing-key chain, read by a terminal that checks hub signatures; else null. */
  private final String hubKeysTopic;
  private final String rotateTopic;
  private final java.util.concurrent.atomic.AtomicReference<RotationNotice> rotation =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile java.util.function.Consumer<RotationNotice> onRotation;
  private final AtomicBoolean pumpQueued = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Instant lastAckAt;
  private volatile boolean blockedOnInflight;
  private volatile FleetState fleetState;
  /** Why the broker refused the last login; null when it did not. */
  private volatile FleetState loginRefused;
  /** {@link System#nanoTime()} when the current connection began, or -1: immune to clock steps. */
  private long connectedNanos = -1;
  private int cutShort;

  // Touched on the relay thread only.
  private final NavigableMap<Long, Instant> sentAt = new TreeMap<>();
  private final NavigableMap<Long, IMqttDeliveryToken> inTransit = new TreeMap<>();
  private final NavigableMap<Long, Integer> copies = new TreeMap<>();
  /** When each unacknowledged event was first published on this connection. */
  private final NavigableMap<Long, Instant> firstSentAt = new TreeMap<>();
  private boolean connecting;
  private long connectStartedNanos;
  private ScheduledFuture<?> pendingConnect;
  private Duration reconnectDelay = MIN_RECONNECT_DELAY;

  private PahoRelay(RelayConfig config, Outbox outbox, Supplier<CameraHealth> camera, Clock clock,
      MqttAsyncClient client, ScheduledThreadPoolExecutor loop) {
    this.config = config;
    this.outbox = outbox;
    this.camera = camera;
    this.clock = clock;
    this.client = client;
    this.loop = loop;
    this.eventsTopic = config.topics().events(config.station(), config.terminal());
    this.statusTopic = config.topics().status(config.station(), config.terminal());
    this.heartbeatTopic = config.topics().heartbeat(config.station(), config.terminal());
    this.ackTopic = config.topics().ack(config.station(), config.terminal());
    this.hubKeysTopic = config.login() != null && config.login().hubKeys() != null
        ? config.topics().hubKeys() : null;
    // Only a joined kiosk that can check the hub's signature reads its rotation requests.
    this.rotateTopic = config.login() != null && config.login().hubKey() != null
        ? config.topics().rotate(config.station(), config.terminal()) : null;
    this.fleetState = config.login() == null ? FleetState.NOT_JOINED : FleetState.OK;
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
    MqttAsyncClient client = newClient(config);
    ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    loop.setRemoveOnCancelPolicy(true);
    PahoRelay relay = new PahoRelay(config, outbox, camera, clock, client, loop);
    relay.begin();
    return relay;
  }

  /** Wakes the relay to publish new events now; cheap, callable from any thread. */
  public void nudge() {
    if (!closed.get() && pumpQueued.compareAndSet(false, true)) {
      onLoop("publish", this::pump);
    }
  }

  public boolean isConnected() {
    return client.isConnected();
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
   * Publishes the retained {@code offline} status (a clean disconnect does not fire the last
   * will), disconnects and stops the relay thread. Later calls do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    loop.shutdown();
    try {
      if (!loop.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      if (client.isConnected()) {
        client.publish(statusTopic, status(TerminalStatus.State.OFFLINE), QOS_1, true)
            .waitForCompletion(CLOSE_TIMEOUT_MS);
        client.disconnect(CLOSE_TIMEOUT_MS).waitForCompletion(CLOSE_TIMEOUT_MS);
      }
    } catch (MqttException e) {
      LOG.warn("Clean disconnect from {} failed: {}", config.brokerUrl(), e.getMessage());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("Closing the MQTT client failed", e);
      }
    }
  }

  // --- start-up and connection ---

  private void begin() {
    client.setCallback(new Callbacks());
    outbox.onAppend(this::nudge);
    long tickMs = Math.max(10, Math.min(MAX_TICK.toMillis(), config.resendAfter().toMillis() / 2));
    loop.scheduleWithFixedDelay(guarded("tick", this::tick), tickMs, tickMs, TimeUnit.MILLISECONDS);
    long beatMs = config.heartbeatInterval().toMillis();
    loop.scheduleAtFixedRate(
        guarded("heartbeat", this::heartbeat), beatMs, beatMs, TimeUnit.MILLISECONDS);
    onLoop("connect", this::connect);
  }

  private void connect() {
    if (closed.get() || connecting || client.isConnected()) {
      return;
    }
    connecting = true;
    connectStartedNanos = System.nanoTime();
    MqttAsyncClient attempt = client;
    try {
      client.connect(connectOptions(), null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          onLoop("connected", () -> {
            if (attempt != client) {
              return;
            }
            connecting = false;
            reconnectDelay = MIN_RECONNECT_DELAY;
            loginRefused = null;
            updateFleetState();
          });
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          onLoop("connect failed", () -> {
            if (attempt != client) {
              return;
            }
            connecting = false;
            LOG.info("Cannot reach {} ({}); retrying in {} ms", config.brokerUrl(),
                cause == null ? "unknown" : cause.getMessage(), reconnectDelay.toMillis());
            loginRefused = refusedLogin(cause);
            updateFleetState();
            scheduleReconnect();
          });
        }
      });
    } catch (MqttException e) {
      connecting = false;
      LOG.info("Connecting to {} failed: {}", config.brokerUrl(), e.getMessage());
      scheduleReconnect();
    }
  }

  private MqttConnectOptions connectOptions() {
    MqttConnectOptions options = MqttLogin.apply(config.login(), config.brokerUrl(), new MqttConnectOptions());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(false);
    // Our own loop reconnects: Paho's automatic reconnect does not cover a broker that is down
    // when the kiosk starts, and two loops would race.
    options.setAutomaticReconnect(false);
    options.setMaxInflight(config.maxInflight() + INFLIGHT_HEADROOM);
    options.setKeepAliveInterval(KEEP_ALIVE_S);
    options.setConnectionTimeout(CONNECT_TIMEOUT_S);
    // No "at": the will is registered now but published whenever the connection dies.
    byte[] will = MqttLogin.seal(config.login(), WireCodec.encodeStatus(
        new TerminalStatus(TerminalStatus.State.OFFLINE, null, config.software())));
    options.setWill(statusTopic, will, QOS_1, true);
    return options;
  }

  private void scheduleReconnect() {
    if (closed.get() || (pendingConnect != null && !pendingConnect.isDone())) {
      return;
    }
    pendingConnect = loop.schedule(
        guarded("connect", this::connect), reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    Duration doubled = reconnectDelay.multipliedBy(2);
    reconnectDelay = doubled.compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY : doubled;
  }

  /**
   * Hands the hub's requests that this kiosk rotate its key to {@code handler} (on the MQTT
   * thread: it must not block), including one that arrived before.
   */
  public void onRotationRequested(java.util.function.Consumer<RotationNotice> handler) {
    onRotation = handler;
    RotationNotice pending = rotation.get();
    if (pending != null) {
      handler.accept(pending);
    }
  }

  /** A request the hub signed, for this terminal; an empty (cleared) or forged one is ignored. */
  private void rotationRequested(byte[] payload) {
    if (payload.length == 0) {
      return;
    }
    RotationNotice notice;
    try {
      notice = org.redvest.protocol.fleet.FleetWire.decodeNotice(MqttLogin.open(config.login(), payload));
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
    java.util.function.Consumer<RotationNotice> handler = onRotation;
    if (handler != null) {
      handler.accept(notice);
    }
  }

  private void onConnected() {
    LOG.info("Connected to {} as {}", config.brokerUrl(), config.clientId());
    connectedNanos = System.nanoTime();
    publish(statusTopic, status(TerminalStatus.State.ONLINE), true);
    try {
      client.subscribe(ackTopic, QOS_1);
      if (hubKeysTopic != null) {
        client.subscribe(hubKeysTopic, QOS_1);
      }
      if (rotateTopic != null) {
        client.subscribe(rotateTopic, QOS_1);
      }
    } catch (MqttException e) {
      LOG.warn("Subscribing to {} failed: {}", ackTopic, e.getMessage());
    }
    sentAt.clear();
    inTransit.clear();
    copies.clear();
    firstSentAt.clear();
    heartbeat();
    pump();
  }

  // --- publishing ---

  private void tick() {
    updateFleetState();
    if (client.isConnected()) {
      pump();
    } else if (!connecting) {
      scheduleReconnect();
    } else if (System.nanoTime() - connectStartedNanos > CONNECT_WEDGED.toNanos()) {
      replaceWedgedClient();
    }
  }

  /**
   * Paho 1.2.5 can wedge a connect for good: when the broker drops the socket just as it is
   * accepted, {@code ClientComms$ConnectBG} waits forever in {@code CommsReceiver.start} /
   * {@code CommsSender.start} for a thread that has already stopped, and the connect token never
   * completes (found by the fault suite's broker restarts, docs/reliability.md). Neither callback
   * fires, so without this the relay would never try again. A fresh client (same id, so the
   * broker session continues) replaces it; the wedged thread is abandoned.
   */
  private void replaceWedgedClient() {
    LOG.warn("Connecting to {} has not completed in {} s; replacing the wedged MQTT client",
        config.brokerUrl(), CONNECT_WEDGED.toSeconds());
    MqttAsyncClient wedged = client;
    client = newClient(config);
    client.setCallback(new Callbacks());
    connecting = false;
    try {
      wedged.disconnectForcibly(0, 0, false);
    } catch (MqttException e) {
      LOG.debug("Forcibly disconnecting the wedged client failed", e);
    }
    try {
      wedged.close(true);
    } catch (MqttException e) {
      LOG.debug("Closing the wedged client failed", e);
    }
    scheduleReconnect();
  }

  private static MqttAsyncClient newClient(RelayConfig config) {
    try {
      return new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("brokerUrl: " + e.getMessage(), e);
    }
  }

  /** Publishes every unacked event in the window that was never sent on this connection or is due. */
  private void pump() {
    pumpQueued.set(false);
    blockedOnInflight = false;
    if (closed.get() || !client.isConnected()) {
      return;
    }
    Instant now = clock.instant();
    long committed = outbox.committedSeq();
    sentAt.headMap(committed, true).clear();
    inTransit.headMap(committed, true).clear();
    copies.headMap(committed, true).clear();
    firstSentAt.headMap(committed, true).clear();
    List<Long> published = new ArrayList<>();
    for (StoredEvent event : outbox.unacked(config.maxInflight())) {
      Instant sent = sentAt.get(event.seq());
      if (sent != null && now.isBefore(sent.plus(resendDelay(event.seq())))) {
        continue;
      }
      IMqttDeliveryToken previous = inTransit.get(event.seq());
      if (previous != null && !previous.isComplete()) {
        // Not even PUBACKed yet: the copy is still queued on this connection, so another would
        // only queue behind it. On a slow link, re-sending the whole window every resendAfter
        // filled it with duplicates faster than it drained (the slow-link fault: 12 copies per
        // event, no progress). A new connection clears this and re-sends everything.
        continue;
      }
      IMqttDeliveryToken token = publish(eventsTopic, signedIfUnsigned(event.payload()), false);
      if (token == null) {
        break;
      }
      inTransit.put(event.seq(), token);
      copies.merge(event.seq(), 1, Integer::sum);
      sentAt.put(event.seq(), now);
      firstSentAt.putIfAbsent(event.seq(), now);
      published.add(event.seq());
    }
    outbox.markSent(published, now);
  }

  private void heartbeat() {
    if (!client.isConnected()) {
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
    publish(heartbeatTopic, MqttLogin.seal(config.login(), WireCodec.encodeHeartbeat(beat)), false);
  }

  // --- fleet state ---

  /**
   * Counts connections the broker closed soon after they began. A broker that refuses an MQTT
   * 3.1.1 publish closes the connection (HiveMQ, Mosquitto with max_queued_messages 0), so a
   * terminal whose ACL is wrong never stays connected long enough to see an event unacknowledged.
   */
  private void noteConnectionLost() {
    long began = connectedNanos;
    connectedNanos = -1;
    if (began != -1 && System.nanoTime() - began < CUT_SHORT.toNanos()) {
      cutShort++;
    } else {
      cutShort = 0;
    }
    updateFleetState();
  }

  private void updateFleetState() {
    long began = connectedNanos;
    if (began != -1 && client.isConnected() && System.nanoTime() - began >= CUT_SHORT.toNanos()) {
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
      next = client.isConnected() ? unacknowledged(clock.instant()) : FleetState.OK;
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
  private FleetState unacknowledged(Instant now) {
    Duration stallAfter = config.resendAfter().multipliedBy(STALL_AFTER_RESENDS);
    for (java.util.Map.Entry<Long, Instant> sent : firstSentAt.entrySet()) {
      if (Duration.between(sent.getValue(), now).compareTo(stallAfter) <= 0) {
        continue;
      }
      IMqttDeliveryToken token = inTransit.get(sent.getKey());
      String limit = "for more than " + (stallAfter.toSeconds() > 0 ? stallAfter.toSeconds() + " s"
          : stallAfter.toMillis() + " ms");
      return new FleetState(FleetState.Kind.PUBLISHES_UNACKED, token != null && token.isComplete()
          ? "the hub has not acknowledged event terminalSeq " + sent.getKey() + " " + limit
              + " (the broker took it); the events stay in the outbox"
          : "the broker has not acknowledged (no PUBACK) event terminalSeq " + sent.getKey() + " " + limit
              + ": it refuses this terminal's publishes (its ACL: a wrong topic prefix or login?);"
              + " the events stay in the outbox");
    }
    return FleetState.OK;
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

  /**
   * resendAfter, doubling with each copy already sent on this connection (at most 16 times): the
   * hub's ack has to come back over the same link, and on a slow one a window of re-sends every
   * resendAfter kept the uplink so full that the terminal's PUBACKs for those acks starved
   * (found by the slow-link fault). Reconnecting starts again at resendAfter.
   */
  private Duration resendDelay(long seq) {
    int sent = copies.getOrDefault(seq, 1);
    return config.resendAfter().multipliedBy(1L << Math.min(4, Math.max(0, sent - 1)));
  }

  /** Hands a QoS 1 message to Paho; null when it cannot take it now. */
  /**
   * An event the outbox recorded before this terminal joined the fleet is signed now, as it is
   * sent (docs/protocol.md §16); one signed when it was recorded goes as it is.
   */
  private byte[] signedIfUnsigned(byte[] payload) {
    return org.redvest.protocol.fleet.SignedPayload.split(payload).isPresent() ? payload
        : MqttLogin.seal(config.login(), payload);
  }

  private IMqttDeliveryToken publish(String topic, byte[] payload, boolean retained) {
    try {
      return client.publish(topic, payload, QOS_1, retained);
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
        blockedOnInflight = true;
      } else {
        LOG.warn("Publishing to {} failed: {}", topic, e.getMessage());
      }
      return null;
    }
  }

  private byte[] status(TerminalStatus.State state) {
    return MqttLogin.seal(config.login(), WireCodec.encodeStatus(
        new TerminalStatus(state, OffsetDateTime.now(clock), config.software())));
  }

  // --- threads ---

  private void onLoop(String what, Runnable work) {
    try {
      loop.execute(guarded(what, work));
    } catch (RejectedExecutionException e) {
      LOG.debug("Relay closed; dropping {}", what);
    }
  }

  /** The relay thread's one catch: log and go on, so one failure cannot stop relaying. */
  private static Runnable guarded(String what, Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.error("Relay {} failed; will retry", what, e);
      }
    };
  }

  /** Paho's callbacks run on Paho's thread: hand work to the relay thread, never throw. */
  private final class Callbacks implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      onLoop("on connect", PahoRelay.this::onConnected);
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.warn("Lost connection to {}: {}", config.brokerUrl(),
          cause == null ? "unknown" : cause.getMessage());
      onLoop("reconnect", () -> {
        noteConnectionLost();
        scheduleReconnect();
      });
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        if (topic.equals(hubKeysTopic)) {
          // Each link is signed by the key before it; the chain is followed from the trusted key.
          config.login().hubKeys().follow(message.getPayload());
          return;
        }
        if (topic.equals(rotateTopic)) {
          rotationRequested(message.getPayload());
          return;
        }
        if (!topic.equals(ackTopic)) {
          LOG.warn("Ignoring a message on unexpected topic {}", topic);
          return;
        }
        Ack ack = WireCodec.decodeAck(MqttLogin.open(config.login(), message.getPayload()));
        lastAckAt = clock.instant();
        if (outbox.acknowledge(ack.committedSeq())) {
          nudge();
        }
      } catch (RuntimeException e) {
        LOG.warn("Ignoring a bad ack on {}: {}", topic, e.getMessage());
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      if (blockedOnInflight) {
        nudge();
      }
    }
  }
}
