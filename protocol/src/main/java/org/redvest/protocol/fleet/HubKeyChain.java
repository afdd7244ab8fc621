package org.redvest.protocol.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;

/**
 * The hub's signing keys in the order it used them (docs/protocol.md §16, "The hub's signing
 * key"): each link names the previous key and the next and is signed by the previous one, so a
 * terminal that trusts any key of the chain can follow it to the key the hub signs with now,
 * however many rotations it missed, and nobody without a trusted key can add a link.
 *
 * <pre>
 * {"v":1,"links":["&lt;link&gt;", …]}      each link a signed envelope (§16) of
 * {"v":1,"previousKey":"…","hubKey":"…","rotatedAt":"…Z"}
 * </pre>
 */
public final class HubKeyChain {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_IN = Base64.getUrlDecoder();

  private final List<String> links;

  private HubKeyChain(List<String> links) {
    this.links = List.copyOf(links);
  }

  public static HubKeyChain empty() {
    return new HubKeyChain(List.of());
  }

  /** This chain with one more link: {@code previous} hands over to {@code next}, signed by it. */
  public HubKeyChain append(PublicKey previous, PrivateKey previousPrivate, PublicKey next,
      Instant at) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("v", 1);
    body.put("previousKey", B64.encodeToString(Ed25519.raw(previous)));
    body.put("hubKey", B64.encodeToString(Ed25519.raw(next)));
    body.put("rotatedAt", at.toString());
    byte[] signed = SignedPayload.sign(body.toString().getBytes(StandardCharsets.UTF_8),
        previousPrivate);
    List<String> more = new ArrayList<>(links);
    more.add(new String(signed, StandardCharsets.UTF_8));
    return new HubKeyChain(more);
  }

  public boolean isEmpty() {
    return links.isEmpty();
  }

  public int size() {
    return links.size();
  }

  public byte[] encode() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("v", 1);
    ArrayNode array = o.putArray("links");
    links.forEach(array::add);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a chain as {@link #encode()} writes it; the links' signatures are checked by {@link
   * #follow}, not here.
   *
   * @throws ProtocolException when it is not that JSON
   */
  public static HubKeyChain decode(byte[] payload) {
    try {
      JsonNode o = MAPPER.readTree(payload);
      if (o == null || !o.isObject() || !o.path("links").isArray()) {
        throw new ProtocolException("links", "is required: an array of signed links");
      }
      List<String> links = new ArrayList<>();
      for (JsonNode link : o.get("links")) {
        if (!link.isTextual()) {
          throw new ProtocolException("links", "must hold strings");
        }
        links.add(link.textValue());
      }
      return new HubKeyChain(links);
    } catch (IOException e) {
      throw new ProtocolException("", "payload is not valid JSON");
    }
  }

  /**
   * The key the hub signs with now, reached from {@code trusted} through links each signed by a
   * key already reached; empty when no link starts from a trusted key (a chain of another hub, or
   * a forgery). Links that do not verify are skipped, never followed.
   */
  public Optional<PublicKey> follow(Collection<PublicKey> trusted) {
    List<PublicKey> reached = new ArrayList<>(trusted);
    PublicKey latest = null;
    for (String link : links) {
      byte[] envelope = link.getBytes(StandardCharsets.UTF_8);
      Optional<SignedPayload.Parts> parts = SignedPayload.split(envelope);
      if (parts.isEmpty()) {
        continue;
      }
      JsonNode body;
      PublicKey previous;
      PublicKey next;
      try {
        body = MAPPER.readTree(parts.get().body());
        previous = Ed25519.publicKey(B64_IN.decode(body.path("previousKey").asText("")));
        next = Ed25519.publicKey(B64_IN.decode(body.path("hubKey").asText("")));
      } catch (IOException | IllegalArgumentException e) {
        continue;
      }
      if (reached.contains(previous)
          && Ed25519.verify(previous, parts.get().body(), parts.get().signature())) {
        reached.add(next);
        latest = next;
      }
    }
    return Optional.ofNullable(latest);
  }
}
