package org.redvest.hub;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.api.HubApi;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.catalogue.CatalogueRows;
import org.redvest.hub.domain.certificates.CertificateSettings;
import org.redvest.hub.domain.corrections.CorrectedSessions;
import org.redvest.hub.domain.corrections.Corrections;
import org.redvest.hub.domain.credentials.CredentialLink;
import org.redvest.hub.domain.credentials.Credentials;
import org.redvest.hub.domain.enrolments.Enrolments;
import org.redvest.hub.domain.fleet.Fleet;
import org.redvest.hub.domain.fleet.FleetTransport;
import org.redvest.hub.domain.fleet.Holds;
import org.redvest.hub.domain.fleet.HubBrokerPassword;
import org.redvest.hub.domain.fleet.HubTls;
import org.redvest.hub.domain.fleet.MosquittoSecurity;
import org.redvest.hub.domain.passes.Passes;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.store.AnomalyRows;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.DayApprovals;
import org.redvest.hub.store.Ledger;
import org.redvest.hub.store.Reports;
import org.redvest.hub.transport.broker.Broker;
import org.redvest.hub.transport.broker.EmbeddedBroker;
import org.redvest.hub.transport.broker.ExternalBroker;
import org.redvest.hub.transport.ingest.IngestQueue;
import org.redvest.hub.transport.ingest.IngestStats;
import org.redvest.hub.transport.ingest.IngestWriter;
import org.redvest.hub.transport.link.BrokerLogin;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.hub.web.HttpListeners;
import org.redvest.hub.web.LiveFeed;
import org.redvest.hub.web.LivePage;
import org.redvest.hub.web.RecomputeRoutes;
import org.redvest.hub.web.StationsPage;
import org.redvest.hub.web.UsersPage;
import org.redvest.hub.web.WebAuth;
import org.redvest.hub.web.catalogue.ImportRoutes;
import org.redvest.hub.web.certificates.CertificateRoutes;
import org.redvest.hub.web.corrections.CorrectionRoutes;
import org.redvest.hub.web.credentials.CredentialRoutes;
import org.redvest.hub.web.enrolments.EnrolmentRoutes;
import org.redvest.hub.web.exports.ExportRoutes;
import org.redvest.hub.web.fleet.FleetPage;
import org.redvest.hub.web.fleet.FleetRoutes;
import org.redvest.hub.web.fleet.HoldRoutes;
import org.redvest.hub.web.hours.HoursRoutes;
import org.redvest.hub.web.map.BaseMap;
import org.redvest.hub.web.passes.PassRoutes;
import org.redvest.hub.web.review.ReviewPages;
import org.redvest.hub.web.review.ReviewRoutes;
import org.redvest.protocol.Topics;
import org.redvest.protocol.fleet.TerminalAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: database, MQTT broker (embedded, or a client of an external one), ingest writer
 * and REST API. {@code close()} stops them in reverse order and is idempotent.
 *
 * <pre>{@code
 * try (Hub hub = Hub.start(HubConfig.local(dir))) {
 *   String broker = hub.mqttUrl();   // tcp://127.0.0.1:PORT
 *   int http = hub.httpPort();
 * }
 * }</pre>
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
  static final String DATABASE_FILE = "hub.db";
  private static final String BROKER_STORE_DIR = "broker";

  private final HubConfig config;
  private final Database database;
  private final Broker broker;
  private final IngestWriter writer;
  private final Javalin http;
  private final Credentials credentials;
  private final CredentialLink credentialLink;
  private final Enrolments enrolments;
  private final WebAuth auth;
  private final LiveFeed feed;
  private final Fleet fleet;
  private final HubTls tls;
  private final HttpListeners listeners;
  private boolean closed;

  private Hub(HubConfig config, Database database, Broker broker, IngestWriter writer,
      Javalin http, Credentials credentials, CredentialLink credentialLink, Enrolments enrolments,
      WebAuth auth, LiveFeed feed, Fleet fleet, HubTls tls, HttpListeners listeners) {
    this.tls = tls;
    this.listeners = listeners;
    this.config = config;
    this.database = database;
    this.broker = broker;
    this.writer = writer;
    this.http = http;
    this.credentials = credentials;
    this.credentialLink = credentialLink;
    this.enrolments = enrolments;
    this.auth = auth;
    this.feed = feed;
    this.fleet = fleet;
  }

  public static Hub start(HubConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts a hub whose receivedAt times and open-session expiry follow {@code clock}. */
  public static Hub start(HubConfig config, Clock clock) {
    // First, so that a file that cannot be drawn stops the hub before it creates anything.
    BaseMap map = config.map() == null ? null : baseMap(config.map());
    createDirectories(config);
    Database database = Database.open(config.dataDir().resolve(DATABASE_FILE));
    Broker broker = null;
    IngestWriter writer = null;
    Credentials credentials = null;
    CredentialLink credentialLink = null;
    Enrolments enrolments = null;
    Fleet fleet = null;
    try {
      Topics topics = config.topics();
      HubSigner signer = HubSigner.start(config.dataDir(), clock);
      fleet = Fleet.open(database, topics, clock, signer);
      HubTls tls = tls(config, clock);
      MosquittoSecurity mosquitto = mosquittoSecurity(config, fleet, clock, tls);
      HoursCalculator hours =
          new HoursCalculator(config.maxSession(), config.evidence().clockTolerance(), clock);
      IngestQueue queue = new IngestQueue(IngestQueue.DEFAULT_MAX_BYTES);
      // The hub logs in to its own broker (over TLS trusting exactly its own certificate when it
      // serves no plain MQTT); to an external one with the login of the password file it writes,
      // or, when it writes none, as the broker's operator set it up (no login).
      // An ssl:// external broker is trusted when it shows the hub's own key (the key the
      // Mosquitto files hand it): the same pin terminals hold.
      BrokerLogin hubLogin = config.externalBroker().isPresent()
          ? externalLogin(config, mosquitto, tls)
          : tls == null ? fleet.hubLogin() : fleet.hubLogin().trusting(tls.ownTrust());
      broker = startBroker(config, topics, queue, clock, fleet, signer, tls, hubLogin);
      if (broker instanceof EmbeddedBroker embedded) {
        fleet.onRevoked(account -> embedded.disconnect(
            java.util.Arrays.stream(TerminalAccount.Link.values()).map(account::clientId).toList()));
      }
      writer = IngestWriter.start(queue, new Ledger(database), broker, topics, hours, fleet);
      IngestWriter statsSource = writer;
      Broker healthSource = broker;
      Reports reports = new Reports(database);
      CorrectedSessions sessions = new CorrectedSessions(
          query -> reports.sessions(query).stream().map(hours::asOfNow).toList(), database,
          hours.maxSession());
      DayApprovals approvals = new DayApprovals(database, clock);
      Javalin http = HubApi.create(reports, hours, config.zone(), config.evidence(), approvals,
          () -> ingestHealth(healthSource, statsSource.stats(), statsSource.recompute(),
              mosquitto), sessions);
      WebAuth auth = WebAuth.install(http, database, config.dataDir(), clock,
          System.getenv(WebAuth.ADMIN_PASSWORD_ENV));
      LiveFeed feed = new LiveFeed();
      writer.onCommitted(feed::publish);
      credentials = Credentials.open(config.dataDir(), clock);
      credentialLink = CredentialLink.start(URI.create(broker.mqttUrl()), hubLogin, signer, fleet, topics,
          credentials, clock);
      credentialLink.publishHubKeys(topics, signer.chain());
      CredentialLink rotations = credentialLink;
      fleet.onRotationRequested(notice -> rotations.publishRotation(topics, notice));
      fleet.onRotated(account -> rotations.clearRotation(topics, account));
      CredentialRoutes.register(http, credentials);
      FleetRoutes.register(http, fleet, clock);
      Holds holds = Holds.start(database, queue, clock);
      HoldRoutes.register(http, holds);
      PassRoutes.register(http, Passes.open(config.dataDir(), credentials, clock, Passes.DEFAULT_STEP, Passes.DEFAULT_SKEW));
      enrolments = Enrolments.start(database, URI.create(broker.mqttUrl()), hubLogin, signer, fleet,
          topics, clock);
      EnrolmentRoutes.register(http, enrolments.rows());
      ReviewRoutes.register(http, new AnomalyRows(database),
          AnomalyRows.Rules.of(config.evidence(), config.zone()).withApproved(approvals));
      CatalogueRows catalogue = new CatalogueRows(database);
      Dashboard dashboard = new Dashboard(config.dataDir(), config.evidence(), clock, config.zone(),
          database, reports, hours,
          sessions, catalogue, approvals);
      // Dashboard features register here, one line each: Feature.register(http, dashboard);
      UsersPage.register(http, dashboard, auth.users());
      FleetPage.register(http, fleet, holds, config.zone(), () -> reports.terminals(),
          mosquitto == null ? null : mosquitto::status);
      LivePage.register(http, dashboard, feed);
      StationsPage.register(http, dashboard, map);
      Corrections corrections = CorrectionRoutes.register(http, dashboard);
      ReviewPages.register(http, dashboard, corrections, approvals);
      HoursRoutes.register(http, dashboard);
      ImportRoutes.register(http, dashboard, catalogue);
      RecomputeRoutes.register(http, statsSource::recomputeAll, statsSource::recompute);
      ExportRoutes.register(http, dashboard);
      CertificateRoutes.register(http, dashboard, CertificateSettings.fromEnv(System.getenv()));
      HttpListeners listeners = HttpListeners.install(http, config.transport().httpHost(),
          config.httpPort(),
          config.transport().httpsPort(), tls != null && config.transport().https()
              ? tls.serverContext() : null);
      http.start();
      fleet.serving(transport(config, broker, mosquitto, tls, http.port(), listeners.httpsPort()));
      Hub hub = new Hub(config, database, broker, writer, http, credentials, credentialLink,
          enrolments, auth, feed, fleet, tls, listeners);
      LOG.info("RedVest hub up: HTTP on {}:{}, HTTPS {}, MQTT {} ({}), data in {}",
          config.transport().httpHost(), hub.httpPort(),
          hub.httpsPort() < 0 ? "off" : "on port " + hub.httpsPort(),
          hub.mqttUrl(), broker.mode(), config.dataDir().toAbsolutePath());
      if (config.transport().plainHttpExposed()) {
        LOG.warn("INSECURE: plain HTTP on {}:{} carries sign-ins, API tokens and claim answers in"
            + " clear text (insecure-plain-http); use HTTPS or a reverse proxy",
            config.transport().httpHost(), hub.httpPort());
      }
      if (tls != null) {
        LOG.info("terminals pin the hub's TLS key {}", tls.pin());
      }
      return hub;
    } catch (RuntimeException e) {
      closeQuietly(enrolments, credentialLink, writer, broker, fleet, credentials, database);
      throw e;
    }
  }

  /** The dashboard's user accounts: provisioning scripts and tests create managers here. */
  public org.redvest.hub.web.Users users() {
    return auth.users();
  }

  public int httpPort() {
    return http.port();
  }

  /** The bound HTTPS port, or -1 when the hub serves no HTTPS. */
  public int httpsPort() {
    return listeners.httpsPort();
  }

  /** The MQTT-over-TLS port of the embedded broker, or -1 when it has none. */
  public int mqttTlsPort() {
    return broker instanceof EmbeddedBroker embedded ? embedded.tlsPort() : -1;
  }

  /** The hub's TLS key and certificate, when it serves TLS. */
  public Optional<HubTls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The MQTT port terminals connect to: the bound port of the embedded broker. */
  public int mqttPort() {
    return broker.port();
  }

  /** Where terminals connect, e.g. {@code tcp://127.0.0.1:1883}. */
  public String mqttUrl() {
    return broker.mqttUrl();
  }

  public HubConfig config() {
    return config;
  }

  /** Issuer keys, issued credentials, revocations and the roster. */
  public Credentials credentials() {
    return credentials;
  }

  /** Provisioned terminals, claim codes, revocation and the broker's login and topic rules. */
  public Fleet fleet() {
    return fleet;
  }

  /** The API bearer token ({@code <dataDir>/api-token}): {@code Authorization: Bearer <token>}. */
  public String apiToken() {
    return auth.apiToken();
  }

  /** Every registered HTTP route as {@code "METHOD /path"}, for the guard's route-table test. */
  public java.util.List<String> routes() {
    return http.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(e -> e.getEndpoint().getMethod() + " " + e.getEndpoint().getPath())
        .filter(r -> !r.startsWith("BEFORE") && !r.startsWith("AFTER")).toList();
  }

  public IngestStats ingestStats() {
    return writer.stats();
  }

  /** The embedded broker, or empty when the hub uses an external one. */
  public Optional<EmbeddedBroker> embeddedBroker() {
    return broker instanceof EmbeddedBroker embedded ? Optional.of(embedded) : Optional.empty();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.close();
    http.stop();
    closeQuietly(enrolments, credentialLink, writer, broker, fleet, credentials, database);
    LOG.info("RedVest hub stopped");
  }

  /**
   * Writes an external Mosquitto's security files now, before the hub connects (the broker must
   * know the hub's login, and what changed while the hub was down), and after every provisioning
   * and revocation; null when the hub does not manage them.
   */
  /** The hub's login to an external broker, trusting its own TLS key for an {@code ssl://} URL. */
  private static BrokerLogin externalLogin(HubConfig config, MosquittoSecurity mosquitto, HubTls tls) {
    boolean ssl = "ssl".equals(config.externalBroker().orElseThrow().getScheme());
    if (ssl && tls == null) {
      throw new ConfigException("broker-url", "ssl:// needs the hub's TLS key, which this"
          + " configuration turns off (--mqtt-tls-port off and --https-port off)");
    }
    BrokerLogin login = mosquitto != null ? mosquitto.hubLogin() : null;
    // Without the hub's files the operator set the broker up: its certificate is checked against
    // the Java runtime's authorities.
    return ssl && login != null ? login.trusting(tls.ownTrust()) : login;
  }

  static MosquittoSecurity mosquittoSecurity(HubConfig config, Fleet fleet, Clock clock,
      HubTls tls) {
    if (config.mosquittoSecurity().isEmpty()) {
      return null;
    }
    HubConfig.Mosquitto settings = config.mosquittoSecurity().get();
    MosquittoSecurity mosquitto = MosquittoSecurity.of(fleet, settings.dir(),
        HubBrokerPassword.readOrCreate(config.dataDir()), settings.reloadCommand(), clock, tls,
        settings.tlsPort());
    mosquitto.write();
    fleet.onChanged(mosquitto::refresh);
    return mosquitto;
  }

  private static Broker startBroker(HubConfig config, Topics topics, IngestQueue queue,
      Clock clock, Fleet fleet, HubSigner signer, HubTls tls, BrokerLogin hubLogin) {
    if (config.externalBroker().isPresent()) {
      return ExternalBroker.connect(config.externalBroker().get(), hubLogin, topics, queue, clock,
          signer);
    }
    TransportConfig transport = config.transport();
    if (transport.plainMqtt() && !TransportConfig.loopback(transport.mqttHost())) {
      LOG.warn("INSECURE: plain MQTT on {}:{} carries terminals' logins and events in clear text"
          + " (insecure-plain-mqtt); terminals should use MQTT over TLS", transport.mqttHost(),
          config.mqttPort());
    }
    EmbeddedBroker.Listeners listeners = new EmbeddedBroker.Listeners(transport.mqttHost(),
        transport.plainMqtt() ? config.mqttPort() : EmbeddedBroker.Listeners.OFF,
        transport.mqttTls() ? transport.mqttTlsPort() : EmbeddedBroker.Listeners.OFF,
        transport.mqttTls() ? tls.brokerKey() : null, transport.mqttTlsEngine());
    return EmbeddedBroker.start(listeners, config.dataDir().resolve(BROKER_STORE_DIR), topics,
        queue, clock, fleet, signer);
  }

  private static FleetTransport transport(HubConfig config, Broker broker,
      MosquittoSecurity mosquitto, HubTls tls, int httpPort, int httpsPort) {
    TransportConfig t = config.transport();
    // Terminals are handed the TLS port of the broker they use: the embedded one's, or the
    // listener the hub-written Mosquitto files add (same key, same pin).
    int mqttTls = broker instanceof EmbeddedBroker embedded && embedded.tlsPort() > 0
        ? embedded.tlsPort() : mosquitto != null ? mosquitto.tlsPort() : 0;
    boolean plain = broker instanceof EmbeddedBroker embedded && embedded.port() > 0;
    return new FleetTransport(tls == null ? null : tls.pin(), mqttTls, Math.max(httpsPort, 0),
        plain ? t.mqttHost() + ":" + broker.port() : null,
        plain && !TransportConfig.loopback(t.mqttHost()),
        t.plainHttpExposed() ? t.httpHost() + ":" + httpPort : null);
  }

  /**
   * The operator's boundary file, read and drawn once.
   *
   * @throws ConfigException naming {@code map} and saying why the file cannot be drawn
   */
  static BaseMap baseMap(HubConfig.MapFile file) {
    BaseMap map;
    try {
      map = BaseMap.read(file.file(), file.approval());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("map", e.getMessage());
    }
    LOG.info("map {}: {} regions, {} points read, {} drawn ({} characters of SVG paths),"
        + " approval {}", file.file(), map.areas().size(), map.pointsRead(), map.pointsDrawn(),
        map.pathChars(), map.approval() == null ? "none" : map.approval());
    if (map.approval() == null) {
      LOG.warn("map {} has no approval number (审图号): a map shown to the public must carry"
          + " one; set --map-approval", file.file());
    }
    return map;
  }

  /** The hub's TLS key: configured, or made and kept under the data directory's fleet/. */
  static HubTls tls(HubConfig config, Clock clock) {
    TransportConfig transport = config.transport();
    if (!transport.tls()) {
      return null;
    }
    return transport.tlsCertificate() != null
        ? HubTls.configured(transport.tlsCertificate(), transport.tlsKey())
        : HubTls.generated(config.dataDir().resolve("fleet"), transport.tlsNames(), clock);
  }

  private static Map<String, Object> ingestHealth(Broker broker, IngestStats stats,
      IngestWriter.Recompute sessions, MosquittoSecurity mosquitto) {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("broker", Map.of("mode", broker.mode(), "url", broker.mqttUrl()));
    if (mosquitto != null) {
      health.put("mosquittoSecurity", mosquitto.status());
    }
    health.put("ingest", stats);
    health.put("sessionsPending", sessions.pending());
    return health;
  }

  private static void createDirectories(HubConfig config) {
    try {
      Files.createDirectories(config.dataDir().resolve(BROKER_STORE_DIR));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
  }

  /** Closes in the given order; one failing does not keep the others open. */
  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
