package org.redvest.hub.transport.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.redvest.hub.transport.ingest.InboundMessage;
import org.redvest.hub.transport.ingest.IngestQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's extension: authenticates every CONNECT, authorizes every PUBLISH, last will
 * and SUBSCRIBE through the gate, and hands allowed publishes to the listeners.
 */
final class BrokerGatekeeper implements ExtensionMain, SimpleAuthenticator,
    PublishAuthorizer, SubscriptionAuthorizer {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String USERNAME = "redvest.username";
  /** How long a publish may wait for room in a full ingest queue before it is refused. */
  private static final Duration QUEUE_WAIT = Duration.ofSeconds(60);

  private final BrokerGate gate;
  private final Clock clock;
  private final IngestQueue queue;
  private final List<Consumer<InboundMessage>> listeners = new CopyOnWriteArrayList<>();
  /** Waits for room in a full queue, in arrival order, off HiveMQ's extension threads. */
  private final ExecutorService handoff =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "broker-ingest-handoff");
        t.setDaemon(true);
        return t;
      });
  private final AtomicInteger waiting =
      new AtomicInteger();
  private volatile boolean registered;
  private volatile PublishService publisher;
  private volatile ClientService clients;
  private volatile ScheduledExecutorService executor;
  /** Set once, before any connection can reach the relay listener it serves. */
  private volatile TlsFront front;
  private volatile String probe;
  private final java.util.concurrent.CountDownLatch probeSeen =
      new java.util.concurrent.CountDownLatch(1);

  BrokerGatekeeper(BrokerGate gate, Clock clock, IngestQueue queue) {
    this.gate = gate;
    this.clock = clock;
    this.queue = queue;
  }

  java.util.concurrent.CountDownLatch expectProbe(String clientId) {
    probe = clientId;
    return probeSeen;
  }

  /** The TLS front whose relayed connections this gate answers; set before it opens. */
  void relayFor(TlsFront relay) {
    front = relay;
  }

  /** Another receiver of every publish the gate lets through (quick: extension threads). */
  void addListener(Consumer<InboundMessage> listener) {
    listeners.add(listener);
  }

  /** The client service of the broker this gate started with. */
  ClientService clients() {
    return clients;
  }

  /** The publish service of the broker this gate started with. */
  PublishService publisher() {
    return publisher;
  }

  /** Drops what waits for room in the ingest queue: the broker is stopping. */
  void stop() {
    handoff.shutdownNow();
  }

  boolean started() {
    return registered && publisher != null && clients != null && executor != null;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    // Services are static and belong to the broker started last: keep this one's own.
    publisher = Services.publishService();
    clients = Services.clientService();
    executor = Services.extensionExecutorService();
    Services.securityRegistry().setAuthenticatorProvider(in -> this);
    Services.securityRegistry().setAuthorizerProvider(in -> this);
    registered = true;
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    // Nothing to release: the broker stops with the hub.
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    var connect = input.getConnectPacket();
    String username = connect.getUserName().orElse(null);
    byte[] password = connect.getPassword().map(BrokerGatekeeper::bytes).orElse(null);
    var connection = input.getConnectionInformation();
    BrokerGate.Peer peer = peer(connection);
    if (peer == null && connect.getClientId().equals(probe)) {
      probeSeen.countDown();
      output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
      return;
    }
    if (peer == null) {
      // Something on this machine reached the relay listener without the front.
      LOG.warn("refused a connection to the broker's TLS relay listener that the TLS front did"
          + " not make (from {}, client id {})", connection.getInetAddress().orElse(null),
          connect.getClientId());
      output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
      return;
    }
    if (!gate.login(connect.getClientId(), username, password, peer)) {
      Duration delay = gate.refusalDelay(peer);
      if (delay.isZero()) {
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "not authorized");
        return;
      }
      // A tarpit for an address that keeps failing: the answer comes later, no thread waits.
      Async<SimpleAuthOutput> async = output.async(delay.plusSeconds(10),
          TimeoutFallback.FAILURE, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "not authorized");
      executor.schedule(() -> {
        async.getOutput().failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
            "not authorized");
        async.resume();
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    input.getConnectionInformation().getConnectionAttributeStore()
        .putAsString(USERNAME, username);
    output.authenticateSuccessfully();
  }

  @Override
  public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
    var packet = input.getPublishPacket();
    String clientId = input.getClientInformation().getClientId();
    if (!gate.mayPublish(clientId, username(input.getConnectionInformation()),
        packet.getTopic())) {
      output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not authorized");
      return;
    }
    if (packet instanceof WillPublishPacket) {
      output.authorizeSuccessfully();
      return;
    }
    InboundMessage message = new InboundMessage(packet.getTopic(),
        packet.getPayload().map(BrokerGatekeeper::bytes).orElse(new byte[0]), clock.instant());
    for (Consumer<InboundMessage> listener : listeners) {
      listener.accept(message);
    }
    // While anything waits for room, everything queues behind it: each client's order holds.
    if (waiting.get() == 0 && queue.offer(message)) {
      output.authorizeSuccessfully();
      return;
    }
    waiting.incrementAndGet();
    Async<PublishAuthorizerOutput> async = output.async(QUEUE_WAIT, TimeoutFallback.FAILURE);
    try {
      handoff.execute(() -> {
        try {
          queue.accept(message);
          async.getOutput().authorizeSuccessfully();
        } finally {
          waiting.decrementAndGet();
          async.resume();
        }
      });
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      // Closing: the publish is refused and the terminal sends it again to the next broker.
      async.getOutput().failAuthorization();
      async.resume();
    }
  }

  @Override
  public void authorizeSubscribe(SubscriptionAuthorizerInput input,
      SubscriptionAuthorizerOutput output) {
    if (gate.maySubscribe(input.getClientInformation().getClientId(),
        username(input.getConnectionInformation()),
        input.getSubscription().getTopicFilter())) {
      output.authorizeSuccessfully();
    } else {
      output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized");
    }
  }

  /**
   * Where a connection comes from: a relayed one is the terminal behind the front, or null when
   * the front did not make it.
   */
  private BrokerGate.Peer peer(ConnectionInformation connection) {
    var listener = connection.getListener();
    if (listener.isPresent() && listener.get().getName().equals(EmbeddedBroker.RELAY_LISTENER)) {
      TlsFront relay = front;
      return relay == null ? null : relay.claim(connection.getInetAddress().orElse(null));
    }
    return new BrokerGate.Peer(
        connection.getInetAddress().map(InetAddress::getHostAddress).orElse("?"),
        listener.map(l -> l.getListenerType() == ListenerType.TLS_TCP_LISTENER).orElse(false));
  }

  private static String username(ConnectionInformation connection) {
    return connection.getConnectionAttributeStore().getAsString(USERNAME).orElse(null);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
