package org.redvest.hub.domain.certificates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redvest.protocol.VolunteerId;

/** SQL of the certificates table (schema version 8). */
final class CertificateRows {
  private static final String COLUMNS = "number, volunteer, volunteer_name, period_from, period_to,"
      + " minutes, organisation, issued_by, issued_at, sha256, revoked_at, revoked_by, revoked_reason";

  private CertificateRows() {}

  /** The number after the highest issued in {@code year}: 1 for the year's first. */
  static CertificateNumber next(Connection c, int year) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT MAX(year_seq) FROM certificates WHERE issue_year = ?")) {
      st.setInt(1, year);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new CertificateNumber(year, rs.getLong(1) + 1);
      }
    }
  }

  static void insert(Connection c, CertificateEntry e) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO certificates (" + COLUMNS
        + ", issue_year, year_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, e.number().toString());
      st.setString(2, e.volunteerId().value());
      st.setString(3, e.volunteerName());
      st.setString(4, e.from().toString());
      st.setString(5, e.to().toString());
      st.setLong(6, e.minutes());
      st.setString(7, e.organisation());
      st.setString(8, e.issuedBy());
      st.setString(9, e.issuedAt().toString());
      st.setString(10, e.sha256());
      st.setString(11, null);
      st.setString(12, null);
      st.setString(13, null);
      st.setInt(14, e.number().year());
      st.setLong(15, e.number().seq());
      st.executeUpdate();
    }
  }

  static Optional<CertificateEntry> find(Connection c, CertificateNumber number) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM certificates WHERE number = ?")) {
      st.setString(1, number.toString());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The newest first; {@code issuedBy} null for everyone's. */
  static List<CertificateEntry> newestFirst(Connection c, String issuedBy, int limit) throws SQLException {
    String where = issuedBy == null ? "" : " WHERE issued_by = ?";
    try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM certificates" + where
        + " ORDER BY issue_year DESC, year_seq DESC LIMIT ?")) {
      int i = 1;
      if (issuedBy != null) {
        st.setString(i++, issuedBy);
      }
      st.setInt(i, limit);
      List<CertificateEntry> entries = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          entries.add(read(rs));
        }
      }
      return entries;
    }
  }

  /** Marks a standing certificate revoked; false when it is unknown or already revoked. */
  static boolean revoke(Connection c, CertificateNumber number, Instant at, String by, String reason)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE certificates SET revoked_at = ?, revoked_by = ?,"
        + " revoked_reason = ? WHERE number = ? AND revoked_at IS NULL")) {
      st.setString(1, at.toString());
      st.setString(2, by);
      st.setString(3, reason);
      st.setString(4, number.toString());
      return st.executeUpdate() == 1;
    }
  }

  private static CertificateEntry read(ResultSet rs) throws SQLException {
    String revokedAt = rs.getString(11);
    return new CertificateEntry(CertificateNumber.parse(rs.getString(1)), VolunteerId.of(rs.getString(2)),
        rs.getString(3), LocalDate.parse(rs.getString(4)), LocalDate.parse(rs.getString(5)), rs.getLong(6),
        rs.getString(7), rs.getString(8), Instant.parse(rs.getString(9)), rs.getString(10),
        revokedAt == null ? null : Instant.parse(revokedAt), rs.getString(12), rs.getString(13));
  }
}
