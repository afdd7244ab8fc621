package org.redvest.terminal.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.SignedPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's one acknowledged delivery loop (docs/protocol.md §5), on an MQTT connection
 * (Paho, QoS 1, persistent session) and a thread of its own, {@code redvest-{name}-relay}. The
 * records a subclass owes the hub go out in order, at most a window of them beyond the hub's
 * ack, and stay owed until the hub's retained contiguous ack covers them: the broker's PUBACK
 * releases nothing. A record is published again when it stays unacknowledged for the resend
 * interval, never while its last copy still waits for its PUBACK, and all of them after every
 * reconnect. Paho keeps nothing on disk: the subclass's table is the durable store.
 *
 * <p>Events ({@link PahoRelay}), face enrolment records ({@link PahoEnrolmentRelay}) and refused
 * attempts ({@link PahoCredentialRelay}) travel this way, each a description of its topics and its
 * table; the events' relay adds its status, heartbeats and fleet state through the hooks below,
 * which all run on the link's thread.
 */
abstract class AckedLink implements AutoCloseable {
  static final int QOS_1 = 1;

  private static final Logger LOG = LoggerFactory.getLogger(AckedLink.class);
  private static final Duration MIN_RECONNECT_DELAY = Duration.ofMillis(250);
  private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
  private static final Duration MAX_TICK = Duration.ofSeconds(1);
  /** Paho in-flight slots beside the window: status, heartbeat, Paho's own re-sends. */
  private static final int INFLIGHT_HEADROOM = 16;
  private static final int KEEP_ALIVE_S = 30;
  private static final int CONNECT_TIMEOUT_S = 10;
  /** A connect that has reported neither success nor failure by now never will. */
  private static final Duration CONNECT_WEDGED = Duration.ofSeconds(CONNECT_TIMEOUT_S * 2L);
  private static final long CLOSE_TIMEOUT_MS = 2_000;

  /**
   * A link: its {@code name} (in its thread's name and its log lines), its client id, the topic
   * it publishes to, the hub's ack topic, the other topics it listens to ({@link #received}), how
   * many records it publishes beyond the hub's ack, and how long a record waits for that ack
   * before it goes again.
   */
  record Route(String name, String clientId, String publishTopic, String ackTopic,
      List<String> inbound, int window, Duration resendAfter) {}

  /** A record owed to the hub: its sequence number and the payload to publish. */
  record Parcel(long seq, byte[] payload) {}

  /** A record waiting too long for the hub's ack, and whether the broker took it (PUBACK). */
  record Stall(long seq, boolean pubacked) {}

  /** A record's copies on this connection: when the first and the last went, how many, the last's token. */
  private record Copies(Instant first, Instant last, int count, IMqttDeliveryToken token) {}

