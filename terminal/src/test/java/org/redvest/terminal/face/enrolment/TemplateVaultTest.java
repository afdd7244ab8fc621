package org.redvest.terminal.face.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.EnrolmentRecord;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.face.Embedding;

class TemplateVaultTest {
  static final StationId STATION = StationId.of("JX-RJ-0001");
  static final TerminalId KIOSK = TerminalId.of("kiosk-1");
  static final VolunteerId ZHANG = VolunteerId.of("V-1");
  static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");

  @TempDir Path dir;

  static Embedding template(long seed) {
    Random random = new Random(seed);
    float[] v = new float[512];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Embedding.of(v);
  }

  static Consent consent() {
    return new Consent("c-1", "face-consent-2026-01", AT, "manager-1");
  }

  TemplateVault open() {
    return TemplateVault.open(dir.resolve("data"), TemplateKey.openOrCreate(dir.resolve("keys/face.key")), STATION, KIOSK);
  }

  @Test
  void enrol_templates_comeBackDecryptedInTheGallery() {
    try (TemplateVault vault = open()) {
      EnrolmentRecord record = vault.enrol(ZHANG, "张三", consent(), List.of(template(1), template(2)));

      assertThat(record.state()).isEqualTo(EnrolmentRecord.State.ENROLLED);
      assertThat(record.enrolmentSeq()).isEqualTo(1);
      assertThat(vault.gallery(512).rank(template(2)).best()).isEqualTo("V-1");
      assertThat(vault.displayName("V-1")).isEqualTo("张三");
    }
  }

  @Test
  void enrol_storedRow_isCiphertextAndTheKeyLivesInItsOwnOwnerOnlyFile() throws Exception {
    try (TemplateVault vault = open()) {
      vault.enrol(ZHANG, "张三", consent(), List.of(template(1)));
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/face.key"))))
        .isEqualTo("rw-------");
    assertThat(containsAnywhere(dir.resolve("data"), slice(template(1).toBytes()))).isFalse();
    assertThat(sealedTemplates()).hasSize(1);
  }

  @Test
  void open_withAnotherKey_cannotReadTemplates() {
    try (TemplateVault vault = open()) {
      vault.enrol(ZHANG, "张三", consent(), List.of(template(1)));
    }
    try (TemplateVault other = TemplateVault.open(dir.resolve("data"),
        TemplateKey.openOrCreate(dir.resolve("other.key")), STATION, KIOSK)) {
      assertThatThrownBy(() -> other.gallery(512)).hasMessageContaining("wrong key file");
    }
  }

  @Test
  void withdraw_enrolled_removesEveryTraceOfTheTemplatesFromTheFiles() throws Exception {
    try (TemplateVault vault = open()) {
      vault.enrol(ZHANG, "张三", consent(), List.of(template(1), template(2)));
      List<byte[]> sealed = sealedTemplates();
      assertThat(containsAnywhere(dir.resolve("data"), slice(sealed.get(0)))).as("control: on disk before").isTrue();

      EnrolmentRecord withdrawn = vault.withdraw(ZHANG, AT.plusDays(1), "manager-2").orElseThrow();

      assertThat(withdrawn.state()).isEqualTo(EnrolmentRecord.State.WITHDRAWN);
      assertThat(withdrawn.consentId()).isEqualTo("c-1");
      assertThat(vault.gallery(512).size()).isZero();
      for (byte[] s : sealed) {
        assertThat(containsAnywhere(dir.resolve("data"), slice(s))).as("ciphertext left on disk").isFalse();
      }
    }
  }

  @Test
  void withdraw_notEnrolled_isEmpty() {
    try (TemplateVault vault = open()) {
      assertThat(vault.withdraw(ZHANG, AT, "manager-1")).isEmpty();
    }
  }

  @Test
  void acknowledge_upToSeq_leavesLaterRecordsOwed() {
    try (TemplateVault vault = open()) {
      vault.enrol(ZHANG, "张三", consent(), List.of(template(1)));
      vault.withdraw(ZHANG, AT.plusDays(1), "manager-1");

      assertThat(vault.unacked()).extracting(EnrolmentRecord::state)
          .containsExactly(EnrolmentRecord.State.ENROLLED, EnrolmentRecord.State.WITHDRAWN);
      vault.acknowledge(1);
      assertThat(vault.unacked()).extracting(EnrolmentRecord::enrolmentSeq).containsExactly(2L);
    }
    try (TemplateVault reopened = open()) {
      assertThat(reopened.unacked()).hasSize(1);
    }
  }

  @Test
  void close_twice_isHarmless() {
    TemplateVault vault = open();
    vault.close();
    vault.close();
    assertThatThrownBy(() -> vault.gallery(512)).hasMessageContaining("closed");
  }

  private List<byte[]> sealedTemplates() throws SQLException {
    List<byte[]> sealed = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/faces.db"));
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT sealed FROM templates")) {
      while (rs.next()) {
        sealed.add(rs.getBytes(1));
      }
    }
    return sealed;
  }

  /** 48 bytes from the middle: long enough never to occur by chance. */
  private static byte[] slice(byte[] bytes) {
    return java.util.Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length / 2 + 48);
  }

  private static boolean containsAnywhere(Path folder, byte[] needle) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        byte[] hay = Files.readAllBytes(file);
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
          for (int j = 0; j < needle.length; j++) {
            if (hay[i + j] != needle[j]) {
              continue outer;
            }
          }
          return true;
        }
      }
    }
    return false;
  }
}
