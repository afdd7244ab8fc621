package org.redvest.hub.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The hub's API bearer token for scripts: 256 random bits in {@code <dataDir>/api-token}, made
 * on first start, readable by its owner only. {@code Authorization: Bearer <token>} acts as a hub
 * admin. Delete the file and restart the hub to replace it.
 */
final class ApiToken {
  static final String FILE = "api-token";

  private final String token;
  private final byte[] digest;

  private ApiToken(String token) {
    this.token = token;
    this.digest = SignIns.sha256(token).getBytes(StandardCharsets.US_ASCII);
  }

  static ApiToken load(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() < 32) {
          throw new IllegalStateException(file + " holds no token; delete it to make a new one");
        }
        return new ApiToken(text);
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      writeOwnerOnly(file, token + "\n");
      return new ApiToken(token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  String value() {
    return token;
  }

  /** Constant-time comparison of digests, so the time taken says nothing about the token. */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(digest,
        SignIns.sha256(candidate).getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes a new file readable and writable by its owner only (where the file system can say so). */
  static void writeOwnerOnly(Path file, String text) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
