package org.redvest.hub.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.hub.store.Database;
import org.redvest.hub.transport.link.BrokerLogin;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.Topics;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.testsupport.HandClock;

/**
 * The files the hub writes for Mosquitto, from a real fleet on SQLite; that Mosquitto accepts them
 * is {@code MosquittoSecurityIT}'s part.
 */
class MosquittoSecurityTest {
  private static final TerminalAccount KIOSK = TerminalAccount.of("JX-RJ-0001", "kiosk-1");
  private static final TerminalAccount STOLEN = TerminalAccount.of("JX-RJ-0001", "kiosk-2");
  private static final TerminalAccount OLD = TerminalAccount.of("JX-NC-0002", "kiosk-1");
  private static final BrokerLogin HUB = new BrokerLogin(TerminalAccount.HUB_USERNAME, "hub-secret");

  @TempDir Path dir;
  private final HandClock clock = new HandClock(java.time.Instant.now());
  private Database database;
  private Fleet fleet;

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("hub.db"));
    fleet = Fleet.open(database, Topics.defaults(), clock, HubSigner.open(dir));
  }

  @AfterEach
  void close() {
    fleet.close();
    database.close();
  }

  @Test
  void write_activeTerminalsOnly_exactlyTheirBrokerAclTopics_hubEverything() throws IOException {
    Provisioning kiosk = provision(KIOSK);
    provision(STOLEN);
    fleet.revoke(STOLEN, "admin");
    Path out = dir.resolve("mosquitto");

    MosquittoStatus status = MosquittoSecurity.of(fleet, out, HUB, null, clock).write();

    String passwd = Files.readString(out.resolve(MosquittoSecurity.PASSWORD_FILE));
    assertThat(entries(passwd)).extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactly(TerminalAccount.HUB_USERNAME, KIOSK.username());
    assertThat(MosquittoHash.matches(hashOf(passwd, KIOSK.username()), kiosk.password())).isTrue();
    assertThat(MosquittoHash.matches(hashOf(passwd, HUB.username()), HUB.password())).isTrue();
    List<String> acl = entries(Files.readString(out.resolve(MosquittoSecurity.ACL_FILE)));
    BrokerAcl rules = fleet.acl();
    assertThat(acl).containsExactlyElementsOf(Stream.of(
        Stream.of("user redvest-hub", "topic readwrite #", "user " + KIOSK.username()),
        rules.writes(KIOSK).stream().map(t -> "topic write " + t),
        rules.reads(KIOSK).stream().map(t -> "topic read " + t)).flatMap(s -> s).toList());
    assertThat(entries(Files.readString(out.resolve(MosquittoSecurity.CONF_FILE)))).containsExactly(
        "per_listener_settings false", "allow_anonymous false",
        "password_file " + out.toAbsolutePath().resolve(MosquittoSecurity.PASSWORD_FILE),
        "acl_file " + out.toAbsolutePath().resolve(MosquittoSecurity.ACL_FILE));
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(
          Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-r-----")).hasSize(3);
    }
    assertThat(status.terminals()).isEqualTo(1);
    assertThat(status.reload()).isEqualTo(MosquittoStatus.Reload.NOT_CONFIGURED);
  }

  @Test
  void write_terminalProvisionedBeforeSchema12_leftOutAndNamedInTheFile() throws IOException {
    provision(KIOSK);
    provision(OLD);
    database.transaction("forgetting a hash, as schema 11 had none", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE fleet_terminals SET mosquitto_hash = NULL WHERE station = ?")) {
        st.setString(1, OLD.station().value());
        return st.executeUpdate();
      }
    });
    fleet.close();
    fleet = Fleet.open(database, Topics.defaults(), clock, HubSigner.open(dir));

    MosquittoStatus status = MosquittoSecurity.of(fleet, dir.resolve("m"), HUB, null, clock).write();

    String passwd = Files.readString(dir.resolve("m").resolve(MosquittoSecurity.PASSWORD_FILE));
    assertThat(entries(passwd)).noneMatch(l -> l.startsWith(OLD.username()));
    assertThat(passwd).contains("#   " + OLD.username() + "\n");
    assertThat(Files.readString(dir.resolve("m").resolve(MosquittoSecurity.ACL_FILE)))
        .doesNotContain(OLD.username());
    assertThat(status.unlisted()).containsExactly(OLD.username());
  }

  @Test
  void provisionAndRevoke_rewriteAndRunTheReload_aFailingOneIsShown() throws IOException {
    Path out = dir.resolve("m");
    Path marker = dir.resolve("reloaded");
    MosquittoSecurity ok = MosquittoSecurity.of(fleet, out, HUB,
        "echo reload >> '" + marker + "'", clock);
    fleet.onChanged(ok::refresh);

    provision(KIOSK);
    fleet.revoke(KIOSK, "admin");

    assertThat(Files.readAllLines(marker)).containsExactly("reload", "reload");
    assertThat(Files.readString(out.resolve(MosquittoSecurity.PASSWORD_FILE)))
        .doesNotContain(KIOSK.username() + ":");
    assertThat(ok.status().reload()).isEqualTo(MosquittoStatus.Reload.OK);

    MosquittoStatus failed = MosquittoSecurity.of(fleet, out, HUB,
        "echo mosquitto is not running >&2; exit 3", clock).write();
    assertThat(failed.reload()).isEqualTo(MosquittoStatus.Reload.FAILED);
    assertThat(failed.detail()).contains("exit 3: mosquitto is not running");
  }

  @Test
  void revokeWithHold_keepsTheLoginWithItsReportsAndAcksOnly_endHoldRemovesIt() throws IOException {
    Path out = dir.resolve("m");
    MosquittoSecurity files = MosquittoSecurity.of(fleet, out, HUB, null, clock);
    fleet.onChanged(files::refresh);
    provision(KIOSK);

    fleet.revoke(KIOSK, "admin", true);
    String held = Files.readString(out.resolve(MosquittoSecurity.ACL_FILE));

    assertThat(Files.readString(out.resolve(MosquittoSecurity.PASSWORD_FILE))).contains(KIOSK.username() + ":");
    String own = "redvest/v1/stations/" + KIOSK.station() + "/terminals/" + KIOSK.terminal() + "/";
    assertThat(entries(held).subList(entries(held).indexOf("user " + KIOSK.username()), entries(held).size()))
        .containsExactly("user " + KIOSK.username(), "topic write " + own + "events",
            "topic write " + own + "status", "topic write " + own + "heartbeat", "topic read " + own + "ack");

    fleet.endHold(KIOSK, "admin");

    assertThat(Files.readString(out.resolve(MosquittoSecurity.PASSWORD_FILE))).doesNotContain(KIOSK.username() + ":");
    assertThat(Files.readString(out.resolve(MosquittoSecurity.ACL_FILE))).doesNotContain(KIOSK.username());
  }

  @Test
  void hubBrokerPassword_madeOnce_ownerOnly() throws IOException {
    BrokerLogin first = HubBrokerPassword.readOrCreate(dir);
    BrokerLogin again = HubBrokerPassword.readOrCreate(dir);

    assertThat(again).isEqualTo(first);
    assertThat(first.username()).isEqualTo(TerminalAccount.HUB_USERNAME);
    assertThat(first.password()).hasSize(43);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve(HubBrokerPassword.FILE)))).isEqualTo("rw-------");
  }

  private Provisioning provision(TerminalAccount account) {
    KeyPair key = Ed25519.generate();
    ClaimCode claim = fleet.createClaim(account, "admin", Duration.ofHours(1));
    return fleet.provision(ProvisionRequest.signed(claim.code(), account,
        Ed25519.raw(key.getPublic()), key.getPrivate()));
  }

  private static List<String> entries(String file) {
    return file.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  private static String hashOf(String passwd, String username) {
    return entries(passwd).stream().filter(l -> l.startsWith(username + ":")).findFirst()
        .orElseThrow().substring(username.length() + 1);
  }
}
