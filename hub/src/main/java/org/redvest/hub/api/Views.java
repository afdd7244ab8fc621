package org.redvest.hub.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redvest.hub.hours.DayMinutes;
import org.redvest.hub.hours.Session;
import org.redvest.hub.hours.VolunteerHours;
import org.redvest.hub.store.DeadLetter;
import org.redvest.hub.store.TerminalView;
import org.redvest.protocol.StationId;
import org.redvest.protocol.WireCodec;

/** JSON shapes of the API, as records of plain values (times as ISO-8601 text). */
final class Views {
  private Views() {}

  record SessionJson(String volunteerId, String stationId, String checkInAt, String checkOutAt,
      long minutes, String status, List<String> flags, String checkInEventId,
      String checkOutEventId) {}

  record DayJson(String date, long minutes) {}

  record HoursJson(String volunteerId, long totalMinutes, List<SessionJson> sessions,
      SessionJson openSession, List<DayJson> days) {}

  record TerminalJson(String terminalId, String state, String stateAt, String statusReceivedAt,
      String lastHeartbeatAt, String heartbeatReceivedAt, Long queueDepth, Long oldestUnackedAgeS,
      String cameraState, String cameraDetail, Double fps, String software, long committedSeq,
      List<String> alarms) {}

  record StationJson(String stationId, List<TerminalJson> terminals) {}

  record DeadLetterJson(long id, String topic, String reason, String payload, String payloadBase64,
      String receivedAt) {}

  static SessionJson session(Session s) {
    return new SessionJson(s.volunteerId().value(), s.stationId().value(), time(s.checkInAt()),
        time(s.checkOutAt()), s.minutes(), s.status().name(),
        s.flags().stream().map(Enum::name).toList(), text(s.checkInEventId()),
        text(s.checkOutEventId()));
  }

  static HoursJson hours(VolunteerHours h) {
    List<DayJson> days = new ArrayList<>();
    for (DayMinutes d : h.days()) {
      days.add(new DayJson(d.date().toString(), d.minutes()));
    }
    return new HoursJson(h.volunteerId().value(), h.totalMinutes(),
        h.sessions().stream().map(Views::session).toList(),
        h.openSession() == null ? null : session(h.openSession()), days);
  }

  static List<StationJson> stations(List<TerminalView> terminals) {
    Map<StationId, List<TerminalJson>> byStation = new LinkedHashMap<>();
    for (TerminalView t : terminals) {
      byStation.computeIfAbsent(t.terminal().stationId(), s -> new ArrayList<>()).add(terminal(t));
    }
    List<StationJson> stations = new ArrayList<>();
    byStation.forEach((id, list) -> stations.add(new StationJson(id.value(), list)));
    return stations;
  }

  static DeadLetterJson deadLetter(DeadLetter d) {
    return new DeadLetterJson(d.id(), d.topic(), d.reason(), d.payloadText(), d.payloadBase64(),
        d.receivedAt().toString());
  }

  private static TerminalJson terminal(TerminalView t) {
    return new TerminalJson(t.terminal().terminalId().value(),
        t.state() == null ? "unknown" : t.state(), time(t.stateAt()), text(t.statusReceivedAt()),
        time(t.heartbeatAt()), text(t.heartbeatReceivedAt()), t.queueDepth(),
        t.oldestUnackedAgeS(), t.cameraState(), t.cameraDetail(), t.fps(), t.software(),
        t.committedSeq(), t.alarms());
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
