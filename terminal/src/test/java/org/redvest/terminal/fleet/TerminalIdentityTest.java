package org.redvest.terminal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.TerminalAccount;

class TerminalIdentityTest {
  @TempDir Path dir;

  @Test
  void open_makesAKeyReadableByItsOwnerOnly_andKeepsIt() throws Exception {
    TerminalIdentity first = TerminalIdentity.open(dir);
    TerminalIdentity again = TerminalIdentity.open(dir);

    Path key = dir.resolve("fleet/terminal.ed25519");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint()).startsWith("SHA256:");
    assertThat(first.request("CODE", TerminalAccount.of("S1", "t1")).proofHolds()).isTrue();
  }

  @Test
  void provisioning_savedPrivately_andIgnoredOnceTheKeyChanged() throws Exception {
    TerminalIdentity identity = TerminalIdentity.open(dir);
    Provisioning login = new Provisioning(TerminalAccount.of("S1", "t1"), "0123456789abcdef0123456789",
        identity.fingerprint(), "redvest/v1", Instant.parse("2026-12-07T00:00:00Z"), null);
    identity.save(login);

    assertThat(identity.provisioning()).contains(login);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fleet/provisioning.json"))))
        .isEqualTo("rw-------");
    Files.delete(dir.resolve("fleet/terminal.ed25519"));
    assertThat(TerminalIdentity.open(dir).provisioning()).as("a login made for another key").isEmpty();
  }
}