  private final String brokerUrl;
  private final MqttLogin login;
  private final Route route;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor loop;
  private final AtomicBoolean pumpQueued = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Replaced only when a connect attempt wedges (see {@link #replaceWedgedClient()}). */
  private volatile MqttAsyncClient client;
  private volatile boolean blockedOnInflight;

  // Touched on the link's thread only.
  private final NavigableMap<Long, Copies> sent = new TreeMap<>();
  private boolean connecting;
  private long connectStartedNanos;
  private ScheduledFuture<?> pendingConnect;
  private Duration reconnectDelay = MIN_RECONNECT_DELAY;

  /** A link that does nothing until {@link #begin()}; {@code clock} times resends. */
  AckedLink(String brokerUrl, MqttLogin login, Route route, Clock clock) {
    this.brokerUrl = brokerUrl;
    this.login = login;
    this.route = route;
    this.clock = clock;
    this.client = newClient();
    this.loop = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "redvest-" + route.name() + "-relay");
      thread.setDaemon(true);
      return thread;
    });
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    loop.setRemoveOnCancelPolicy(true);
  }

  /** Up to {@code limit} records the hub has not acknowledged, oldest first. */
  abstract List<Parcel> unacked(int limit);

  /** Applies the hub's ack (on Paho's thread, before the message is done with). */
  abstract void acknowledge(long committedSeq);

  /** These records were handed to the broker {@code at}. */
  void sent(List<Long> seqs, Instant at) {}

  /** A message on one of the route's other topics, as it arrived (on Paho's thread; must not block). */
  void received(String topic, byte[] payload) {
    LOG.warn("The {} link ignores a message on unexpected topic {}", route.name(), topic);
  }

  /** Adds to each connect's options (a last will). */
  void configure(MqttConnectOptions options) {}

  /** Connected and subscribed; what is published here goes before the backlog. */
  void connected() {}

  /** A connect failed or the connection was lost; {@code cause} may be null. */
  void disconnected(Throwable cause) {}

  /** Closing while still connected: the last words before the clean disconnect. */
  void closing() {}

  /** Starts connecting (in the background, retrying until it succeeds) and delivering. */
  final void begin() {
    client.setCallback(new Inbound());
    long tickMs = Math.max(10, Math.min(MAX_TICK.toMillis(), route.resendAfter().toMillis() / 2));
    loop.scheduleWithFixedDelay(guarded("tick", this::tick), tickMs, tickMs, TimeUnit.MILLISECONDS);
    onLoop("connect", this::connect);
  }

  /** Runs {@code task} on the link's thread every {@code period}, the first time after one. */
  final void every(Duration period, Runnable task) {
    long ms = period.toMillis();
    loop.scheduleAtFixedRate(guarded("periodic task", task), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Publishes what is owed now; cheap, callable from any thread. */
  public final void nudge() {
    if (!closed.get() && pumpQueued.compareAndSet(false, true)) {
      onLoop("publish", this::pump);
    }
  }

  public final boolean isConnected() {
    return client.isConnected();
  }

  /**
   * Stops the link's thread, says its last words ({@link #closing()}) while still connected and
   * disconnects. Later calls do nothing.
   */
  @Override
  public final void close() {
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
        closing();
        // The quiescing disconnect lets what closing() published go out first.
        client.disconnect(CLOSE_TIMEOUT_MS).waitForCompletion(CLOSE_TIMEOUT_MS);
      }
    } catch (MqttException e) {
      LOG.warn("Clean disconnect of the {} link from {} failed: {}", route.name(), brokerUrl, e.getMessage());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("Closing the {} MQTT client failed", route.name(), e);
      }
    }
  }

  /**
   * Hands {@code payload} to Paho (QoS 1), signed by the terminal unless it already is: an event
   * the outbox recorded before this terminal joined the fleet is signed as it is sent
   * (docs/protocol.md §16). Null when Paho cannot take it now.
   */
  final IMqttDeliveryToken publish(String topic, byte[] payload, boolean retained) {
    byte[] signed = SignedPayload.split(payload).isPresent() ? payload : MqttLogin.seal(login, payload);
    try {
      return client.publish(topic, signed, QOS_1, retained);
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
        blockedOnInflight = true;
      } else {
        LOG.warn("Publishing to {} failed: {}", topic, e.getMessage());
      }
      return null;
    }
  }

  /** The first record published on this connection that has waited more than {@code after}. */
  final Optional<Stall> stalled(Duration after) {
    Instant now = clock.instant();
    return sent.entrySet().stream()
        .filter(copies -> Duration.between(copies.getValue().first(), now).compareTo(after) > 0)
        .findFirst()
        .map(copies -> new Stall(copies.getKey(), copies.getValue().token().isComplete()));
  }

  // --- connection ---

  private void tick() {
    if (client.isConnected()) {
      pump();
    } else if (!connecting) {
      scheduleReconnect();
    } else if (System.nanoTime() - connectStartedNanos > CONNECT_WEDGED.toNanos()) {
      replaceWedgedClient();
    }
  }

  private void connect() {
    if (closed.get() || connecting || client.isConnected()) {
      return;
    }
    connecting = true;
    connectStartedNanos = System.nanoTime();
    MqttAsyncClient attempt = client;
    try {
      client.connect(options(), null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          onLoop("connected", () -> {
            if (attempt == client) {
              connecting = false;
              reconnectDelay = MIN_RECONNECT_DELAY;
              onConnected();
            }
          });
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          onLoop("connect failed", () -> {
            if (attempt == client) {
              connecting = false;
              LOG.info("The {} link cannot reach {} ({}); retrying in {} ms", route.name(), brokerUrl,
                  cause == null ? "unknown" : cause.getMessage(), reconnectDelay.toMillis());
              disconnected(cause);
              scheduleReconnect();
            }
          });
        }
      });
    } catch (MqttException e) {
      connecting = false;
      LOG.info("The {} link failed to connect to {}: {}", route.name(), brokerUrl, e.getMessage());
      scheduleReconnect();
    }
  }

  private MqttConnectOptions options() {
    MqttConnectOptions options = MqttLogin.apply(login, brokerUrl, new MqttConnectOptions());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(false);
    // Our own loop reconnects: Paho's automatic reconnect does not cover a broker that is down
    // when the kiosk starts, and two loops would race.
    options.setAutomaticReconnect(false);
    options.setMaxInflight(route.window() + INFLIGHT_HEADROOM);
    options.setKeepAliveInterval(KEEP_ALIVE_S);
    options.setConnectionTimeout(CONNECT_TIMEOUT_S);
    configure(options);
    return options;
  }

  private void scheduleReconnect() {
    if (closed.get() || (pendingConnect != null && !pendingConnect.isDone())) {
      return;
    }
    try {
      pendingConnect = loop.schedule(
          guarded("connect", this::connect), reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      return; // close() shut the loop down meanwhile: nothing to reconnect
    }
    Duration doubled = reconnectDelay.multipliedBy(2);
    reconnectDelay = doubled.compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY : doubled;
  }

  /**
   * Paho 1.2.5 can wedge a connect for good: when the broker drops the socket just as it is
   * accepted, {@code ClientComms$ConnectBG} waits forever in {@code CommsReceiver.start} /
   * {@code CommsSender.start} for a thread that has already stopped, and the connect token never
   * completes (found by the fault suite's broker restarts, docs/reliability.md). Neither callback
   * fires, so without this the link would never try again. A fresh client (same id, so the
   * broker session continues) replaces it; the wedged thread is abandoned.
   */
  private void replaceWedgedClient() {
    LOG.warn("The {} link's connect to {} has not completed in {} s; replacing the wedged MQTT client",
        route.name(), brokerUrl, CONNECT_WEDGED.toSeconds());
    MqttAsyncClient wedged = client;
    client = newClient();
    client.setCallback(new Inbound());
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

  private MqttAsyncClient newClient() {
    try {
      return new MqttAsyncClient(brokerUrl, route.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("brokerUrl: " + e.getMessage(), e);
    }
  }

  private void onConnected() {
    LOG.info("The {} link is connected to {} as {}", route.name(), brokerUrl, route.clientId());
    List<String> topics = new ArrayList<>(route.inbound());
    topics.add(0, route.ackTopic());
    try {
      client.subscribe(topics.toArray(String[]::new), topics.stream().mapToInt(topic -> QOS_1).toArray());
    } catch (MqttException e) {
      LOG.warn("Subscribing to {} failed: {}", topics, e.getMessage());
    }
    sent.clear();
    connected();
    pump();
  }

  // --- publishing ---

  /** Publishes every owed record in the window that was never sent on this connection or is due. */
  private void pump() {
    pumpQueued.set(false);
    blockedOnInflight = false;
    if (closed.get() || !client.isConnected()) {
      return;
    }
    Instant now = clock.instant();
    List<Parcel> owed = unacked(route.window());
    sent.headMap(owed.isEmpty() ? Long.MAX_VALUE : owed.get(0).seq()).clear();
    List<Long> published = new ArrayList<>();
    for (Parcel parcel : owed) {
      Copies copies = sent.get(parcel.seq());
      // A copy not even PUBACKed yet is still queued on this connection, so another would only
      // queue behind it. On a slow link, re-sending the whole window every resendAfter filled it
      // with duplicates faster than it drained (the slow-link fault: 12 copies per event, no
      // progress). A new connection clears this and re-sends everything.
      if (copies != null && (!copies.token().isComplete()
          || now.isBefore(copies.last().plus(resendDelay(copies.count()))))) {
        continue;
      }
      IMqttDeliveryToken token = publish(route.publishTopic(), parcel.payload(), false);
      if (token == null) {
        break;
      }
      sent.put(parcel.seq(), copies == null ? new Copies(now, now, 1, token)
          : new Copies(copies.first(), now, copies.count() + 1, token));
      published.add(parcel.seq());
    }
    sent(published, now);
  }

  /**
   * resendAfter, doubling with each copy already sent on this connection (at most 16 times): the
   * hub's ack has to come back over the same link, and on a slow one a window of re-sends every
   * resendAfter kept the uplink so full that the terminal's PUBACKs for those acks starved
   * (found by the slow-link fault). Reconnecting starts again at resendAfter.
   */
  private Duration resendDelay(int copies) {
    return route.resendAfter().multipliedBy(1L << Math.min(4, copies - 1));
  }

  // --- threads ---

  private void onLoop(String what, Runnable work) {
    try {
      loop.execute(guarded(what, work));
    } catch (RejectedExecutionException e) {
      LOG.debug("The {} link is closed; dropping {}", route.name(), what);
    }
  }

  /** The link thread's one catch: log and go on, so one failure cannot stop delivery. */
  private Runnable guarded(String what, Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.error("The {} link's {} failed; will retry", route.name(), what, e);
      }
    };
  }

  /** Paho's callbacks run on Paho's thread: apply what arrived, hand the rest to the link's thread, never throw. */
  private final class Inbound implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        if (topic.equals(route.ackTopic())) {
          acknowledge(WireCodec.decodeAck(MqttLogin.open(login, message.getPayload())).committedSeq());
          nudge();
        } else {
          received(topic, message.getPayload());
        }
      } catch (RuntimeException e) {
        LOG.warn("The {} link ignores a bad message on {}: {}", route.name(), topic, e.getMessage());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.warn("The {} link lost its connection to {}: {}", route.name(), brokerUrl,
          cause == null ? "unknown" : cause.getMessage());
      onLoop("reconnect", () -> {
        disconnected(cause);
        scheduleReconnect();
      });
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      if (blockedOnInflight) {
        nudge();
      }
    }
  }
}
