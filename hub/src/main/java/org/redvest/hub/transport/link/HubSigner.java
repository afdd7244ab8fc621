package org.redvest.hub.transport.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.Ed25519KeyFile;
import org.redvest.protocol.fleet.HubKeyChain;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.SignedPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own Ed25519 key, which signs everything the hub tells terminals (acks, the roster;
 * docs/protocol.md §16). Kept in {@code <data-dir>/fleet/hub-signing.ed25519} (an {@link
 * Ed25519KeyFile}, made on first start); its public half reaches each terminal when it joins the
 * fleet, so a terminal never learns it from the broker.
 *
 * <p>Rotation (docs/security.md, "Rotation"): {@link #prepareRotation} makes the next key beside
 * the current one; the next start signs a link from the current key to it into {@code
 * hub-key-chain.json} ({@link HubKeyChain}), switches to it and forgets the old private key. The
 * hub publishes the chain retained, and terminals follow it from the key they trust.
 */
public final class HubSigner {
  static final String FILE = "fleet/hub-signing.ed25519";
  static final String NEXT = "fleet/hub-signing.next.ed25519";
  static final String CHAIN = "fleet/hub-key-chain.json";
  private static final Logger LOG = LoggerFactory.getLogger(HubSigner.class);

  private final KeyPair key;
  private final HubKeyChain chain;

  private HubSigner(KeyPair key, HubKeyChain chain) {
    this.key = key;
    this.chain = chain;
  }

  /**
   * Loads the hub's signing key from {@code dataDir}, making one on first start; a next key
   * waiting is left for the hub's own start ({@link #start}), so commands run beside a running hub
   * never switch keys under it.
   */
  public static HubSigner open(Path dataDir) {
    return load(dataDir, null);
  }

  /**
   * What the hub's start loads: like {@link #open}, switching first to a next key {@link
   * #prepareRotation} made.
   */
  public static HubSigner start(Path dataDir, Clock clock) {
    return load(dataDir, clock);
  }

  private static HubSigner load(Path dataDir, Clock rotateAt) {
    Path file = dataDir.resolve(FILE);
    Path next = dataDir.resolve(NEXT);
    Path chainFile = dataDir.resolve(CHAIN);
    try {
      HubKeyChain chain = Files.exists(chainFile)
          ? HubKeyChain.decode(Files.readAllBytes(chainFile)) : HubKeyChain.empty();
      if (rotateAt != null && Files.exists(next) && Files.exists(file)) {
        Clock clock = rotateAt;
        KeyPair current = Ed25519KeyFile.read(file);
        KeyPair coming = Ed25519KeyFile.read(next);
        chain = chain.append(current.getPublic(), current.getPrivate(), coming.getPublic(),
            clock.instant());
        Path tmp = chainFile.resolveSibling(chainFile.getFileName() + ".tmp");
        Files.write(tmp, chain.encode());
        Files.move(tmp, chainFile, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        // A crash between the two moves appends the same link again at the next start: harmless.
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("the hub's signing key rotated {} -> {}; terminals follow {} ({} link(s))",
            fingerprint(current), fingerprint(coming), CHAIN, chain.size());
      }
      boolean made = !Files.exists(file);
      HubSigner signer = new HubSigner(Ed25519KeyFile.readOrCreate(file), chain);
      if (made) {
        LOG.info("made the hub's signing key {} in {}", signer.fingerprint(), file);
      }
      return signer;
    } catch (IOException e) {
      throw new UncheckedIOException("the hub's signing key in " + file.getParent(), e);
    }
  }

  /**
   * Makes the key the next start switches to (kept if one is waiting already) and returns its
   * fingerprint. The running hub keeps signing with the current key until then.
   */
  public static String prepareRotation(Path dataDir) {
    Path next = dataDir.resolve(NEXT);
    if (!Files.exists(dataDir.resolve(FILE))) {
      throw new IllegalStateException(dataDir.resolve(FILE) + " does not exist: this hub has no"
          + " signing key to rotate yet");
    }
    return fingerprint(Ed25519KeyFile.readOrCreate(next));
  }

  /** {@code body} with the hub's signature appended ({@link SignedPayload#sign}). */
  public byte[] sign(byte[] body) {
    return SignedPayload.sign(body, key.getPrivate());
  }

  /** An offline provisioning bundle as a file, signed by the hub (docs/protocol.md §15). */
  public byte[] sign(org.redvest.protocol.fleet.ProvisioningBundle bundle) {
    return bundle.sign(key.getPrivate());
  }

  /** The raw public key in base64url, as terminals receive it. */
  public String publicKey() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.raw(key.getPublic()));
  }

  public String fingerprint() {
    return fingerprint(key);
  }

  /** Every hand-over from one signing key to the next, oldest first; empty before a rotation. */
  public HubKeyChain chain() {
    return chain;
  }

  private static String fingerprint(KeyPair pair) {
    return KeyFingerprint.of(Ed25519.raw(pair.getPublic()));
  }
}
