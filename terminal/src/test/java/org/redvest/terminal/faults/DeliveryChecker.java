package org.redvest.terminal.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.redvest.hub.hours.Attendance;
import org.redvest.hub.hours.HoursCalculator;
import org.redvest.hub.hours.Session;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/**
 * One checker over terminal outboxes (the ground truth: what each terminal committed before
 * telling the volunteer) and the hub's database, in the lost / duplicated / unexpected / recovered
 * scheme of Jepsen's queue checks, per terminal:
 *
 * <ul>
 *   <li><b>told-not-kept</b>: the terminal printed "checked in" for a seq its outbox does not hold
 *       (a durability failure of the terminal itself);
 *   <li><b>lost</b>: committed in the outbox, absent from the hub;
 *   <li><b>duplicated</b>: an eventId, or a (terminal, terminalSeq), stored more than once;
 *   <li><b>unexpected</b>: stored by the hub under this terminal but in no outbox;
 *   <li><b>seq mismatch</b>: stored under another terminalSeq than the outbox gave it;
 *   <li><b>recovered</b>: delivered although its first publish was not enough (sent more than
 *       once), i.e. saved by the end-to-end ack;
 *   <li><b>hours</b>: volunteers whose minutes in the hub's sessions differ from the hours rules
 *       applied to the outbox events.
 * </ul>
 */
final class DeliveryChecker {
  private DeliveryChecker() {}

  /** A terminal to check: its outbox, and optionally the seqs it told volunteers about. */
  record Terminal(String station, String terminal, Path dataDir, Set<Long> told) {
    Terminal(String station, String terminal, Path dataDir) {
      this(station, terminal, dataDir, Set.of());
    }
  }

  record Result(String terminal, long told, long committed, long delivered, long toldNotKept,
      long lost, long duplicated, long unexpected, long seqMismatch, long recovered,
      long volunteersWithWrongHours) {
    boolean exact() {
      return toldNotKept == 0 && lost == 0 && duplicated == 0 && unexpected == 0 && seqMismatch == 0
          && volunteersWithWrongHours == 0;
    }
  }

  record Report(List<Result> terminals) {
    boolean exact() {
      return terminals.stream().allMatch(Result::exact);
    }

    long sum(java.util.function.ToLongFunction<Result> field) {
      return terminals.stream().mapToLong(field).sum();
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(
          "| terminal | told | committed | delivered | told-not-kept | lost | duplicated | unexpected"
              + " | seq mismatch | recovered | wrong hours |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (Result r : terminals) {
        s.append("| ").append(r.terminal()).append(" | ").append(r.told()).append(" | ")
            .append(r.committed()).append(" | ").append(r.delivered()).append(" | ")
            .append(r.toldNotKept()).append(" | ").append(r.lost()).append(" | ")
            .append(r.duplicated()).append(" | ").append(r.unexpected()).append(" | ")
            .append(r.seqMismatch()).append(" | ").append(r.recovered()).append(" | ")
            .append(r.volunteersWithWrongHours()).append(" |\n");
      }
      return s.toString();
    }
  }

  private record OutboxRow(long seq, String eventId, int sendCount, AttendanceEvent event) {}

  private record HubRow(String eventId, long seq) {}

  /** Checks every terminal against the hub database file {@code hubDb} (read-only). */
  static Report check(Path hubDb, List<Terminal> terminals) {
    Map<String, List<OutboxRow>> outboxes = new LinkedHashMap<>();
    for (Terminal t : terminals) {
      outboxes.put(t.terminal(), readOutbox(t.dataDir()));
    }
    Map<VolunteerId, Long> truth = groundTruthMinutes(outboxes.values());
    Map<String, Long> hubMinutes = hubMinutes(hubDb);
    List<Result> results = new ArrayList<>();
    for (Terminal t : terminals) {
      List<OutboxRow> outbox = outboxes.get(t.terminal());
      List<HubRow> hub = readHub(hubDb, t.station(), t.terminal());
      results.add(compare(t, outbox, hub, truth, hubMinutes));
    }
    return new Report(results);
  }

