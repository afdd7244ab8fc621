package org.redvest.hub.web.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redvest.hub.domain.credentials.CredentialStore;
import org.redvest.hub.domain.credentials.Credentials;
import org.redvest.hub.domain.credentials.IssuedCredential;
import org.redvest.hub.domain.credentials.QrImage;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.CredentialFlag;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.credential.FaceTemplate;
import org.redvest.protocol.credential.RefusalRecord;

/** HTTP routes of the credential feature (docs/api.md, "Credentials"). */
public final class CredentialRoutes {
  /** Pixels per QR module of the PNG: 4 px × 45 modules ≈ 200 px, crisp when printed at 25 mm. */
  public static final int MODULE_PX = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Credentials credentials;

  private CredentialRoutes(Credentials credentials) {
    this.credentials = credentials;
  }

  public static void register(Javalin app, Credentials credentials) {
    CredentialRoutes routes = new CredentialRoutes(credentials);
    app.post("/api/volunteers/{volunteerId}/credentials", routes::issue);
    app.post("/api/credentials", routes::issueWithTemplate);
    app.post("/api/credentials/{serial}/revoke", routes::revoke);
    app.post("/api/issuer-keys/rotate", ctx -> ctx.json(Map.of("keyId", credentials.rotate(),
        "rosterVersion", credentials.roster().version())));
    app.get("/api/roster", ctx -> ctx.contentType("application/json")
        .result(CredentialWire.encodeRoster(credentials.roster())));
    app.get("/api/refusals", routes::refusals);
  }

  private void issue(Context ctx) {
    VolunteerId volunteer;
    JsonNode body;
    try {
      volunteer = VolunteerId.of(ctx.pathParam("volunteerId"));
      body = ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
    } catch (ProtocolException | IOException e) {
      badRequest(ctx, "volunteerId", e.getMessage());
      return;
    }
    List<StationId> stations = new ArrayList<>();
    IssuedCredential issued;
    try {
      body.path("stations").forEach(s -> stations.add(StationId.of(s.asText())));
      Set<CredentialFlag> flags = body.path("phonePass").asBoolean(false)
          ? EnumSet.of(CredentialFlag.PHONE_PASS) : EnumSet.noneOf(CredentialFlag.class);
      Duration validity = body.has("validSeconds") ? Duration.ofSeconds(body.get("validSeconds").asLong())
          : Duration.ofDays(body.path("validDays").asLong(Credentials.DEFAULT_VALIDITY.toDays()));
      issued = credentials.issue(volunteer, body.path("displayName").textValue(), validity, stations, flags);
    } catch (ProtocolException | IllegalArgumentException e) {
      badRequest(ctx, "body", e.getMessage());
      return;
    }
    created(ctx, issued);
  }

  /**
   * {@code {"volunteerId", "displayName"?, "validDays"?, "stations"?, "faceTemplate"?: base64 of
   * float32 little-endian values (a terminal's embedding), "templateBits"?: 8 (default) or 4,
   * "consentId" (required with a template)}}. The template is quantised into the signed code and
   * not kept.
   */
  private void issueWithTemplate(Context ctx) {
    IssuedCredential issued;
    try {
      JsonNode body = JSON.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
      VolunteerId volunteer = VolunteerId.of(body.path("volunteerId").asText(null));
      List<StationId> stations = new ArrayList<>();
      body.path("stations").forEach(s -> stations.add(StationId.of(s.asText())));
      FaceTemplate template = null;
      if (body.hasNonNull("faceTemplate")) {
        template = FaceTemplate.quantise(floats(Base64.getDecoder().decode(body.get("faceTemplate").asText())),
            body.path("templateBits").asInt(8));
      }
      issued = credentials.issue(volunteer, body.path("displayName").textValue(),
          Duration.ofDays(body.path("validDays").asLong(Credentials.DEFAULT_VALIDITY.toDays())), stations,
          EnumSet.noneOf(CredentialFlag.class), template, body.path("consentId").textValue());
    } catch (ProtocolException | IllegalArgumentException | IOException e) {
      badRequest(ctx, "body", e.getMessage());
      return;
    }
    created(ctx, issued);
  }

  private static float[] floats(byte[] bytes) {
    if (bytes.length == 0 || bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("faceTemplate: must be base64 of float32 little-endian values, was "
          + bytes.length + " bytes");
    }
    float[] values = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  private static void created(Context ctx, IssuedCredential issued) {
    QrImage qr = QrImage.of(issued.code(), MODULE_PX);
    Map<String, Object> json = credentialJson(issued.credential());
    json.put("code", issued.code());
    json.put("codeLength", issued.code().length());
    json.put("qr", Map.of("version", qr.version(), "modules", qr.modules(),
        "errorCorrection", qr.errorCorrection(), "modulePx", MODULE_PX));
    json.put("png", "data:image/png;base64," + Base64.getEncoder().encodeToString(qr.png()));
    ctx.status(HttpStatus.CREATED).json(json);
  }

  private void revoke(Context ctx) {
    long serial;
    String reason;
    try {
      serial = Long.parseLong(ctx.pathParam("serial"));
      reason = ctx.body().isBlank() ? "" : JSON.readTree(ctx.body()).path("reason").asText("");
    } catch (NumberFormatException | IOException e) {
      badRequest(ctx, "serial", "must be an integer serial and the body {\"reason\": \"...\"}");
      return;
    }
    if (!credentials.issued(serial)) {
      ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "serial: no credential " + serial, "parameter", "serial"));
      return;
    }
    boolean changed = credentials.revoke(serial, reason);
    ctx.json(Map.of("serial", serial, "revoked", true, "changed", changed,
        "rosterVersion", credentials.roster().version()));
  }

  private void refusals(Context ctx) {
    int limit = 100;
    String text = ctx.queryParam("limit");
    if (text != null && !text.isEmpty()) {
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 1000) {
        badRequest(ctx, "limit", "must be an integer from 1 to 1000, was \"" + text + "\"");
        return;
      }
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (CredentialStore.RefusalRow row : credentials.refusals(limit)) {
      RefusalRecord r = row.record();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("stationId", r.stationId().value());
      json.put("terminalId", r.terminalId().value());
      json.put("refusalSeq", r.refusalSeq());
      json.put("at", WireCodec.formatTime(r.at()));
      json.put("reason", r.reason().name());
      json.put("detail", r.detail());
      json.put("volunteerId", r.volunteerId() == null ? null : r.volunteerId().value());
      json.put("keyId", r.keyId());
      json.put("serial", r.serial());
      json.put("codeHash", r.codeHash());
      json.put("receivedAt", row.receivedAt().toString());
      list.add(json);
    }
    ctx.json(list);
  }

  private static Map<String, Object> credentialJson(Credential c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("serial", c.serial());
    json.put("keyId", c.keyId());
    json.put("volunteerId", c.volunteerId().value());
    json.put("displayName", c.displayName());
    json.put("issuedAt", c.issuedAt().toString());
    json.put("expiresAt", c.expiresAt().toString());
    json.put("stations", c.stations().stream().map(StationId::value).toList());
    json.put("flags", c.flags().stream().map(Enum::name).toList());
    if (c.faceTemplate() != null) {
      json.put("faceTemplate", Map.of("dimensions", c.faceTemplate().dimensions(), "bits", c.faceTemplate().bits()));
    }
    return json;
  }

  private static void badRequest(Context ctx, String parameter, String problem) {
    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", parameter + ": " + problem, "parameter", parameter));
  }
}
