package org.redvest.terminal.face.opencv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A model file checked against its published SHA-256 before any native code reads it. */
final class ModelFile {
  private ModelFile() {}

  /** {@code file} if it exists and has {@code sha256}; otherwise an error naming both. */
  static Path verified(Path file, String sha256) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("model " + file + " is not installed (see scripts/install-models.sh)");
    }
    String actual = sha256(file);
    if (!actual.equals(sha256)) {
      throw new IllegalStateException("model " + file + " has sha256 " + actual + ", expected " + sha256
          + "; reinstall it with scripts/install-models.sh");
    }
    return file;
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
