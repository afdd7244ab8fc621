package org.redvest.hub.web.corrections;

import java.time.OffsetDateTime;
import java.util.List;
import org.redvest.hub.domain.corrections.AuditEntry;
import org.redvest.hub.domain.corrections.CorrectedSession;
import org.redvest.hub.domain.corrections.Correction;
import org.redvest.hub.domain.corrections.Corrections;
import org.redvest.hub.domain.corrections.Snapshot;
import org.redvest.protocol.WireCodec;

/** JSON shapes of the corrections API (docs/api.md, "Corrections"). */
final class CorrectionJson {
  private CorrectionJson() {}

  record SnapshotJson(String stationId, String start, String end, long minutes, String status) {}

  record CorrectionView(long id, String kind, String volunteerId, String stationId, String session,
      SnapshotJson before, SnapshotJson after, String reason, String requestedBy,
      String requesterKind, String requestedAt, String state, String decidedBy, String decidedAt,
      String decisionReason) {}

  record AuditView(long id, String at, String actor, String action, String session,
      Long correctionId, String reviewItem, String volunteerId, String stationId, String reason,
      SnapshotJson before, SnapshotJson after) {}

  record TrailView(String session, String volunteerId, String stationId, boolean corrected,
      Long correctionId, SnapshotJson original, SnapshotJson current, List<AuditView> entries) {}

  static CorrectionView of(Correction c) {
    return new CorrectionView(c.id(), c.kind().name(), c.volunteerId().value(), c.stationId().value(),
        c.sessionKey().value(), snapshot(c.before()), snapshot(c.after()), c.reason(), c.requestedBy(),
        c.requesterKind().name(), c.requestedAt().toString(), c.state().name(), c.decidedBy(),
        c.decidedAt() == null ? null : c.decidedAt().toString(), c.decisionReason());
  }

  static AuditView of(AuditEntry e) {
    return new AuditView(e.id(), e.at().toString(), e.actor(), e.action(), e.sessionKey(),
        e.correctionId(), e.reviewItem(), e.volunteerId(), e.stationId(), e.reason(),
        snapshot(e.before()), snapshot(e.after()));
  }

  static TrailView trail(CorrectedSession s, List<AuditEntry> entries) {
    return new TrailView(s.key().value(), s.session().volunteerId().value(),
        s.session().stationId().value(), s.corrected(), s.correctionId(),
        s.original() == null ? null : snapshot(Snapshot.of(s.original())),
        snapshot(Snapshot.of(s.session())), entries.stream().map(CorrectionJson::of).toList());
  }

  static SnapshotJson snapshot(Snapshot s) {
    return s == null ? null
        : new SnapshotJson(s.stationId(), time(s.start()), time(s.end()), s.minutes(), s.status());
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : WireCodec.formatTime(t);
  }
}
