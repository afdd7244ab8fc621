package org.redvest.protocol.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

/**
 * What an installer copies onto a kiosk that cannot reach its hub at install time (docs/protocol.md
 * §15, "Offline bundles"): a one-time claim code for one terminal, where the hub is, the pin of
 * its TLS key and its signing key. The kiosk keeps it and claims with it as soon as the hub
 * answers; until then it records into its outbox. The file is signed by the hub's key it carries,
 * which shows it arrived whole (its trust comes from the installer who carried it).
 *
 * @param hub the hub's web address, e.g. {@code https://hub.example.org:8443}
 * @param hubPin {@link TlsPin} of the hub's TLS key, or null to trust the system's authorities
 * @param hubKey the hub's raw Ed25519 signing key in base64url
 */
public record ProvisioningBundle(TerminalAccount account, String claimCode, URI hub,
    String hubPin, String hubKey, Instant expiresAt) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public ProvisioningBundle {
    if (account == null) {
      throw new ProtocolException("stationId", "is required");
    }
    if (claimCode == null || claimCode.isBlank()) {
      throw new ProtocolException("claimCode", "is required");
    }
    if (!isHubAddress(hub)) {
      throw new ProtocolException("hub", "must be the hub's web address, like https://hub:8443");
    }
    if (hubPin != null && !"https".equals(hub.getScheme())) {
      throw new ProtocolException("hubPin", "pins an https hub, not " + hub);
    }
    if (hubPin != null) {
      try {
        TlsPin.parse(hubPin);
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("hubPin", e.getMessage());
      }
    }
    if (hubKey == null) {
      throw new ProtocolException("hubKey", "is required");
    }
    if (expiresAt == null) {
      throw new ProtocolException("expiresAt", "is required");
    }
  }

  /** The bundle as a file: its JSON, signed by {@code hubPrivateKey} (docs/protocol.md §16). */
  public byte[] sign(PrivateKey hubPrivateKey) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", 1);
    o.put("stationId", account.station().value());
    o.put("terminalId", account.terminal().value());
    o.put("claimCode", claimCode);
    o.put("hub", hub.toString());
    if (hubPin != null) {
      o.put("hubPin", hubPin);
    }
    o.put("hubKey", hubKey);
    o.put("expiresAt", expiresAt.toString());
    return SignedPayload.sign(o.toString().getBytes(StandardCharsets.UTF_8), hubPrivateKey);
  }

  /**
   * Reads a bundle file, checking it is whole: signed by the hub key it names.
   *
   * @throws ProtocolException naming what is wrong
   */
  public static ProvisioningBundle read(byte[] file) {
    SignedPayload.Parts parts = SignedPayload.split(file).orElseThrow(() ->
        new ProtocolException("sig", "is required: a bundle is signed by its hub"));
    JsonNode o;
    try {
      o = MAPPER.readTree(parts.body());
    } catch (IOException e) {
      throw new ProtocolException("", "a bundle is JSON");
    }
    String hubKey = o.path("hubKey").asText(null);
    PublicKey key;
    try {
      key = Ed25519.publicKey(Base64.getUrlDecoder().decode(String.valueOf(hubKey)));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("hubKey", "must be a raw 32-byte Ed25519 key in base64url");
    }
    if (!Ed25519.verify(key, parts.body(), parts.signature())) {
      throw new ProtocolException("sig", "does not verify with the bundle's hub key: the file was"
          + " changed or damaged");
    }
    try {
      return new ProvisioningBundle(
          TerminalAccount.of(o.path("stationId").asText(""), o.path("terminalId").asText("")),
          o.path("claimCode").asText(null), URI.create(o.path("hub").asText("")),
          o.hasNonNull("hubPin") ? o.get("hubPin").asText() : null, hubKey,
          Instant.parse(o.path("expiresAt").asText("")));
    } catch (DateTimeParseException e) {
      throw new ProtocolException("expiresAt", "must be a UTC instant");
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("hub", e.getMessage());
    }
  }

  /** Whether {@code hub} can be a hub's web address: http or https, with a host. */
  public static boolean isHubAddress(URI hub) {
    return hub != null && hub.getHost() != null
        && ("https".equals(hub.getScheme()) || "http".equals(hub.getScheme()));
  }

  /**
   * The prefix of a join code: a bundle file as the text of a QR code, shown to a kiosk's own
   * camera instead of copied onto it (docs/protocol.md §15, "Join codes").
   */
  public static final String JOIN_CODE_PREFIX = "RVJ1:";

  /** Whether a scanned {@code text} is a join code (not yet whether it is a whole one). */
  public static boolean isJoinCode(String text) {
    return text != null && text.startsWith(JOIN_CODE_PREFIX);
  }

  /**
   * {@code file} (a bundle as {@link #sign} writes it) as a join code: {@link #JOIN_CODE_PREFIX}
   * and the file's text. ASCII only, since QR readers differ on the character set of byte mode.
   *
   * @throws IllegalArgumentException when the file holds a character beyond ASCII (a hub address
   *     with an internationalised host: give it in its ASCII form)
   */
  public static String joinCode(byte[] file) {
    for (byte b : file) {
      if (b < 0x20 || b > 0x7e) {
        throw new IllegalArgumentException("a join code holds printable ASCII only; the bundle has"
            + " byte 0x" + Integer.toHexString(b & 0xff) + " (give the hub address in ASCII)");
      }
    }
    return JOIN_CODE_PREFIX + new String(file, StandardCharsets.US_ASCII);
  }

  /**
   * The bundle file a join code carries; {@link #read} it to check it is whole.
   *
   * @throws ProtocolException when {@code text} is not a join code
   */
  public static byte[] fileOfJoinCode(String text) {
    if (!isJoinCode(text)) {
      throw new ProtocolException("", "a join code starts with " + JOIN_CODE_PREFIX);
    }
    return text.substring(JOIN_CODE_PREFIX.length()).getBytes(StandardCharsets.UTF_8);
  }

  public java.util.Optional<TlsPin> pin() {
    return java.util.Optional.ofNullable(hubPin).map(TlsPin::parse);
  }

  @Override
  public String toString() {
    return "ProvisioningBundle[" + account.username() + " at " + hub + ", until " + expiresAt + "]";
  }
}
