package org.redvest.protocol.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.redvest.protocol.ProtocolException;

/**
 * JSON of the provisioning exchange (docs/protocol.md §15). Keys are raw bytes in base64url
 * without padding, as in the roster.
 *
 * <pre>
 * request:  {"v":1,"claimCode":"…","stationId":"…","terminalId":"…","publicKey":"…","proof":"…"}
 * response: {"v":1,"stationId":"…","terminalId":"…","mqttUsername":"S/T","mqttPassword":"…",
 *            "keyFingerprint":"SHA256:…","topicPrefix":"redvest/v1","provisionedAt":"…Z",
 *            "hubKey":"…","tlsPin":"SHA256:…","mqttTlsPort":8883}
 * rotation: {"v":1,"stationId":"…","terminalId":"…","previousKey":"…","publicKey":"…",
 *            "issuedAt":"…Z","previousProof":"…","proof":"…"}
 * rotate (hub to terminal, signed by the hub):
 *           {"v":1,"stationId":"…","terminalId":"…","requestedAt":"…Z","requestedBy":"…",
 *            "httpsPort":8443}
 * </pre>
 */
public final class FleetWire {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_IN = Base64.getUrlDecoder();

  private FleetWire() {}

  public static byte[] encodeRequest(ProvisionRequest r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", 1);
    o.put("claimCode", r.claimCode());
    o.put("stationId", r.account().station().value());
    o.put("terminalId", r.account().terminal().value());
    o.put("publicKey", B64.encodeToString(r.publicKey()));
    o.put("proof", B64.encodeToString(r.proof()));
    return bytes(o);
  }

  public static byte[] encodeRotation(RotationRequest r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", 1);
    o.put("stationId", r.account().station().value());
    o.put("terminalId", r.account().terminal().value());
    o.put("previousKey", B64.encodeToString(r.previousKey()));
    o.put("publicKey", B64.encodeToString(r.publicKey()));
    o.put("issuedAt", r.issuedAt().toString());
    o.put("previousProof", B64.encodeToString(r.previousProof()));
    o.put("proof", B64.encodeToString(r.proof()));
    return bytes(o);
  }

  /** The body of a rotation notice (the hub signs it). */
  public static byte[] encodeNotice(RotationNotice n) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", 1);
    o.put("stationId", n.account().station().value());
    o.put("terminalId", n.account().terminal().value());
    o.put("requestedAt", n.requestedAt().toString());
    o.put("requestedBy", n.requestedBy());
    o.put("httpsPort", n.httpsPort());
    return bytes(o);
  }

  /** A rotation notice's body, already opened with the hub's key. */
  public static RotationNotice decodeNotice(byte[] body) {
    JsonNode o = parseObject(body);
    return new RotationNotice(account(o), instant(o, "requestedAt"), text(o, "requestedBy"),
        port(o, "httpsPort"));
  }

  public static RotationRequest decodeRotation(byte[] payload) {
    JsonNode o = parseObject(payload);
    return new RotationRequest(account(o), base64(o, "previousKey"), base64(o, "publicKey"),
        instant(o, "issuedAt"), base64(o, "previousProof"), base64(o, "proof"));
  }

  public static ProvisionRequest decodeRequest(byte[] payload) {
    JsonNode o = parseObject(payload);
    return new ProvisionRequest(text(o, "claimCode"), account(o), base64(o, "publicKey"),
        base64(o, "proof"));
  }

  public static byte[] encodeProvisioning(Provisioning p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", 1);
    o.put("stationId", p.account().station().value());
    o.put("terminalId", p.account().terminal().value());
    o.put("mqttUsername", p.username());
    o.put("mqttPassword", p.password());
    o.put("keyFingerprint", p.keyFingerprint());
    o.put("topicPrefix", p.topicPrefix());
    o.put("provisionedAt", p.provisionedAt().toString());
    if (p.hubKey() != null) {
      o.put("hubKey", p.hubKey());
    }
    if (p.tlsPin() != null) {
      o.put("tlsPin", p.tlsPin());
    }
    if (p.mqttTlsPort() != 0) {
      o.put("mqttTlsPort", p.mqttTlsPort());
    }
    return bytes(o);
  }

  public static Provisioning decodeProvisioning(byte[] payload) {
    JsonNode o = parseObject(payload);
    TerminalAccount account = account(o);
    if (!account.username().equals(text(o, "mqttUsername"))) {
      throw new ProtocolException("mqttUsername", "must be " + account.username());
    }
    return new Provisioning(account, text(o, "mqttPassword"), text(o, "keyFingerprint"),
        text(o, "topicPrefix"), instant(o, "provisionedAt"),
        o.hasNonNull("hubKey") ? text(o, "hubKey") : null,
        o.hasNonNull("tlsPin") ? text(o, "tlsPin") : null, port(o, "mqttTlsPort"));
  }

  /** The UTC instant in {@code field}, or a refusal naming it. */
  private static Instant instant(JsonNode o, String field) {
    String at = text(o, field);
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new ProtocolException(field, "must be a UTC instant, was \"" + at + "\"");
    }
  }

  private static int port(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.canConvertToInt()) {
      throw new ProtocolException(field, "must be a port number");
    }
    return n.intValue();
  }

  private static TerminalAccount account(JsonNode o) {
    return TerminalAccount.of(text(o, "stationId"), text(o, "terminalId"));
  }

  private static byte[] base64(JsonNode o, String field) {
    try {
      return B64_IN.decode(text(o, field));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(field, "must be base64url without padding");
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new ProtocolException(field, "is required");
    }
    if (!n.isTextual()) {
      throw new ProtocolException(field, "must be a string, was " + n.getNodeType());
    }
    return n.textValue();
  }

  private static JsonNode parseObject(byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new ProtocolException("", "payload is empty");
    }
    try {
      JsonNode node = MAPPER.readTree(payload);
      if (node == null || !node.isObject()) {
        throw new ProtocolException("", "payload must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ProtocolException("", "payload is not valid JSON");
    }
  }

  private static byte[] bytes(ObjectNode o) {
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }
}
