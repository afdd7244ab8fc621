package org.redvest.terminal.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.redvest.protocol.VolunteerId;

/**
 * Asks the hub to sign a card carrying a face template captured at enrolment
 * ({@code POST /api/credentials}, docs/api.md): the terminal sends the float template and the
 * consent id once, the hub quantises it into the signed code and keeps no copy.
 */
public final class CardRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CardRequest() {}

  /** The signed card: its QR text, serial, QR version and PNG. */
  public record Card(String code, long serial, int qrVersion, byte[] png) {}

  /**
   * @param hub the hub's base URL: {@code https://hub:8443}, or {@code http://} on this machine only
   *     (the template is sensitive personal information and the token a credential)
   * @param pin the hub's TLS key to trust for {@code https} (the kiosk's own login has it), or null
   *     for the Java runtime's certificate authorities (a reverse proxy with a public certificate)
   * @param template float32 little-endian values ({@code Embedding.toBytes()})
   * @throws IOException when the hub cannot be reached or refuses (its message included)
   * @throws IllegalArgumentException for plain {@code http} to another machine
   */
  public static Card issue(URI hub, org.redvest.protocol.fleet.TlsPin pin, String token, VolunteerId volunteer,
      String displayName, String consentId, byte[] template, Duration timeout) throws IOException {
    if (!"https".equals(hub.getScheme()) && !loopback(hub.getHost())) {
      throw new IllegalArgumentException("--card-hub " + hub + ": the face template and the token would"
          + " cross the network in clear text; use the hub's https address (https://HUB:8443), which"
          + " this kiosk checks against the hub key it was given when it joined");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("volunteerId", volunteer.value());
    body.put("displayName", displayName);
    body.put("consentId", consentId);
    body.put("faceTemplate", Base64.getEncoder().encodeToString(template));
    HttpRequest request = HttpRequest.newBuilder(hub.resolve("/api/credentials")).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    HttpResponse<String> response;
    try {
      HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout);
      if (pin != null && "https".equals(hub.getScheme())) {
        client.sslContext(pin.clientContext());
      }
      response = client.build().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + hub + " for a card", e);
    }
    if (response.statusCode() != 201) {
      throw new IOException("hub answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode json = JSON.readTree(response.body());
    String png = json.get("png").asText();
    return new Card(json.get("code").asText(), json.get("serial").asLong(), json.get("qr").get("version").asInt(),
        Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1)));
  }

  private static boolean loopback(String host) {
    try {
      return host != null && java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
