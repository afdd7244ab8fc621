package org.redvest.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * JSON encoding of every protocol message. Decoding validates once, at the boundary, and throws
 * {@link ProtocolException} naming the field; unknown fields are ignored.
 */
public final class WireCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

  private WireCodec() {}

  // --- attendance events ---

  public static byte[] encodeEvent(AttendanceEvent e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", e.v());
    o.put("eventId", e.eventId().toString());
    o.put("stationId", e.stationId().value());
    o.put("terminalId", e.terminalId().value());
    o.put("terminalSeq", e.terminalSeq());
    o.put("volunteerId", e.volunteerId().value());
    o.put("kind", e.kind().name());
    o.put("method", e.method().name());
    o.put("occurredAt", formatTime(e.occurredAt()));
    putIfPresent(o, "activityId", e.activityId());
    if (e.confidence() != null) {
      o.put("confidence", e.confidence());
    }
    putIfPresent(o, "operatorId", e.operatorId());
    putIfPresent(o, "reason", e.reason());
    putEvidence(o, e.evidence());
    return bytes(o);
  }

  public static AttendanceEvent decodeEvent(byte[] payload) {
    JsonNode o = parseObject(payload);
    int v = (int) requireLong(o, "v");
    if (v > AttendanceEvent.VERSION) {
      throw new ProtocolException("v", "unsupported schema version " + v
          + " (this hub reads up to " + AttendanceEvent.VERSION + ")");
    }
    return new AttendanceEvent(
        v,
        requireUuid(o, "eventId"),
        StationId.of(requireText(o, "stationId")),
        TerminalId.of(requireText(o, "terminalId")),
        requireLong(o, "terminalSeq"),
        VolunteerId.of(requireText(o, "volunteerId")),
        requireEnum(o, "kind", EventKind.class),
        requireEnum(o, "method", CheckInMethod.class),
        requireTime(o, "occurredAt"),
        optionalText(o, "activityId"),
        optionalDouble(o, "confidence"),
        optionalText(o, "operatorId"),
        optionalText(o, "reason"),
        evidence(o));
  }

  /** Evidence fields are flat and optional (docs/protocol.md §4); absent ones are not written. */
  private static void putEvidence(ObjectNode o, Evidence e) {
    putIfPresent(o, "credentialKeyId", e.credentialKeyId());
    if (e.credentialSerial() != null) {
      o.put("credentialSerial", e.credentialSerial());
    }
    putIfPresent(o, "liveness", e.liveness());
    if (e.recordedOffline() != null) {
      o.put("recordedOffline", e.recordedOffline());
    }
    putIfPresent(o, "prevHash", e.prevHash());
    putIfPresent(o, "correction", e.correction());
  }

  private static Evidence evidence(JsonNode o) {
    JsonNode offline = o.get("recordedOffline");
    if (offline != null && !offline.isNull() && !offline.isBoolean()) {
      throw new ProtocolException("recordedOffline", "must be true or false, was " + offline);
    }
    return new Evidence(optionalText(o, "credentialKeyId"),
        o.hasNonNull("credentialSerial") ? requireLong(o, "credentialSerial") : null,
        optionalText(o, "liveness"),
        offline == null || offline.isNull() ? null : offline.booleanValue(),
        optionalText(o, "prevHash"),
        optionalText(o, "correction"));
  }

  // --- ack ---

  public static byte[] encodeAck(Ack ack) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("committedSeq", ack.committedSeq());
    return bytes(o);
  }

  public static Ack decodeAck(byte[] payload) {
    return new Ack(requireLong(parseObject(payload), "committedSeq"));
  }

  // --- status ---

  public static byte[] encodeStatus(TerminalStatus status) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("state", status.state().wireName());
    if (status.at() != null) {
      o.put("at", formatTime(status.at()));
    }
    putIfPresent(o, "software", status.software());
    return bytes(o);
  }

  public static TerminalStatus decodeStatus(byte[] payload) {
    JsonNode o = parseObject(payload);
    String state = requireText(o, "state");
    TerminalStatus.State parsed;
    if (state.equals("online")) {
      parsed = TerminalStatus.State.ONLINE;
    } else if (state.equals("offline")) {
      parsed = TerminalStatus.State.OFFLINE;
    } else {
      throw new ProtocolException("state", "must be \"online\" or \"offline\", was \"" + state + "\"");
    }
    return new TerminalStatus(
        parsed, o.hasNonNull("at") ? requireTime(o, "at") : null, optionalText(o, "software"));
  }

  // --- heartbeat ---

  public static byte[] encodeHeartbeat(Heartbeat h) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("at", formatTime(h.at()));
    o.put("fps", Math.round(h.fps() * 10) / 10.0);
    o.put("queueDepth", h.queueDepth());
    o.put("oldestUnackedAgeS", h.oldestUnackedAgeS());
    if (h.lastAckAt() != null) {
      o.put("lastAckAt", formatTime(h.lastAckAt()));
    }
    o.put("cameraState", h.cameraState());
    putIfPresent(o, "cameraDetail", h.cameraDetail());
    putIfPresent(o, "software", h.software());
    if (!h.alarms().isEmpty()) {
      h.alarms().forEach(o.putArray("alarms")::add);
    }
    putIfPresent(o, "fleetState", h.fleetState());
    putIfPresent(o, "fleetDetail", h.fleetDetail());
    return bytes(o);
  }

  public static Heartbeat decodeHeartbeat(byte[] payload) {
    JsonNode o = parseObject(payload);
    return new Heartbeat(
        requireTime(o, "at"),
        o.hasNonNull("fps") ? requireNumber(o, "fps") : 0.0,
        o.hasNonNull("queueDepth") ? requireLong(o, "queueDepth") : 0,
        o.hasNonNull("oldestUnackedAgeS") ? requireLong(o, "oldestUnackedAgeS") : 0,
        o.hasNonNull("lastAckAt") ? requireTime(o, "lastAckAt") : null,
        requireText(o, "cameraState"),
        optionalText(o, "cameraDetail"),
        optionalText(o, "software"),
        optionalTextList(o, "alarms"),
        optionalText(o, "fleetState"),
        optionalText(o, "fleetDetail"));
  }

  /** An optional array of strings; absent or null is empty. */
  private static java.util.List<String> optionalTextList(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return java.util.List.of();
    }
    if (!n.isArray()) {
      throw new ProtocolException(field, "must be an array of strings, was " + n.getNodeType());
    }
    java.util.List<String> values = new java.util.ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isTextual()) {
        throw new ProtocolException(field, "must be an array of strings, has " + item.getNodeType());
      }
      values.add(item.asText());
    }
    return values;
  }

  // --- face enrolment records ---

  public static byte[] encodeEnrolment(EnrolmentRecord r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", r.v());
    o.put("stationId", r.stationId().value());
    o.put("terminalId", r.terminalId().value());
    o.put("enrolmentSeq", r.enrolmentSeq());
    o.put("volunteerId", r.volunteerId().value());
    o.put("consentId", r.consentId());
    o.put("consentVersion", r.consentVersion());
    o.put("state", r.state().name());
    o.put("at", formatTime(r.at()));
    return bytes(o);
  }

  public static EnrolmentRecord decodeEnrolment(byte[] payload) {
    JsonNode o = parseObject(payload);
    int v = (int) requireLong(o, "v");
    if (v > EnrolmentRecord.VERSION) {
      throw new ProtocolException("v", "unsupported schema version " + v
          + " (this hub reads up to " + EnrolmentRecord.VERSION + ")");
    }
    return new EnrolmentRecord(
        v,
        StationId.of(requireText(o, "stationId")),
        TerminalId.of(requireText(o, "terminalId")),
        requireLong(o, "enrolmentSeq"),
        VolunteerId.of(requireText(o, "volunteerId")),
        requireText(o, "consentId"),
        requireText(o, "consentVersion"),
        requireEnum(o, "state", EnrolmentRecord.State.class),
        requireTime(o, "at"));
  }

  // --- shared ---

  /** Protocol time format: ISO-8601 with milliseconds and the UTC offset. */
  public static String formatTime(OffsetDateTime time) {
    return TIME.format(time);
  }

  public static OffsetDateTime parseTime(String text, String field) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new ProtocolException(
          field, "must be an ISO-8601 date-time with UTC offset, was \"" + text + "\"");
    }
  }

  private static JsonNode parseObject(byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new ProtocolException("", "payload is empty");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new ProtocolException("", "payload is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolException("", "payload must be a JSON object");
    }
    return node;
  }

  private static String requireText(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new ProtocolException(field, "is required");
    }
    if (!n.isTextual()) {
      throw new ProtocolException(field, "must be a string, was " + n.getNodeType());
    }
    return n.textValue();
  }

  private static String optionalText(JsonNode o, String field) {
    return o.hasNonNull(field) ? requireText(o, field) : null;
  }

  private static long requireLong(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new ProtocolException(field, "is required");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new ProtocolException(field, "must be an integer, was " + n);
    }
    return n.longValue();
  }

  private static double requireNumber(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isNumber()) {
      throw new ProtocolException(field, "must be a number, was " + n);
    }
    return n.doubleValue();
  }

  private static Double optionalDouble(JsonNode o, String field) {
    return o.hasNonNull(field) ? requireNumber(o, field) : null;
  }

  private static UUID requireUuid(JsonNode o, String field) {
    String text = requireText(o, field);
    try {
      UUID uuid = UUID.fromString(text);
      if (!uuid.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException(text);
      }
      return uuid;
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(field, "must be a UUID, was \"" + text + "\"");
    }
  }

  private static OffsetDateTime requireTime(JsonNode o, String field) {
    return parseTime(requireText(o, field), field);
  }

  private static <E extends Enum<E>> E requireEnum(JsonNode o, String field, Class<E> type) {
    String text = requireText(o, field);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
    }
    throw new ProtocolException(field, "must be one of " + allowed + ", was \"" + text + "\"");
  }

  private static void putIfPresent(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return MAPPER.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
