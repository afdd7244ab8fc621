package org.redvest.hub.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redvest.protocol.EventChain;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.WireCodec;

/**
 * Verifies each terminal's hash chain over its contiguous committed events ({@code 1..committed_seq},
 * which never change once stored) on the read connection, after the ingest writer has committed
 * them and apart from it. Progress is remembered in memory, so each call hashes only the events
 * committed since the last one; a restarted hub verifies everything once.
 *
 * <p>Rules: event 1's {@code prevHash} is {@link EventChain#GENESIS}; event n's is the SHA-256 of
 * the stored payload of event n−1; once a terminal has sent a {@code prevHash}, every later event
 * must carry one. A terminal that never sent one (older software) is intact but unchained.
 */
public final class Chains {
  private static final int BATCH = 2_000;

  private final Database database;
  private final Map<TerminalRef, Progress> progress = new HashMap<>();

  public Chains(Database database) {
    this.database = database;
  }

  /** Every known terminal's chain, by station then terminal, verified up to its committed seq. */
  public synchronized Map<TerminalRef, ChainStatus> verify() {
    return database.read("verifying event chains", c -> {
      Map<TerminalRef, ChainStatus> statuses = new LinkedHashMap<>();
      for (Map.Entry<TerminalRef, Long> t : committedSeqs(c).entrySet()) {
        Progress p = progress.computeIfAbsent(t.getKey(), k -> new Progress());
        advance(c, t.getKey(), p, t.getValue());
        statuses.put(t.getKey(), new ChainStatus(t.getKey(), p.verifiedSeq, p.brokenAtSeq, p.detail, p.chained));
      }
      return statuses;
    });
  }

  private static Map<TerminalRef, Long> committedSeqs(Connection c) throws SQLException {
    Map<TerminalRef, Long> seqs = new LinkedHashMap<>();
    try (PreparedStatement st = c.prepareStatement(
            "SELECT station, terminal, committed_seq FROM terminals ORDER BY station, terminal");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        seqs.put(new TerminalRef(StationId.of(rs.getString(1)), TerminalId.of(rs.getString(2))), rs.getLong(3));
      }
    }
    return seqs;
  }

  private static void advance(Connection c, TerminalRef terminal, Progress p, long committedSeq) throws SQLException {
    String sql = "SELECT terminal_seq, payload FROM events WHERE station = ? AND terminal = ?"
        + " AND terminal_seq > ? AND terminal_seq <= ? ORDER BY terminal_seq LIMIT ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      while (p.brokenAtSeq == null && p.verifiedSeq < committedSeq) {
        st.setString(1, terminal.stationId().value());
        st.setString(2, terminal.terminalId().value());
        st.setLong(3, p.verifiedSeq);
        st.setLong(4, committedSeq);
        st.setInt(5, BATCH);
        List<byte[]> payloads = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next() && rs.getLong(1) == p.verifiedSeq + payloads.size() + 1) {
            payloads.add(rs.getString(2).getBytes(StandardCharsets.UTF_8));
          }
        }
        if (payloads.isEmpty()) {
          return; // committed_seq promises contiguous rows; never spin if it ran ahead of them
        }
        for (byte[] payload : payloads) {
          p.check(payload);
          if (p.brokenAtSeq != null) {
            return;
          }
        }
      }
    }
  }

  /** How far one terminal's chain is verified, and the hash of its last verified payload. */
  private static final class Progress {
    long verifiedSeq;
    String lastHash = EventChain.GENESIS;
    boolean chained;
    Long brokenAtSeq;
    String detail;

    void check(byte[] payload) {
      long seq = verifiedSeq + 1;
      String prevHash;
      try {
        prevHash = WireCodec.decodeEvent(payload).evidence().prevHash();
      } catch (ProtocolException e) {
        breakAt(seq, "event " + seq + " no longer decodes: " + e.getMessage());
        return;
      }
      if (prevHash == null && chained) {
        breakAt(seq, "event " + seq + " has no prevHash although earlier events of the terminal had one");
        return;
      }
      if (prevHash != null && !prevHash.equals(lastHash)) {
        breakAt(seq, seq == 1 ? "event 1's prevHash is not the genesis value"
            : "event " + seq + "'s prevHash does not match the stored event " + (seq - 1)
                + ": one of the two was altered or replaced");
        return;
      }
      chained |= prevHash != null;
      lastHash = EventChain.hashOf(payload);
      verifiedSeq = seq;
    }

    private void breakAt(long seq, String why) {
      brokenAtSeq = seq;
      detail = why;
    }
  }
}
