package org.redvest.hub.domain.credentials;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.redvest.protocol.credential.Ed25519KeyFile;

/**
 * Private issuer keys as files {@code keys/<keyId>.ed25519} in the hub's data dir, each an {@link
 * Ed25519KeyFile} (the seed in hex, 0600 from the start). Back the directory up: a lost key means
 * re-issuing.
 */
final class IssuerKeyFiles {
  static final String DIR = "keys";
  private static final String SUFFIX = ".ed25519";

  private final Path dir;

  IssuerKeyFiles(Path dataDir) {
    this.dir = dataDir.resolve(DIR);
  }

  Path file(String keyId) {
    return dir.resolve(keyId + SUFFIX);
  }

  /** Writes a new key's seed; fails if a file for {@code keyId} exists. */
  void create(String keyId, KeyPair pair) {
    Ed25519KeyFile.create(file(keyId), pair);
  }

  PrivateKey read(String keyId) {
    return Ed25519KeyFile.read(file(keyId)).getPrivate();
  }
}
