package org.redvest.terminal.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.credential.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last roster received, as {@value #FILE_NAME} in the terminal's data dir, so a kiosk that
 * restarts without a network still verifies credentials and honours revocations. Written to a
 * temporary file and moved into place, so a power cut leaves the old roster or the new one.
 */
public final class RosterFile {
  public static final String FILE_NAME = "roster.json";
  private static final Logger LOG = LoggerFactory.getLogger(RosterFile.class);

  private final Path file;

  public RosterFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  /** The saved roster, or empty when there is none or it cannot be read (logged). */
  public Optional<Roster> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CredentialWire.decodeRoster(Files.readAllBytes(file)));
    } catch (IOException | ProtocolException e) {
      LOG.warn("ignoring unreadable roster {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  public void save(Roster roster) {
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.write(temp, CredentialWire.encodeRoster(roster));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the roster to " + file, e);
    }
  }
}