  private static Result compare(Terminal t, List<OutboxRow> outbox, List<HubRow> hub,
      Map<VolunteerId, Long> truth, Map<String, Long> hubMinutes) {
    Map<String, OutboxRow> byId = new HashMap<>();
    Set<Long> kept = new HashSet<>();
    for (OutboxRow row : outbox) {
      byId.put(row.eventId(), row);
      kept.add(row.seq());
    }
    Map<String, Integer> idCounts = new HashMap<>();
    Map<Long, Integer> seqCounts = new HashMap<>();
    long unexpected = 0;
    long seqMismatch = 0;
    for (HubRow row : hub) {
      idCounts.merge(row.eventId(), 1, Integer::sum);
      seqCounts.merge(row.seq(), 1, Integer::sum);
      OutboxRow mine = byId.get(row.eventId());
      if (mine == null) {
        unexpected++;
      } else if (mine.seq() != row.seq()) {
        seqMismatch++;
      }
    }
    long duplicated = idCounts.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum()
        + seqCounts.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
    long lost = outbox.stream().filter(r -> !idCounts.containsKey(r.eventId())).count();
    long recovered = outbox.stream()
        .filter(r -> idCounts.containsKey(r.eventId()) && r.sendCount() > 1).count();
    long toldNotKept = t.told().stream().filter(seq -> !kept.contains(seq)).count();
    Set<VolunteerId> volunteers = new HashSet<>();
    outbox.forEach(r -> volunteers.add(r.event().volunteerId()));
    long wrongHours = volunteers.stream()
        .filter(v -> !truth.getOrDefault(v, 0L).equals(hubMinutes.getOrDefault(v.value(), 0L)))
        .count();
    return new Result(t.terminal(), t.told().size(), outbox.size(), idCounts.size(), toldNotKept,
        lost, duplicated, unexpected, seqMismatch, recovered, wrongHours);
  }

  /** Minutes per volunteer by the hub's own rules over exactly what the outboxes committed. */
  static Map<VolunteerId, Long> groundTruthMinutes(Iterable<List<OutboxRow>> outboxes) {
    Map<VolunteerId, List<Attendance>> byVolunteer = new TreeMap<>(
        (a, b) -> a.value().compareTo(b.value()));
    for (List<OutboxRow> rows : outboxes) {
      for (OutboxRow row : rows) {
        AttendanceEvent e = row.event();
        byVolunteer.computeIfAbsent(e.volunteerId(), v -> new ArrayList<>()).add(new Attendance(
            e.eventId(), e.volunteerId(), e.stationId(), e.terminalId(), e.terminalSeq(), e.kind(),
            e.occurredAt(), e.occurredAt().toInstant()));
      }
    }
    HoursCalculator rules = new HoursCalculator(Duration.ofHours(12), Clock.systemUTC());
    Map<VolunteerId, Long> minutes = new HashMap<>();
    byVolunteer.forEach((v, events) -> minutes.put(v,
        rules.sessions(events).stream().mapToLong(Session::minutes).sum()));
    return minutes;
  }

  private static List<OutboxRow> readOutbox(Path dataDir) {
    Path file = dataDir.resolve("outbox.db");
    List<OutboxRow> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    String sql = "SELECT seq, event_id, send_count, payload FROM events ORDER BY seq";
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
        PreparedStatement ps = db.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getInt(3),
            WireCodec.decodeEvent(rs.getBytes(4))));
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read outbox " + file, e);
    }
    return rows;
  }

  private static List<HubRow> readHub(Path hubDb, String station, String terminal) {
    String sql = "SELECT event_id, terminal_seq FROM events WHERE station = ? AND terminal = ?";
    List<HubRow> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + hubDb + "?mode=ro");
        PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, station);
      ps.setString(2, terminal);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new HubRow(rs.getString(1), rs.getLong(2)));
        }
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read hub database " + hubDb, e);
    }
    return rows;
  }

  private static Map<String, Long> hubMinutes(Path hubDb) {
    Map<String, Long> minutes = new HashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + hubDb + "?mode=ro");
        PreparedStatement ps = db.prepareStatement(
            "SELECT volunteer, SUM(minutes) FROM sessions GROUP BY volunteer");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        minutes.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read hub sessions " + hubDb, e);
    }
    return minutes;
  }

  /** The seqs a {@link BurstDriver} printed as told, from its log. */
  static Set<Long> toldSeqs(Path log) {
    Set<Long> told = new HashSet<>();
    try {
      if (!Files.exists(log)) {
        return told;
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith("told ")) {
          String[] parts = line.split(" ");
          if (parts.length == 3) {
            told.add(Long.parseLong(parts[1]));
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError("cannot read " + log, e);
    }
    return told;
  }
}
