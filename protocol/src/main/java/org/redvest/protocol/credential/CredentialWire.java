package org.redvest.protocol.credential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;

/**
 * JSON of the roster and of refusal records. Like {@code WireCodec}, decoding validates once and
 * throws {@link ProtocolException} naming the field; unknown fields are ignored. (Kept beside the
 * credential types rather than in {@code WireCodec} so the feature stays in one package.)
 */
public final class CredentialWire {
  public static final int ROSTER_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private CredentialWire() {}

  public static byte[] encodeRoster(Roster r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", ROSTER_VERSION);
    o.put("version", r.version());
    o.put("publishedAt", r.publishedAt().toString());
    ArrayNode keys = o.putArray("keys");
    for (Roster.Key k : r.keys()) {
      ObjectNode key = keys.addObject();
      key.put("keyId", k.keyId());
      key.put("alg", "Ed25519");
      key.put("publicKey", B64.encodeToString(k.publicKey()));
      key.put("notBefore", k.notBefore().toString());
      if (k.notAfter() != null) {
        key.put("notAfter", k.notAfter().toString());
      }
    }
    ArrayNode revoked = o.putArray("revoked");
    r.revoked().forEach(revoked::add);
    return bytes(o);
  }

  public static Roster decodeRoster(byte[] payload) {
    JsonNode o = parse(payload);
    long v = integer(o, "v");
    if (v > ROSTER_VERSION) {
      throw new ProtocolException("v", "unsupported roster version " + v + " (this reads up to " + ROSTER_VERSION + ")");
    }
    List<Roster.Key> keys = new ArrayList<>();
    for (JsonNode k : array(o, "keys")) {
      if (!"Ed25519".equals(k.path("alg").asText("Ed25519"))) {
        continue;
      }
      byte[] raw;
      try {
        raw = Base64.getUrlDecoder().decode(text(k, "publicKey"));
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("keys.publicKey", "must be base64url");
      }
      keys.add(new Roster.Key(text(k, "keyId"), raw, instant(k, "notBefore"),
          k.hasNonNull("notAfter") ? instant(k, "notAfter") : null));
    }
    List<Long> revoked = new ArrayList<>();
    for (JsonNode n : array(o, "revoked")) {
      if (!n.isIntegralNumber()) {
        throw new ProtocolException("revoked", "must hold integers, had " + n);
      }
      revoked.add(n.longValue());
    }
    return new Roster(integer(o, "version"), instant(o, "publishedAt"), keys, revoked);
  }

  public static byte[] encodeRefusal(RefusalRecord r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", r.v());
    o.put("stationId", r.stationId().value());
    o.put("terminalId", r.terminalId().value());
    o.put("refusalSeq", r.refusalSeq());
    o.put("at", WireCodec.formatTime(r.at()));
    o.put("reason", r.reason().name());
    o.put("detail", r.detail());
    if (r.volunteerId() != null) {
      o.put("volunteerId", r.volunteerId().value());
    }
    if (r.keyId() != null) {
      o.put("keyId", r.keyId());
    }
    if (r.serial() != null) {
      o.put("serial", r.serial());
    }
    if (r.codeHash() != null) {
      o.put("codeHash", r.codeHash());
    }
    return bytes(o);
  }

  public static RefusalRecord decodeRefusal(byte[] payload) {
    JsonNode o = parse(payload);
    int v = (int) integer(o, "v");
    if (v > RefusalRecord.VERSION) {
      throw new ProtocolException("v", "unsupported schema version " + v);
    }
    String reason = text(o, "reason");
    RefusalReason parsed;
    try {
      parsed = RefusalReason.valueOf(reason);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("reason", "unknown refusal reason \"" + reason + "\"");
    }
    return new RefusalRecord(v, StationId.of(text(o, "stationId")), TerminalId.of(text(o, "terminalId")),
        integer(o, "refusalSeq"), WireCodec.parseTime(text(o, "at"), "at"), parsed, text(o, "detail"),
        o.hasNonNull("volunteerId") ? VolunteerId.of(text(o, "volunteerId")) : null,
        o.hasNonNull("keyId") ? text(o, "keyId") : null,
        o.hasNonNull("serial") ? integer(o, "serial") : null,
        o.hasNonNull("codeHash") ? text(o, "codeHash") : null);
  }

  private static JsonNode parse(byte[] payload) {
    try {
      JsonNode node = payload == null ? null : MAPPER.readTree(payload);
      if (node == null || !node.isObject()) {
        throw new ProtocolException("", "payload must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ProtocolException("", "payload is not valid JSON");
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw new ProtocolException(field, n == null ? "is required" : "must be a string");
    }
    return n.textValue();
  }

  private static long integer(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isIntegralNumber()) {
      throw new ProtocolException(field, n == null ? "is required" : "must be an integer");
    }
    return n.longValue();
  }

  private static JsonNode array(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isArray()) {
      throw new ProtocolException(field, "must be an array");
    }
    return n;
  }

  private static Instant instant(JsonNode o, String field) {
    try {
      return Instant.parse(text(o, field));
    } catch (DateTimeParseException e) {
      throw new ProtocolException(field, "must be an ISO-8601 UTC instant");
    }
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return MAPPER.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }
}
