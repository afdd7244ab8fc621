package org.redvest.hub.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.redvest.hub.HubConfig;
import org.redvest.hub.domain.audit.AuditReport;
import org.redvest.hub.domain.audit.StoreAudit;
import org.redvest.hub.domain.fleet.ClaimCode;
import org.redvest.hub.domain.fleet.Fleet;
import org.redvest.hub.store.Database;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.EventChain;
import org.redvest.protocol.EventKind;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.SignedPayload;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * How fast {@code redvest-hub audit} re-verifies a store: provisions terminals through the real
 * {@link Fleet}, writes signed, chained events straight into a SQLite file, then audits it twice
 * (a warm-up, then the measured run) and prints a Markdown row per run.
 *
 * <pre>
 * ./mvnw -o -q -pl hub exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.redvest.hub.bench.AuditBenchmark -Dexec.args="20 5000"
 * </pre>
 */
public final class AuditBenchmark {
  private AuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    int terminals = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int perTerminal = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    Path dir = Files.createTempDirectory("redvest-audit-bench");
    System.err.printf(Locale.ROOT, "writing %d terminals x %d signed events into %s%n", terminals,
        perTerminal, dir);
    try (Database database = Database.open(dir.resolve("hub.db"));
        Fleet fleet = Fleet.open(database, HubConfig.defaults(dir).topics(), Clock.systemUTC(),
            HubSigner.open(dir))) {
      for (int t = 1; t <= terminals; t++) {
        TerminalAccount account = TerminalAccount.of("JX-RJ-0001", "kiosk-" + t);
        KeyPair key = Ed25519.generate();
        ClaimCode claim = fleet.createClaim(account, "bench", Duration.ofMinutes(5));
        fleet.provision(ProvisionRequest.signed(claim.code(), account, Ed25519.raw(key.getPublic()),
            key.getPrivate()));
        write(database, account, key, perTerminal);
      }
    }
    System.out.println("| run | events | threads | seconds | events/s | clean |");
    System.out.println("|---|---:|---:|---:|---:|---|");
    try (StoreAudit audit = StoreAudit.onEveryCore()) {
      for (String run : new String[] {"warm-up", "measured"}) {
        AuditReport r = audit.run(dir.resolve("hub.db"),
            new StoreAudit.Scope(Optional.empty(), false, 20));
        System.out.printf(Locale.ROOT, "| %s | %,d | %d | %.2f | %,.0f | %s |%n", run, r.events(),
            Runtime.getRuntime().availableProcessors(), r.took().toNanos() / 1e9,
            r.eventsPerSecond(), r.clean());
      }
    }
  }

  private static void write(Database database, TerminalAccount account, KeyPair key, int events) {
    Instant received = Instant.now().plusSeconds(1);
    OffsetDateTime start = OffsetDateTime.of(2026, 11, 23, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    database.transaction("writing benchmark events", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO events (event_id, station,"
          + " terminal, terminal_seq, volunteer, kind, method, occurred_at, occurred_at_epoch_ms,"
          + " received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        String prev = EventChain.GENESIS;
        for (int seq = 1; seq <= events; seq++) {
          AttendanceEvent e = AttendanceEvent.of(UUID.randomUUID(), account.station(),
              account.terminal(), seq, VolunteerId.of(String.format(Locale.ROOT, "V-360781-%06d", seq % 1000)),
              seq % 2 == 1 ? EventKind.CHECK_IN : EventKind.CHECK_OUT, CheckInMethod.QR,
              start.plusSeconds(seq)).withEvidence(new Evidence(null, null, null, null, prev));
          byte[] body = WireCodec.encodeEvent(e);
          prev = EventChain.hashOf(body);
          st.setString(1, e.eventId().toString());
          st.setString(2, account.station().value());
          st.setString(3, account.terminal().value());
          st.setLong(4, seq);
          st.setString(5, e.volunteerId().value());
          st.setString(6, e.kind().name());
          st.setString(7, e.method().name());
          st.setString(8, WireCodec.formatTime(e.occurredAt()));
          st.setLong(9, e.occurredAt().toInstant().toEpochMilli());
          st.setString(10, received.toString());
          st.setString(11, new String(SignedPayload.sign(body, key.getPrivate()), StandardCharsets.UTF_8));
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }
}
