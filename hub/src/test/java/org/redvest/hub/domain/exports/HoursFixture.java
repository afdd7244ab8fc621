package org.redvest.hub.domain.exports;

import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.redvest.hub.Hub;
import org.redvest.hub.HubConfig;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.Role;
import org.redvest.hub.domain.catalogue.ActivityInfo;
import org.redvest.hub.domain.catalogue.Catalogue;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.StationInfo;
import org.redvest.hub.domain.catalogue.VolunteerInfo;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.SessionQuery;
import org.redvest.hub.hours.SessionSource;
import org.redvest.hub.store.Database;
import org.redvest.hub.store.Reports;
import org.redvest.hub.web.Access;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/**
 * A real hub (embedded broker, SQLite) fed by real MQTT check-ins from two kiosks, and a dashboard
 * app on port 0 with the export and certificate features over the hub's database. Until sign-in
 * and the catalogue tables are merged, the user comes from the {@code X-Test-User} header ({@code
 * admin} or {@code manager} of JX-RJ-0001) and the catalogue is {@link #CATALOGUE}.
 *
 * <p>The check-ins (all in November 2026, Asia/Shanghai):
 * <pre>
 *   张三丰 V-360781-000101  JX-RJ-0001  11-02 09:00–11:30 (150 min, ACT-GUIDE), 11-03 14:00–15:45 (105 min)
 *                          JX-GZ-0002  11-05 09:00–10:00 (60 min, ACT-MUSEUM)          total 315 min
 *   李四   V-360781-000102  JX-RJ-0001  11-02 09:10–10:40 (90 min, no activity id)
 *   formula name V-...0103  JX-GZ-0002  11-04 08:00–08:45 (45 min)
 * </pre>
 */
public final class HoursFixture implements AutoCloseable {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final StationId RUIJIN = StationId.of("JX-RJ-0001");
  public static final StationId GANZHOU = StationId.of("JX-GZ-0002");
  public static final VolunteerId ZHANG = VolunteerId.of("V-360781-000101");
  public static final VolunteerId LI = VolunteerId.of("V-360781-000102");
  public static final VolunteerId FORMULA = VolunteerId.of("V-360781-000103");
  public static final String FORMULA_NAME = "=HYPERLINK(\"http://x\",\"点我\")";
  public static final Principal ADMIN = new Principal("admin", "管理员", Role.HUB_ADMIN, Set.of());
  public static final Principal MANAGER = new Principal("rj-manager", "瑞金站长", Role.STATION_MANAGER,
      Set.of(RUIJIN));
  public static final Organisation RUIJIN_ORG = new Organisation("ORG-RJ", "瑞金市志愿者协会", null, "李明",
      "王芳", "0797-2521234");
  public static final Catalogue CATALOGUE = new TestCatalogue();
  private static final Duration WAIT = Duration.ofSeconds(15);

  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
  public final Hub hub;
  public final Database database;
  public final Dashboard dashboard;
  public final Javalin app;

  private HoursFixture(Path dataDir, BiConsumer<Javalin, Dashboard> features) throws Exception {
    hub = Hub.start(HubConfig.local(dataDir));
    checkIns();
    database = Database.open(dataDir.resolve("hub.db"));
    Reports reports = new Reports(database);
    HoursCalculator hours = new HoursCalculator(hub.config().maxSession(), clock);
    SessionSource sessions = q -> reports.sessions(q).stream().map(hours::asOfNow).toList();
    await().atMost(WAIT).until(() -> sessions.sessions(new SessionQuery(null, null, null, null)).size() == 5);
    dashboard = new Dashboard(hub.config().dataDir(), hub.config().evidence(), clock, ZONE, database, reports, hours, sessions, CATALOGUE);
    app = Javalin.create(config -> config.showJavalinBanner = false);
    app.before(ctx -> {
      String who = ctx.header("X-Test-User") != null ? ctx.header("X-Test-User") : ctx.cookie("test-user");
      if ("admin".equals(who)) {
        ctx.attribute(Access.PRINCIPAL, ADMIN);
      } else if ("manager".equals(who)) {
        ctx.attribute(Access.PRINCIPAL, MANAGER);
      }
    });
    features.accept(app, dashboard);
    app.start(0);
  }

