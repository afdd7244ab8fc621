package org.redvest.hub.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The hub's one way to write a file that must never be seen half written or with looser rights
 * than asked: keys, passwords, bundles, the Mosquitto files, the embedded broker's keystore.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code text} (UTF-8) to a new file beside {@code file} with exactly {@code mode} (e.g.
   * {@code rw-------}, where the file system has POSIX rights), then moves it over {@code file}.
   */
  public static void write(Path file, String text, String mode) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8), mode);
  }

  /** {@link #write(Path, String, String)} for bytes. */
  public static void write(Path file, byte[] bytes, String mode) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path temp = posix
        ? Files.createTempFile(parent, "." + file.getFileName(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)))
        : Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
    try {
      if (posix) {
        // Created with at most that mode (the umask may take more away): set it exactly.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
      }
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
