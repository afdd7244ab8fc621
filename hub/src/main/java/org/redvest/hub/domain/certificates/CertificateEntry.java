package org.redvest.hub.domain.certificates;

import java.time.Instant;
import java.time.LocalDate;
import org.redvest.protocol.VolunteerId;

/**
 * A registered certificate as issued: the facts printed on it, who issued it, the SHA-256 of the
 * PDF bytes handed out, and whether it has been revoked since.
 *
 * @param revokedAt null while the certificate stands
 */
public record CertificateEntry(CertificateNumber number, VolunteerId volunteerId, String volunteerName,
    LocalDate from, LocalDate to, long minutes, String organisation, String issuedBy, Instant issuedAt,
    String sha256, Instant revokedAt, String revokedBy, String revokedReason) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