  /** Starts the hub, publishes the check-ins, waits for their sessions, starts the app. */
  public static HoursFixture start(Path dataDir, BiConsumer<Javalin, Dashboard> features) throws Exception {
    return new HoursFixture(dataDir, features);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  private void checkIns() throws MqttException {
    try (Kiosk ruijin = new Kiosk(hub, RUIJIN, "kiosk-1");
        Kiosk ganzhou = new Kiosk(hub, GANZHOU, "kiosk-2")) {
      ruijin.visit(ZHANG, "2026-11-02T09:00", "2026-11-02T11:30", "ACT-GUIDE");
      ruijin.visit(LI, "2026-11-02T09:10", "2026-11-02T10:40", null);
      ruijin.visit(ZHANG, "2026-11-03T14:00", "2026-11-03T15:45", "ACT-GUIDE");
      ganzhou.visit(FORMULA, "2026-11-04T08:00", "2026-11-04T08:45", null);
      ganzhou.visit(ZHANG, "2026-11-05T09:00", "2026-11-05T10:00", "ACT-MUSEUM");
      await().atMost(WAIT).until(() -> Long.valueOf(6).equals(ruijin.lastAck.get())
          && Long.valueOf(4).equals(ganzhou.lastAck.get()));
    }
  }

  @Override
  public void close() {
    app.stop();
    database.close();
    hub.close();
  }

  /** A kiosk publishing over Paho (QoS 1) as the terminal does. */
  private static final class Kiosk implements AutoCloseable {
    final java.util.concurrent.atomic.AtomicReference<Long> lastAck = new java.util.concurrent.atomic.AtomicReference<>();
    private final StationId station;
    private final TerminalId terminal;
    private final MqttClient client;
    private final org.redvest.protocol.fleet.Provisioning login;
    private long seq;

    Kiosk(org.redvest.hub.Hub hub, StationId station, String terminal) throws MqttException {
      this.station = station;
      this.terminal = TerminalId.of(terminal);
      login = org.redvest.hub.FleetLogins.of(hub, station.value(), terminal);
      client = new MqttClient(hub.mqttUrl(),
          login.account().clientId(org.redvest.protocol.fleet.TerminalAccount.Link.EVENTS),
          new MemoryPersistence());
      MqttConnectOptions options = org.redvest.hub.FleetLogins.options(login);
      options.setCleanSession(true);
      // The shared connect: it retries when Moquette 0.17 drops a connection right after CONNACK.
      org.redvest.testsupport.MqttClients.connect(client, options, () -> client.subscribe(
          Topics.defaults().ack(station, this.terminal), 1,
          (topic, message) -> lastAck.set(WireCodec.decodeAck(message.getPayload()).committedSeq())));
    }

    void visit(VolunteerId volunteer, String in, String out, String activity) throws MqttException {
      publish(volunteer, EventKind.CHECK_IN, in, activity);
      publish(volunteer, EventKind.CHECK_OUT, out, activity);
    }

    private void publish(VolunteerId volunteer, EventKind kind, String at, String activity) throws MqttException {
      AttendanceEvent event = AttendanceEvent.of(UUID.randomUUID(), station, terminal, ++seq, volunteer, kind,
          CheckInMethod.QR, OffsetDateTime.parse(at + ":00+08:00"));
      if (activity != null) {
        event = event.withActivityId(activity);
      }
      MqttMessage message = new MqttMessage(org.redvest.hub.FleetLogins.sign(login, WireCodec.encodeEvent(event)));
      message.setQos(1);
      client.publish(Topics.defaults().events(station, terminal), message);
    }

    @Override
    public void close() throws MqttException {
      client.disconnect();
      client.close();
    }
  }

  /** A clock tests can move (e.g. into the next year). */
  public static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    public void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The catalogue the tests use until the catalogue tables are merged. */
  private static final class TestCatalogue implements Catalogue {
    private final Map<VolunteerId, VolunteerInfo> volunteers = new HashMap<>();
    private final List<StationInfo> stations = List.of(
        new StationInfo(RUIJIN, "瑞金红色旧址服务站", "ORG-RJ", 25.88, 116.03),
        new StationInfo(GANZHOU, "赣州博物馆服务站", "ORG-GZ", 25.83, 114.93));
    private final List<Organisation> organisations = List.of(RUIJIN_ORG,
        new Organisation("ORG-GZ", "赣州市青年志愿者协会", null, "陈刚", "刘洋", "0797-8123456"));
    private final List<ActivityInfo> activities = List.of(
        new ActivityInfo("ACT-GUIDE", "红色讲解", RUIJIN, "ORG-RJ", "为游客提供红色旧址讲解服务"),
        new ActivityInfo("ACT-MUSEUM", "博物馆引导", GANZHOU, "ORG-GZ", "展厅秩序维护与观众引导"));

    TestCatalogue() {
      volunteers.put(ZHANG, new VolunteerInfo(ZHANG, "张三丰", "ORG-RJ", "3607**********0011"));
      volunteers.put(LI, new VolunteerInfo(LI, "李四, \"小李\"", "ORG-RJ", null));
      volunteers.put(FORMULA, new VolunteerInfo(FORMULA, FORMULA_NAME, "ORG-GZ", null));
    }

    @Override public Optional<VolunteerInfo> volunteer(VolunteerId id) { return Optional.ofNullable(volunteers.get(id)); }
    @Override public List<StationInfo> stations() { return stations; }
    @Override public Optional<StationInfo> station(StationId id) {
      return stations.stream().filter(s -> s.id().equals(id)).findFirst();
    }
    @Override public List<Organisation> organisations() { return organisations; }
    @Override public Optional<Organisation> organisation(String id) {
      return organisations.stream().filter(o -> o.id().equals(id)).findFirst();
    }
    @Override public List<ActivityInfo> activities() { return activities; }
    @Override public Optional<ActivityInfo> activity(String id) {
      return activities.stream().filter(a -> a.id().equals(id)).findFirst();
    }
  }
}
