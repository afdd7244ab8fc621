package org.redvest.hub.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** SQL of the dead_letters table. */
final class DeadLetterRows {
  private DeadLetterRows() {}

  static void insert(Connection c, List<Refusal> refusals) throws SQLException {
    if (refusals.isEmpty()) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO dead_letters"
        + " (topic, payload_text, payload_base64, reason, received_at) VALUES (?, ?, ?, ?, ?)")) {
      for (Refusal r : refusals) {
        byte[] payload = r.payload() == null ? new byte[0] : r.payload();
        st.setString(1, r.topic());
        st.setString(2, utf8OrNull(payload));
        st.setString(3, Base64.getEncoder().encodeToString(payload));
        st.setString(4, r.reason());
        st.setString(5, r.receivedAt().toString());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  static List<DeadLetter> newestFirst(Connection c, int limit) throws SQLException {
    List<DeadLetter> letters = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT id, topic, payload_text,"
        + " payload_base64, reason, received_at FROM dead_letters ORDER BY id DESC LIMIT ?")) {
      st.setInt(1, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          letters.add(new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5), Instant.parse(rs.getString(6))));
        }
      }
    }
    return letters;
  }

  private static String utf8OrNull(byte[] payload) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
