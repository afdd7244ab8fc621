package org.redvest.hub.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.redvest.hub.hours.CapDay;
import org.redvest.hub.hours.DayMinutes;
import org.redvest.hub.hours.EndEvidence;
import org.redvest.hub.hours.GradedSession;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.SessionCap;
import org.redvest.hub.hours.SessionFlag;
import org.redvest.hub.hours.VolunteerHours;
import org.redvest.hub.store.ChainStatus;
import org.redvest.hub.store.DeadLetter;
import org.redvest.hub.store.TerminalRef;
import org.redvest.hub.store.TerminalView;
import org.redvest.protocol.StationId;
import org.redvest.protocol.WireCodec;

/** JSON shapes of the API, as records of plain values (times as ISO-8601 text). */
final class Views {
  private Views() {}

  record SessionJson(String volunteerId, String stationId, String checkInAt, String checkOutAt,
      long minutes, long countedMinutes, long pendingMinutes, String requiredApproval, String status,
      List<String> flags, String checkInEventId, String checkOutEventId, String grade,
      List<String> reviewReasons, List<String> attestations, EvidenceJson evidence,
      boolean corrected, Long correctionId) {}

  record EvidenceJson(EndJson checkIn, EndJson checkOut) {}

  record EndJson(String method, Double confidence, String credentialKeyId, Long credentialSerial,
      String liveness, Boolean recordedOffline, String receivedAt, Long clockOffsetS,
      String offsetSource, long lateS, long delayS, String correction, String operatorId,
      String reason, boolean chainBroken, boolean revokedTerminal) {}

  record CapDayJson(String date, long minutes, long countedMinutes, long pendingMinutes,
      String capTier, String requiredApproval) {}

  record ChainJson(String state, long verifiedSeq, Long brokenAtSeq, String detail) {}

  record DayJson(String date, long minutes) {}

  record HoursJson(String volunteerId, long totalMinutes, long pendingMinutes,
      List<SessionJson> sessions, SessionJson openSession, List<DayJson> days,
      List<CapDayJson> overCapDays) {}

  record TerminalJson(String terminalId, String state, String stateAt, String statusReceivedAt,
      String lastHeartbeatAt, String heartbeatReceivedAt, Long queueDepth, Long oldestUnackedAgeS,
      String cameraState, String cameraDetail, Double fps, String software, long committedSeq,
      List<String> alarms, ChainJson chain, String fleetState, String fleetDetail) {}

  record StationJson(String stationId, List<TerminalJson> terminals) {}

  record DeadLetterJson(long id, String topic, String reason, String payload, String payloadBase64,
      String receivedAt) {}

  /** @param correctionId the last approved correction applied to the session, or null */
  static SessionJson session(GradedSession graded, Long correctionId) {
    Session s = graded.session();
    SessionCap cap = graded.cap();
    List<String> flags = new ArrayList<>(s.flags().stream().map(Enum::name).toList());
    if (cap.overCap()) {
      flags.add(SessionFlag.OVER_DAILY_CAP.name());
    }
    return new SessionJson(s.volunteerId().value(), s.stationId().value(), time(s.checkInAt()),
        time(s.checkOutAt()), s.minutes(), cap.countedMinutes(), cap.pendingMinutes(),
        text(cap.requiredApproval()), s.status().name(), flags, text(s.checkInEventId()),
        text(s.checkOutEventId()), graded.grade().name(),
        graded.reasons().stream().map(Enum::name).toList(),
        graded.attestations().stream().map(Enum::name).toList(),
        new EvidenceJson(end(graded.checkIn()), end(graded.checkOut())), correctionId != null,
        correctionId);
  }

  private static EndJson end(EndEvidence e) {
    return e == null ? null : new EndJson(e.method().name(), e.confidence(), e.credentialKeyId(),
        e.credentialSerial(), e.liveness(), e.recordedOffline(), text(e.receivedAt()),
        e.clockOffsetS(), e.offsetSource(), e.lateS(), e.delayS(), e.correction(), e.operatorId(),
        e.reason(), e.chainBroken(), e.revokedTerminal());
  }

  private static CapDayJson capDay(CapDay d) {
    return new CapDayJson(d.date().toString(), d.minutes(), d.countedMinutes(), d.pendingMinutes(),
        d.tier() == null ? null : d.tier().label(), text(d.requiredApproval()));
  }

  /** The hours of a volunteer, each session graded by {@code grades}, marked by {@code corrections}. */
  static HoursJson hours(VolunteerHours h, Function<Session, GradedSession> grades,
      Function<Session, Long> corrections) {
    List<DayJson> days = new ArrayList<>();
    for (DayMinutes d : h.days()) {
      days.add(new DayJson(d.date().toString(), d.minutes()));
    }
    return new HoursJson(h.volunteerId().value(), h.totalMinutes(), h.pendingMinutes(),
        h.sessions().stream().map(s -> session(grades.apply(s), corrections.apply(s))).toList(),
        h.openSession() == null ? null
            : session(grades.apply(h.openSession()), corrections.apply(h.openSession())), days,
        h.overCapDays().stream().map(Views::capDay).toList());
  }

  static List<StationJson> stations(List<TerminalView> terminals, Map<TerminalRef, ChainStatus> chains) {
    Map<StationId, List<TerminalJson>> byStation = new LinkedHashMap<>();
    for (TerminalView t : terminals) {
      byStation.computeIfAbsent(t.terminal().stationId(), s -> new ArrayList<>())
          .add(terminal(t, chains.get(t.terminal())));
    }
    List<StationJson> stations = new ArrayList<>();
    byStation.forEach((id, list) -> stations.add(new StationJson(id.value(), list)));
    return stations;
  }

  static DeadLetterJson deadLetter(DeadLetter d) {
    return new DeadLetterJson(d.id(), d.topic(), d.reason(), d.payloadText(), d.payloadBase64(),
        d.receivedAt().toString());
  }

  private static ChainJson chain(ChainStatus c) {
    if (c == null) {
      return new ChainJson("unchained", 0, null, null);
    }
    String state = !c.intact() ? "broken" : c.chained() ? "ok" : "unchained";
    return new ChainJson(state, c.verifiedSeq(), c.brokenAtSeq(), c.detail());
  }

  private static TerminalJson terminal(TerminalView t, ChainStatus chainStatus) {
    return new TerminalJson(t.terminal().terminalId().value(),
        t.state() == null ? "unknown" : t.state(), time(t.stateAt()), text(t.statusReceivedAt()),
        time(t.heartbeatAt()), text(t.heartbeatReceivedAt()), t.queueDepth(),
        t.oldestUnackedAgeS(), t.cameraState(), t.cameraDetail(), t.fps(), t.software(),
        t.committedSeq(), t.alarms(), chain(chainStatus), t.fleetState(), t.fleetDetail());
  }

  private static String time(OffsetDateTime time) {
    return time == null ? null : WireCodec.formatTime(time);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
