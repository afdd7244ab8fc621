package org.redvest.protocol.credential;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;

/**
 * A refused check-in attempt as a terminal reports it (docs/protocol.md §14). Numbered per
 * terminal like events ({@code refusalSeq} 1, 2, 3 … never reused) and kept until the hub's
 * retained {@code refusal-ack} covers it, so no refusal is silently dropped.
 *
 * @param volunteerId who the code names, only when its signature was verified; else null
 * @param keyId the key the code names (even unverified: it helps spot forgeries), or null
 * @param serial the credential serial when its signature was verified, else null
 * @param codeHash hex SHA-256 of the code text: links repeated attempts without storing the code
 */
public record RefusalRecord(
    int v,
    StationId stationId,
    TerminalId terminalId,
    long refusalSeq,
    OffsetDateTime at,
    RefusalReason reason,
    String detail,
    VolunteerId volunteerId,
    String keyId,
    Long serial,
    String codeHash) {

  public static final int VERSION = 1;

  public RefusalRecord {
    if (v < 1) {
      throw new ProtocolException("v", "must be a positive schema version, was " + v);
    }
    require(stationId, "stationId");
    require(terminalId, "terminalId");
    if (refusalSeq < 1) {
      throw new ProtocolException("refusalSeq", "must be >= 1, was " + refusalSeq);
    }
    require(at, "at");
    require(reason, "reason");
    require(detail, "detail");
  }

  private static void require(Object value, String field) {
    if (Objects.isNull(value)) {
      throw new ProtocolException(field, "is required");
    }
  }
}
