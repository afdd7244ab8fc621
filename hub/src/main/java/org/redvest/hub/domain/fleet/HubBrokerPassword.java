package org.redvest.hub.domain.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.transport.link.BrokerLogin;
import org.redvest.protocol.fleet.TerminalAccount;

/**
 * The hub's own login to an external broker whose password file the hub writes ({@link
 * MosquittoSecurity}). Unlike the embedded broker's per-start password, it must outlive a restart
 * of the hub, since the broker only learns a new one when its operator's reload runs: a random
 * 256-bit secret made once and kept in {@value #FILE} under the data directory, mode 0600.
 */
public final class HubBrokerPassword {
  static final String FILE = "fleet/hub-broker.password";

  private HubBrokerPassword() {}

  /** The login kept under {@code dataDir}, after making one there if there is none. */
  public static BrokerLogin readOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, Fleet.randomSecret() + "\n", "rw-------");
      }
      String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (password.isEmpty()) {
        throw new IllegalStateException("hub broker password file " + file + " is empty: delete it"
            + " to make a new one, then let the hub rewrite Mosquitto's files");
      }
      return new BrokerLogin(TerminalAccount.HUB_USERNAME, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }
}
