package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventChain;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.SignedPayload;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * {@code redvest-hub audit} against a real store: events published by a provisioned kiosk through
 * the real embedded broker, then edited in the database the way someone with the file would. The
 * audit runs while the hub is up (read-only connection).
 */
class AuditCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String HOME = "JX-RJ-0001";
  private static final String OTHER = "JX-NC-0002";

  @TempDir Path dir;
  private Hub hub;
  private final List<String> ids = new ArrayList<>();

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  @BeforeEach
  void storeThreeChainedEvents() throws Exception {
    hub = Hub.start(HubConfig.local(dir));
    HubHttp http = HubHttp.api(hub);
    try (PahoTerminal kiosk = new PahoTerminal(hub, HOME, "kiosk-1")) {
      String prev = EventChain.GENESIS;
      String[][] events = {{"CHECK_IN", "09:00"}, {"CHECK_OUT", "12:00"}, {"CHECK_IN", "13:00"}};
      for (int i = 0; i < events.length; i++) {
        AttendanceEvent e = kiosk.event(i + 1, "V-360781-000101", EventKind.valueOf(events[i][0]),
            "2026-11-23T" + events[i][1] + ":00+08:00").withEvidence(new Evidence(null, null, null, null, prev));
        prev = EventChain.hashOf(WireCodec.encodeEvent(e));
        ids.add(e.eventId().toString());
        kiosk.publish(e);
      }
      await().atMost(WAIT).until(() -> Long.valueOf(3).equals(kiosk.lastAck()));
    }
    assertThat(http.eventCount()).isEqualTo(3);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void audit_cleanStore_passesWhileTheHubRuns() throws Exception {
    Run text = audit();
    Run json = audit("--json");

    assertThat(text.exit()).as(text.out() + text.err()).isZero();
    assertThat(text.out()).containsPattern("JX-RJ-0001/kiosk-1 +3 +3 +0 +0 +0 +0 +0 +0 +0")
        .contains("CLEAN: audited 3 events of 1 terminal(s)").contains("events/s");
    assertThat(json.exit()).isZero();
    assertThat(json.json().path("clean").asBoolean()).isTrue();
    assertThat(json.json().path("terminals").get(0).path("verified").asLong()).isEqualTo(3);
    assertThat(json.json().path("eventsPerSecond").asLong()).isPositive();
    assertThat(audit("--station", OTHER, "--json").json().path("events").asLong()).as("another station").isZero();
  }

  @Test
  void audit_payloadEditedInTheDatabase_reportsItsIdAndExits1() throws Exception {
    sql("UPDATE events SET payload = replace(payload, 'T12:00:00', 'T17:00:00') WHERE terminal_seq = 2");

    Run run = audit();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(ids.get(1) + " +JX-RJ-0001/kiosk-1 #2 +BAD_SIGNATURE: does not verify with any of the 1 key")
        .containsPattern(ids.get(1) + " +JX-RJ-0001/kiosk-1 #2 +ROW_MISMATCH: .*occurred_at is 2026-11-23T04:00:00Z,"
            + " the payload says 2026-11-23T09:00:00Z")
        .containsPattern(ids.get(2) + " +JX-RJ-0001/kiosk-1 #3 +CHAIN_BREAK: prevHash does not match the stored event 2")
        .contains("FAILED, 3 failure(s)");
    assertThat(audit("--json").json().path("terminals").get(0).path("badSignature").asLong()).isEqualTo(1);
  }

  @Test
  void audit_eventSignedByAnotherTerminalsKey_reportedAsUnknownKey() throws Exception {
    Provisioning other = FleetLogins.of(hub, OTHER, "kiosk-1");
    byte[] body = SignedPayload.split(payload(1)).orElseThrow().body();
    setPayload(1, FleetLogins.sign(other, body));

    Run run = audit();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern(ids.get(0) + " +JX-RJ-0001/kiosk-1 #1 +UNKNOWN_KEY: signed by key "
        + other.keyFingerprint().replace("+", "\\+") + " bound to JX-NC-0002/kiosk-1, not to JX-RJ-0001/kiosk-1");
    assertThat(audit("--json").json().path("terminals").get(0).path("unknownKey").asLong()).isEqualTo(1);
  }

  @Test
  void audit_eventSignedByAKeyReplacedLongBeforeItArrived_reportedAsRetiredKey() throws Exception {
    java.security.KeyPair next = org.redvest.protocol.credential.Ed25519.generate();
    TerminalAccount account = TerminalAccount.of(HOME, "kiosk-1");
    hub.fleet().provision(org.redvest.protocol.fleet.ProvisionRequest.signed(
        hub.fleet().createClaim(account, "test", Duration.ofHours(1)).code(), account,
        org.redvest.protocol.credential.Ed25519.raw(next.getPublic()), next.getPrivate()));
    Instant replaced = hub.fleet().terminal(account).orElseThrow().provisionedAt();

    assertThat(audit().exit()).as("events signed before the key was replaced").isZero();
    String late = replaced.plus(org.redvest.hub.domain.fleet.Fleet.RETIRED_KEY_GRACE).plusSeconds(1).toString();
    sql("UPDATE events SET received_at = '" + late + "' WHERE terminal_seq = 2");
    assertThat(audit().exit()).as("#3, received in time, links to #2 and vouches for it, as at ingest")
        .isZero();
    sql("UPDATE events SET received_at = '" + late + "' WHERE terminal_seq = 3");
    Run run = audit();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern(ids.get(2) + " +JX-RJ-0001/kiosk-1 #3 +RETIRED_KEY: signed by key .* replaced at "
        + java.util.regex.Pattern.quote(replaced.toString()));
    assertThat(audit("--json").json().path("terminals").get(0).path("unknownKey").asLong())
        .as("#2 and #3: nothing after them vouches").isEqualTo(2);
  }

  @Test
  void audit_withAnchor_eventsDeletedFromTheEndOfAChain_foundThoughTheyLeaveNoGap() throws Exception {
    Path anchor = dir.resolve("anchor.json");
    Run first = audit("--anchor", anchor.toString());
    assertThat(first.exit()).isZero();
    assertThat(first.err()).contains("anchor written to " + anchor + ": 1 terminal(s)");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor)))
        .isEqualTo("rw-------");
    byte[] written = Files.readAllBytes(anchor);

    sql("DELETE FROM events WHERE terminal_seq = 3");

    assertThat(audit().exit()).as("without the anchor the store looks whole").isZero();
    Run run = audit("--anchor", anchor.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("JX-RJ-0001/kiosk-1 #3  TRUNCATED: the last clean audit anchored #3;"
        + " the chain now ends at #2: events were deleted");
    assertThat(run.err()).contains("kept as it was");
    assertThat(Files.readAllBytes(anchor)).as("the failure stays for the next audit").isEqualTo(written);
  }

  @Test
  void audit_withAnchor_anchoredEventReplacedByAValidlySignedOne_found_anEditedAnchorRefused() throws Exception {
    Path anchor = dir.resolve("anchor.json");
    assertThat(audit("--anchor", anchor.toString()).exit()).isZero();
    String text = Files.readString(anchor);
    // Whoever holds the kiosk's key re-signs the last event with another activity: signature,
    // row and chain all still hold.
    String body = new String(SignedPayload.split(payload(3)).orElseThrow().body(), StandardCharsets.UTF_8);
    setPayload(3, FleetLogins.sign(FleetLogins.of(hub, HOME, "kiosk-1"),
        (body.substring(0, body.length() - 1) + ",\"activityId\":\"A-forged\"}").getBytes(StandardCharsets.UTF_8)));

    assertThat(audit().exit()).as("without the anchor nothing shows").isZero();
    Run replaced = audit("--anchor", anchor.toString());
    Files.writeString(anchor, text.replace("\"seq\":3", "\"seq\":2"));
    Run edited = audit("--anchor", anchor.toString());

    assertThat(replaced.exit()).isEqualTo(1);
    assertThat(replaced.out()).contains(ids.get(2) + "  JX-RJ-0001/kiosk-1 #3  ANCHOR_MISMATCH: the last clean"
        + " audit anchored #3 with hash ");
    assertThat(edited.exit()).isEqualTo(2);
    assertThat(edited.err()).contains("the anchor file's signature does not verify: it was edited");
  }

  @Test
  void audit_legacyUnsignedRows_reportedApart_failingOnlyWhenStrict() throws Exception {
    setPayload(1, SignedPayload.split(payload(1)).orElseThrow().body());
    sql("UPDATE events SET received_at = '2025-01-01T00:00:00Z' WHERE terminal_seq = 1");

    Run lenient = audit("--json");
    Run strict = audit("--strict");

    assertThat(lenient.exit()).isZero();
    assertThat(lenient.json().path("terminals").get(0).path("unsigned").asLong()).isEqualTo(1);
    assertThat(lenient.json().path("terminals").get(0).path("verified").asLong()).isEqualTo(2);
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).containsPattern(ids.get(0) + " +JX-RJ-0001/kiosk-1 #1 +UNSIGNED: ");
  }

  @Test
  void audit_unsignedRowReceivedAfterTheTerminalJoined_fails() throws Exception {
    setPayload(3, SignedPayload.split(payload(3)).orElseThrow().body());

    Run run = audit();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern(ids.get(2) + " +JX-RJ-0001/kiosk-1 #3 +UNSIGNED_SINCE_JOINED: ");
  }

  @Test
  void audit_eventReceivedAfterTheRevocation_fails() throws Exception {
    hub.fleet().revoke(TerminalAccount.of(HOME, "kiosk-1"), "test");
    sql("UPDATE events SET received_at = '" + Instant.now().plus(Duration.ofHours(1)) + "' WHERE terminal_seq = 3");

    Run run = audit();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern(ids.get(2) + " +JX-RJ-0001/kiosk-1 #3 +AFTER_REVOCATION: received at .*, after"
        + " JX-RJ-0001/kiosk-1 was revoked at ");
    assertThat(run.out()).doesNotContain(ids.get(0)).doesNotContain(ids.get(1));
  }

  @Test
  void audit_badUsageOrNoStore_exit2() {
    assertThat(audit("--colour", "red").exit()).isEqualTo(2);
    assertThat(audit("stray").exit()).isEqualTo(2);
    assertThat(audit("--station").exit()).as("missing value").isEqualTo(2);
    assertThat(audit("--station", "not a station!").exit()).isEqualTo(2);
    assertThat(audit("--list", "many").exit()).isEqualTo(2);
    assertThat(audit("--list", "-1").exit()).isEqualTo(2);
    Run none = run("audit", "--data-dir", dir.resolve("nowhere").toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no hub database at");
  }

  // --- helpers ---

  private Run audit(String... more) {
    List<String> args = new ArrayList<>(List.of("audit", "--data-dir", dir.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = AuditCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private byte[] payload(long seq) throws SQLException {
    try (Connection c = connect();
        PreparedStatement st = c.prepareStatement("SELECT payload FROM events WHERE terminal_seq = ?")) {
      st.setLong(1, seq);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1).getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  private void setPayload(long seq, byte[] payload) throws SQLException {
    try (Connection c = connect();
        PreparedStatement st = c.prepareStatement("UPDATE events SET payload = ? WHERE terminal_seq = ?")) {
      st.setString(1, new String(payload, StandardCharsets.UTF_8));
      st.setLong(2, seq);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  private void sql(String update) throws SQLException {
    try (Connection c = connect(); PreparedStatement st = c.prepareStatement(update)) {
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Hub.DATABASE_FILE));
    try (var st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout=10000");
    }
    return c;
  }
}
