package org.redvest.hub.domain.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.SignedPayload;

/**
 * Where each terminal's chain ended at the last clean audit, signed by the hub's key, kept outside
 * the store (docs/security.md, "Audit"): the next audit checks that every anchored event is still
 * there with the same hash, so events deleted from the end of a chain, which leave no gap behind,
 * are found too.
 *
 * @param tips per terminal ({@code S/T}), its last audited {@code terminalSeq} and that event's
 *     chain hash ({@code EventChain.hashOf})
 */
public record AuditAnchor(Instant at, Map<String, Tip> tips) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A terminal's last audited event. */
  public record Tip(long seq, String hash) {}

  public AuditAnchor {
    tips = Map.copyOf(tips);
  }

  /** This anchor signed by {@code signer}, naming its key. */
  public byte[] sign(HubSigner signer) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", 1);
    root.put("at", at.toString());
    root.put("hubKey", signer.publicKey());
    ObjectNode ts = root.putObject("tips");
    new TreeMap<>(tips).forEach((terminal, tip) ->
        ts.putObject(terminal).put("seq", tip.seq()).put("hash", tip.hash()));
    try {
      return signer.sign(JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new IllegalStateException("a tree of numbers and strings always serialises", e);
    }
  }

  /**
   * The anchor in {@code file}, which must be signed by {@code signer}'s key now, or by an earlier
   * key of the same hub that its hand-overs lead from.
   *
   * @throws AuditException naming why the file is not this hub's anchor
   */
  public static AuditAnchor read(byte[] file, HubSigner signer) {
    SignedPayload.Parts parts = SignedPayload.split(file).orElseThrow(() ->
        new AuditException("the anchor file is not signed: it was not written by an audit"));
    try {
      JsonNode root = JSON.readTree(parts.body());
      PublicKey key = Ed25519.publicKey(Base64.getUrlDecoder().decode(root.path("hubKey").asText("")));
      if (!Ed25519.verify(key, parts.body(), parts.signature())) {
        throw new AuditException("the anchor file's signature does not verify: it was edited");
      }
      PublicKey current = Ed25519.publicKey(Base64.getUrlDecoder().decode(signer.publicKey()));
      boolean ours = key.equals(current)
          || signer.chain().follow(List.of(key)).filter(current::equals).isPresent();
      if (!ours) {
        throw new AuditException("the anchor file was signed by another hub's key");
      }
      Map<String, Tip> tips = new TreeMap<>();
      root.path("tips").fields().forEachRemaining(e -> tips.put(e.getKey(),
          new Tip(e.getValue().path("seq").asLong(), e.getValue().path("hash").asText())));
      return new AuditAnchor(Instant.parse(root.path("at").asText()), tips);
    } catch (IOException | RuntimeException e) {
      if (e instanceof AuditException a) {
        throw a;
      }
      throw new AuditException("the anchor file cannot be read: " + e.getMessage());
    }
  }
}
