package org.redvest.hub.web.fleet;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.redvest.hub.domain.fleet.HeldForReview;
import org.redvest.hub.store.HeldEvent;

/**
 * The fleet page's table of events held from revoked terminals ({@code web/fleet/held.jte}): when
 * each was received (what decides), the time it claims (which a thief can back-date), the
 * volunteer, whether its signature verifies, and release / discard buttons while it waits;
 * decided ones show who decided and when.
 */
final class HeldSection {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * A held event's row; {@code signatureDetail} why its signature does not verify ("null" when
   * it does), {@code decidedBy} and {@code decidedAt} null while it waits.
   */
  record Row(long id, HeldEvent.State state, String terminal, long seq, String volunteer, String kind,
      String occurredAt, String receivedAt, boolean signatureValid, String signatureDetail,
      String decidedBy, String decidedAt) {
    boolean waiting() {
      return state == HeldEvent.State.HELD;
    }

    boolean released() {
      return state == HeldEvent.State.RELEASED;
    }
  }

  private HeldSection() {}

  /** The rows of {@code held}, their times in {@code zone}; empty hides the section. */
  static List<Row> rows(List<HeldForReview> held, ZoneId zone) {
    return held.stream().map(h -> new Row(h.id(), h.state(), h.stationId() + "/" + h.terminalId(),
        h.terminalSeq(), h.volunteerId(), h.kind(), h.occurredAt(), TIME.format(h.receivedAt().atZone(zone)),
        h.signatureValid(), String.valueOf(h.signatureDetail()), h.decidedBy(),
        h.state() == HeldEvent.State.HELD ? null : TIME.format(h.decidedAt().atZone(zone)))).toList();
  }
}
