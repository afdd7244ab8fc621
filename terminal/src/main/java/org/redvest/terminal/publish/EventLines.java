package org.redvest.terminal.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.WireCodec;
import org.redvest.terminal.outbox.Draft;

/**
 * A JSON-lines file of attendance events for {@code publish}: one event per line in the wire
 * JSON of docs/protocol.md §4, without the fields the terminal's outbox assigns ({@link
 * #ASSIGNED}). Each line is checked by the protocol's own decoder, so it is refused here for
 * exactly what the hub would refuse. Blank lines are skipped; unknown fields are refused (a typo
 * would otherwise drop a field silently).
 */
public final class EventLines {
  /** Stamped by the outbox when the event is appended; a line must not carry them. */
  public static final Set<String> ASSIGNED = Set.of("v", "eventId", "stationId", "terminalId",
      "terminalSeq", "prevHash", "sig");
  /** What a line may carry. */
  public static final Set<String> FIELDS = Set.of("volunteerId", "kind", "method", "occurredAt",
      "activityId", "confidence", "operatorId", "reason", "credentialKeyId", "credentialSerial",
      "liveness", "recordedOffline", "correction");
  /** A file with more bad lines than this names only the first ones. */
  static final int MAX_ERRORS_SHOWN = 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Placeholders for the assigned fields, so the protocol's decoder checks the rest. */
  private static final UUID PLACEHOLDER_ID = new UUID(0x7000L, 0x8000000000000000L);

  private EventLines() {}

  /**
   * Every event of {@code text}, in file order, as drafts for the outbox of {@code station} /
   * {@code terminal}.
   *
   * @throws BadLinesException naming each bad line (up to {@value #MAX_ERRORS_SHOWN}) and field;
   *     then nothing of the file may be appended
   */
  public static List<Draft> parse(String text, StationId station, TerminalId terminal) {
    List<Draft> drafts = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int bad = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        drafts.add(draft(lines[i], station, terminal));
      } catch (ProtocolException e) {
        if (++bad <= MAX_ERRORS_SHOWN) {
          errors.add("line " + (i + 1) + ": " + e.getMessage());
        }
      }
    }
    if (bad > MAX_ERRORS_SHOWN) {
      errors.add("… and " + (bad - MAX_ERRORS_SHOWN) + " more bad lines");
    }
    if (!errors.isEmpty()) {
      throw new BadLinesException(bad, errors);
    }
    return drafts;
  }

  private static Draft draft(String line, StationId station, TerminalId terminal) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("", "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolException("", "must be a JSON object");
    }
    ObjectNode event = (ObjectNode) node;
    for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (ASSIGNED.contains(name)) {
        throw new ProtocolException(name, "is assigned by the terminal's outbox; leave it out");
      }
      if (!FIELDS.contains(name)) {
        throw new ProtocolException(name, "unknown field (a line may carry " + String.join(", ",
            FIELDS.stream().sorted().toList()) + ")");
      }
    }
    event.put("v", AttendanceEvent.VERSION).put("eventId", PLACEHOLDER_ID.toString())
        .put("stationId", station.value()).put("terminalId", terminal.value()).put("terminalSeq", 1);
    AttendanceEvent e = WireCodec.decodeEvent(event.toString().getBytes(StandardCharsets.UTF_8));
    return new Draft(e.volunteerId(), e.kind(), e.method(), e.occurredAt(), e.activityId(),
        e.confidence(), e.operatorId(), e.reason(), e.evidence());
  }

  /** The file has bad lines; {@link #getMessage()} names each (line number and field). */
  public static final class BadLinesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int badLines;

    BadLinesException(int badLines, List<String> errors) {
      super(String.join("\n", errors));
      this.badLines = badLines;
    }

    public int badLines() {
      return badLines;
    }
  }
}
