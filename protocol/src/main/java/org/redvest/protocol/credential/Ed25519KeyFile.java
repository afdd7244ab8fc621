package org.redvest.protocol.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.HexFormat;

/**
 * A private Ed25519 key on disk: the 32-byte seed in hex and a newline, in a file created
 * owner-read/write only (0600) before a byte is written, so the key is never readable by others even
 * for a moment. The one format of the hub's issuer and signing keys and of a terminal's own key.
 */
public final class Ed25519KeyFile {
  private Ed25519KeyFile() {}

  /**
   * The key pair whose seed {@code file} holds.
   *
   * @throws UncheckedIOException when it cannot be read
   * @throws IllegalStateException when it holds no seed
   */
  public static KeyPair read(Path file) {
    try {
      return Ed25519.keyPair(HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("key file " + file + " is damaged: " + e.getMessage(), e);
    }
  }

  /** Writes {@code pair}'s seed to {@code file}, creating its folder; fails if the file exists. */
  public static void create(Path file, KeyPair pair) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, HexFormat.of().formatHex(Ed25519.seed(pair.getPrivate())) + "\n",
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file, e);
    }
  }

  /** The key pair in {@code file}, after making and writing a new one there if there is none. */
  public static KeyPair readOrCreate(Path file) {
    if (Files.exists(file)) {
      return read(file);
    }
    KeyPair pair = Ed25519.generate();
    create(file, pair);
    return pair;
  }
}
