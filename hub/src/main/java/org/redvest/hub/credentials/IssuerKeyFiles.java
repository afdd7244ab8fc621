package org.redvest.hub.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.HexFormat;
import org.redvest.protocol.credential.Ed25519;

/**
 * Private issuer keys as files {@code keys/<keyId>.ed25519} in the hub's data dir: the 32-byte
 * seed in hex, created owner-read/write only (0600) before a byte is written, so the key is never
 * readable by others even for a moment. Back the directory up: a lost key means re-issuing.
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
    try {
      Files.createDirectories(dir);
      Path file = file(keyId);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, HexFormat.of().formatHex(Ed25519.seed(pair.getPrivate())) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write issuer key " + keyId + " in " + dir, e);
    }
  }

  PrivateKey read(String keyId) {
    Path file = file(keyId);
    try {
      return Ed25519.privateKey(HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read issuer key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("issuer key file " + file + " is damaged: " + e.getMessage(), e);
    }
  }
}
