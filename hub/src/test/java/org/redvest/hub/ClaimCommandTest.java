package org.redvest.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.protocol.fleet.TerminalAccount;

/** {@code redvest-hub claim}, with and without an offline bundle, beside a running hub. */
class ClaimCommandTest {
  @TempDir Path dir;

  @Test
  void claim_withBundle_writesASignedPrivateBundleNamingTheHubItsPinAndKey() throws Exception {
    Path data = dir.resolve("hub");
    try (Hub hub = Hub.start(HubConfig.local(data))) {
      Path file = dir.resolve("kiosk-7.json");
      int exit = ClaimCommand.run(new String[] {"claim", "--station", "JX-RJ-0001", "--terminal",
          "kiosk-7", "--data-dir", data.toString(), "--ttl", "2h", "--bundle", file.toString(),
          "--hub", "https://hub.example.org:8443"}, Map.of());

      assertThat(exit).isZero();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      ProvisioningBundle bundle = ProvisioningBundle.read(Files.readAllBytes(file));
      assertThat(bundle.account()).isEqualTo(TerminalAccount.of("JX-RJ-0001", "kiosk-7"));
      assertThat(bundle.hub()).hasToString("https://hub.example.org:8443");
      assertThat(bundle.hubPin()).isEqualTo(hub.tls().orElseThrow().pin().toString());
      assertThat(bundle.hubKey()).isEqualTo(org.redvest.hub.transport.link.HubSigner.open(data).publicKey());

      Path plain = dir.resolve("kiosk-8.json");
      assertThat(ClaimCommand.run(new String[] {"claim", "--station", "JX-RJ-0001", "--terminal",
          "kiosk-8", "--data-dir", data.toString(), "--bundle", plain.toString(),
          "--hub", "http://10.0.0.5:8080"}, Map.of())).isZero();
      assertThat(ProvisioningBundle.read(Files.readAllBytes(plain)).hubPin())
          .as("a pin over plain http would check nothing").isNull();
    }
  }

  @Test
  void claim_hubWithAConfiguredCertificate_bundlePinsThatCertificatesKey() throws Exception {
    org.redvest.hub.domain.fleet.HubTls organisation = org.redvest.hub.domain.fleet.HubTls.generated(dir.resolve("ca"),
        java.util.List.of("hub.example.org"), java.time.Clock.systemUTC());
    Path data = dir.resolve("hub");
    Path file = dir.resolve("kiosk-9.json");

    int exit = ClaimCommand.run(new String[] {"claim", "--station", "JX-RJ-0001", "--terminal",
        "kiosk-9", "--data-dir", data.toString(), "--bundle", file.toString(),
        "--hub", "https://hub.example.org:8443"},
        Map.of("REDVEST_HUB_TLS_CERTIFICATE", dir.resolve("ca").resolve("tls-cert.pem").toString()));

    assertThat(exit).isZero();
    assertThat(ProvisioningBundle.read(Files.readAllBytes(file)).hubPin())
        .isEqualTo(organisation.pin().toString());
    assertThat(data.resolve("fleet").resolve("tls-key.pem")).as("no key of its own made").doesNotExist();
  }

  @Test
  void claim_bundleWithoutOrWithABadHub_usageError_noCodeIssued() {
    assertThat(ClaimCommand.run(new String[] {"claim", "--station", "JX-RJ-0001", "--terminal",
        "kiosk-7", "--data-dir", dir.toString(), "--bundle", dir.resolve("b.json").toString()},
        Map.of())).isEqualTo(2);
    assertThat(ClaimCommand.run(new String[] {"claim", "--station", "JX-RJ-0001", "--terminal",
        "kiosk-7", "--data-dir", dir.toString(), "--bundle", dir.resolve("b.json").toString(),
        "--hub", "hub.example.org:8443"}, Map.of())).isEqualTo(2);
    assertThat(ClaimCommand.run(new String[] {"claim", "--station", "JX-RJ-0001", "--terminal",
        "kiosk-7", "--data-dir", dir.toString(), "--bundle", dir.resolve("b.json").toString(),
        "--hub", "http://hub.example.org", "--hub-pin",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"}, Map.of())).isEqualTo(2);
    assertThat(dir.resolve("b.json")).doesNotExist();
    assertThat(dir.resolve(Hub.DATABASE_FILE)).as("nothing was opened, no code issued").doesNotExist();
  }
}
