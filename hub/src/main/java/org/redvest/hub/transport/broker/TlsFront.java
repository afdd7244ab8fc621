package org.redvest.hub.transport.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's MQTT-over-TLS port served on BoringSSL (netty-tcnative): HiveMQ CE builds
 * its own TLS on the JDK's engine only, which spends about a fifth more of the hub's CPU per small
 * MQTT message (docs/benchmarks.md, "A BoringSSL front"). The front takes each terminal's TLS and
 * relays the plain bytes to a broker listener that only loopback can reach.
 *
 * <p>The broker's gate must still know where a connection came from and that it came over TLS.
 * Once a terminal's TLS handshake is done, the front relays its connection from an address of its
 * own in 127.0.0.0/8 (Linux routes the whole block to loopback), and {@link #claim(InetAddress)}
 * answers, once, the real client behind that address: the broker asks at the connection's CONNECT.
 * A connection to the relay listener that the front did not make, or a second one from an address
 * already claimed (another local process binding a relay address), has no answer and is refused.
 * What is left is a race only a process on the hub's own machine can run: connecting from a relay
 * address in the moment between the front's connect and the terminal's CONNECT, which takes the
 * terminal's entry (and so refuses the terminal, which reconnects) but not its login
 * (docs/security.md, "The TLS front"). Where BoringSSL does not load or such addresses cannot be
 * bound ({@link #available()}), the broker serves TLS itself on the JDK's engine, as before.
 */
final class TlsFront implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsFront.class);
  /** Relay addresses are 127.1.0.0–127.254.255.255: clear of 127.0.0.1 and 127.0.x.x resolvers. */
  private static final int FIRST_RELAY_ADDRESS = 0x7F010000;
  private static final int RELAY_ADDRESSES = 0x7FFF0000 - FIRST_RELAY_ADDRESS;
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final long HANDSHAKE_TIMEOUT_S = 10;

  /** Relay addresses of open relays: none is handed out twice while its relay is open. */
  private final Set<InetAddress> inUse = ConcurrentHashMap.newKeySet();
  /** The terminal behind each relay address, until the broker claims it at CONNECT. */
  private final Map<InetAddress, BrokerGate.Peer> unclaimed = new ConcurrentHashMap<>();
  private final AtomicInteger nextRelayAddress = new AtomicInteger();
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final InetSocketAddress broker;
  private final SslContext ssl;
  private Channel server;
  private boolean closed;

  private TlsFront(SslContext ssl, InetSocketAddress broker) {
    this.ssl = ssl;
    this.broker = broker;
    this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("mqtt-tls-accept", true));
    this.workers = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors(),
        new DefaultThreadFactory("mqtt-tls-front", true));
  }

  /**
   * Whether this machine can run the front: BoringSSL loads and a loopback address other than
   * 127.0.0.1 can be bound (Linux; not macOS without aliases).
   */
  static boolean available() {
    if (!OpenSsl.isAvailable()) {
      LOG.info("BoringSSL (netty-tcnative) is not available here ({}): MQTT over TLS on the JDK's"
          + " engine", OpenSsl.unavailabilityCause().toString());
      return false;
    }
    try (ServerSocket probe = new ServerSocket(0, 1, relayAddress(0))) {
      return probe.getLocalPort() > 0;
    } catch (IOException e) {
      LOG.info("loopback addresses beside 127.0.0.1 cannot be bound here ({}): MQTT over TLS on"
          + " the JDK's engine", e.toString());
      return false;
    }
  }

  /**
   * Serves TLS with {@code tls} on {@code host:port} and relays each connection to {@code
   * broker}, a listener on loopback.
   */
  static TlsFront start(String host, int port, EmbeddedBroker.TlsKey tls,
      InetSocketAddress broker) {
    SslContext ssl;
    try {
      ssl = SslContextBuilder.forServer(tls.key(),
              tls.chain().toArray(java.security.cert.X509Certificate[]::new))
          .sslProvider(SslProvider.OPENSSL)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("BoringSSL cannot serve the hub's TLS key", e);
    }
    TlsFront front = new TlsFront(ssl, broker);
    ChannelFuture bound = new ServerBootstrap()
        .group(front.boss, front.workers)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(front.new Accepted())
        .bind(host, port).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      front.close();
      throw new IllegalStateException("MQTT over TLS cannot listen on " + host + ":" + port + ": "
          + bound.cause(), bound.cause());
    }
    front.server = bound.channel();
    return front;
  }

  /**
   * Checks that the broker's own relay listener answers at {@code relay}. Its port was free when
   * it was chosen, but another process on this machine could have bound it before HiveMQ did
   * (HiveMQ then logs and carries on), and would be handed every terminal's decrypted login. So a
   * CONNECT with {@code probe}, a client id made for this start, is sent to it: only the broker's
   * own gate can say it saw that id, by counting {@code seen} down.
   *
   * @throws IllegalStateException when the gate did not see it
   */
  static void requireBrokerBehind(InetSocketAddress relay, String probe, CountDownLatch seen) {
    try (Socket socket = new Socket()) {
      socket.connect(relay, CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(CONNECT_TIMEOUT_MS);
      socket.getOutputStream().write(connectPacket(probe));
      socket.getInputStream().read(); // the refusal's CONNACK, or the end of the stream
      if (seen.await(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (IOException e) {
      LOG.debug("probing the relay listener: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("the embedded broker's relay listener " + relay
        + " is not the broker's (another process took the port?): MQTT over TLS is not started");
  }

  /** An MQTT 3.1.1 CONNECT of {@code clientId}: clean session, no login, keep-alive 60 s. */
  static byte[] connectPacket(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    if (id.length > 100) {
      throw new IllegalArgumentException("clientId: too long for this packet");
    }
    ByteBuffer packet = ByteBuffer.allocate(2 + 12 + id.length);
    packet.put((byte) 0x10).put((byte) (12 + id.length))
        .putShort((short) 4).put("MQTT".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 4).put((byte) 0x02).putShort((short) 60)
        .putShort((short) id.length).put(id);
    return packet.array();
  }

  /**
   * The terminal behind the relayed connection that reaches the broker from {@code relayAddress},
   * once: null when the front made no such connection, or when it was claimed already.
   */
  BrokerGate.Peer claim(InetAddress relayAddress) {
    return relayAddress == null ? null : unclaimed.remove(relayAddress);
  }

  /** The relay addresses of the connections the front relays now. */
  Set<InetAddress> relayAddresses() {
    return Set.copyOf(inUse);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static InetAddress relayAddress(int index) throws UnknownHostException {
    int address = FIRST_RELAY_ADDRESS + Math.floorMod(index, RELAY_ADDRESSES);
    return InetAddress.getByAddress(new byte[] {
        (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
  }

  /** A free relay address, taken for {@code peer} until {@link #release(InetAddress)}. */
  private InetAddress takeRelayAddress(BrokerGate.Peer peer) throws UnknownHostException {
    while (true) {
      InetAddress address = relayAddress(nextRelayAddress.getAndIncrement());
      if (inUse.add(address)) {
        unclaimed.put(address, peer);
        return address;
      }
    }
  }

  private void release(InetAddress address) {
    unclaimed.remove(address);
    inUse.remove(address);
  }

  /**
   * Each accepted connection: TLS first; once the handshake is done, a relay to the broker from an
   * address of its own.
   */
  private final class Accepted extends ChannelInitializer<SocketChannel> {
    @Override
    protected void initChannel(SocketChannel client) {
      SslHandler handshake = ssl.newHandler(client.alloc());
      handshake.setHandshakeTimeout(HANDSHAKE_TIMEOUT_S, TimeUnit.SECONDS);
      Relay fromTerminal = Relay.toBroker();
      client.pipeline().addLast(handshake, fromTerminal);
      handshake.handshakeFuture().addListener(done -> {
        if (done.isSuccess()) {
          relay(client, fromTerminal);
        }
      });
    }

    private void relay(SocketChannel client, Relay fromTerminal) throws UnknownHostException {
      BrokerGate.Peer peer =
          new BrokerGate.Peer(client.remoteAddress().getAddress().getHostAddress(), true);
      InetAddress relayAddress = takeRelayAddress(peer);
      ChannelFuture toBroker = new Bootstrap()
          .group(client.eventLoop())
          .channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.AUTO_READ, false)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
          .handler(Relay.toTerminal(client))
          .connect(broker, new InetSocketAddress(relayAddress, 0));
      Channel brokerSide = toBroker.channel();
      client.closeFuture().addListener(f -> {
        release(relayAddress);
        brokerSide.close();
      });
      brokerSide.closeFuture().addListener(f -> closeOnFlush(client));
      toBroker.addListener((ChannelFutureListener) connected -> {
        if (!connected.isSuccess()) {
          if (client.isActive()) {
            LOG.warn("relaying MQTT over TLS from {} to the broker: {}", peer.address(),
                connected.cause().toString());
          }
          client.close();
          return;
        }
        fromTerminal.connected(brokerSide);
        client.config().setAutoRead(true);
        brokerSide.config().setAutoRead(true);
      });
    }
  }

  /**
   * Writes what one side reads to the other, flushing once per read burst; stops reading while
   * the other side cannot take more. On the terminal's side, what arrives before the broker side
   * has connected (the CONNECT can come with the end of the TLS handshake) waits for it, and the
   * terminal's side stops reading meanwhile.
   */
  private static final class Relay extends ChannelInboundHandlerAdapter {
    private Channel to;
    private Queue<Object> early;

    private Relay(Channel to) {
      this.to = to;
      this.early = to == null ? new ArrayDeque<>() : null;
    }

    /** The terminal's side, until {@link #connected(Channel)}. */
    static Relay toBroker() {
      return new Relay(null);
    }

    /** The broker's side. */
    static Relay toTerminal(Channel terminal) {
      return new Relay(terminal);
    }

    /** The broker side has connected: what waited goes first. Runs on the channels' loop. */
    void connected(Channel broker) {
      to = broker;
      Queue<Object> waited = early;
      early = null;
      for (Object msg : waited) {
        to.write(msg).addListener(CLOSE_ON_FAILURE);
      }
      to.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (to == null) {
        early.add(msg);
        ctx.channel().config().setAutoRead(false);
        return;
      }
      to.write(msg).addListener(CLOSE_ON_FAILURE);
      if (!to.isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (to != null) {
        to.flush();
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      // This side can take more again: let the other side read.
      if (ctx.channel().isWritable() && to != null && to.isActive()) {
        to.config().setAutoRead(true);
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (early != null) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
      }
      if (to != null) {
        closeOnFlush(to);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("MQTT over TLS relay {}: {}", ctx.channel(), cause.toString());
      ctx.close();
    }
  }

  private static final ChannelFutureListener CLOSE_ON_FAILURE = written -> {
    if (!written.isSuccess()) {
      written.channel().close();
    }
  };

  private static void closeOnFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }
}
