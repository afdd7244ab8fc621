package org.redvest.hub.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.Ed25519KeyFile;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.SignedPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own Ed25519 key, which signs everything the hub tells terminals (acks, the roster;
 * docs/protocol.md §16). Kept in {@code <data-dir>/fleet/hub-signing.ed25519} (an {@link
 * Ed25519KeyFile}, made on first start); its public half reaches each terminal when it joins the fleet, so a
 * terminal never learns it from the broker.
 */
public final class HubSigner {
  static final String FILE = "fleet/hub-signing.ed25519";
  private static final Logger LOG = LoggerFactory.getLogger(HubSigner.class);

  private final KeyPair key;

  private HubSigner(KeyPair key) {
    this.key = key;
  }

  /** Loads the hub's signing key from {@code dataDir}, making one on first start. */
  public static HubSigner open(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    boolean made = !Files.exists(file);
    HubSigner signer = new HubSigner(Ed25519KeyFile.readOrCreate(file));
    if (made) {
      LOG.info("made the hub's signing key {} in {}", signer.fingerprint(), file);
    }
    return signer;
  }

  /** {@code body} with the hub's signature appended ({@link SignedPayload#sign}). */
  public byte[] sign(byte[] body) {
    return SignedPayload.sign(body, key.getPrivate());
  }

  /** The raw public key in base64url, as terminals receive it. */
  public String publicKey() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.raw(key.getPublic()));
  }

  public String fingerprint() {
    return KeyFingerprint.of(Ed25519.raw(key.getPublic()));
  }
}
