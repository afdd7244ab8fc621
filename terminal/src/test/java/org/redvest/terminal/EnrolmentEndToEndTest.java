package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceObservation;
import org.redvest.terminal.face.Gallery;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.face.enrolment.Consent;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.terminal.face.enrolment.Enrolments;
import org.redvest.terminal.face.enrolment.TemplateKey;
import org.redvest.terminal.face.enrolment.TemplateVault;
import org.redvest.terminal.face.opencv.OpenCvFaceReader;
import org.redvest.terminal.mqtt.PahoEnrolmentRelay;
import org.redvest.testsupport.SharedData;

/**
 * Enrolment and withdrawal reach a real hub through the real enrolment relay: Lin-Manuel Miranda
 * enrolled from his photo, then withdrawn. The hub lists ENROLLED, then WITHDRAWN; the relay
 * drains after each; and no byte of his template, raw or sealed, is ever in the hub's files.
 */
class EnrolmentEndToEndTest {
  static final StationId STATION = StationId.of("JX-RJ-0001");
  static final TerminalId KIOSK = TerminalId.of("kiosk-enrol");
  static final VolunteerId LIN = VolunteerId.of("V-360781-000777");
  static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);

  @Test
  void enrolThenWithdraw_realRelay_hubListsEachStateAndNeverHoldsTemplateBytes() {
    Path photo = SharedData.testdata("faces/people/ageitgey-lin_manuel_miranda/lin-manuel-miranda.png");
    Path data = dir.resolve("terminal");
    List<byte[]> secrets = new ArrayList<>();
    try (OpenCvFaceReader reader = OpenCvFaceReader.open(SharedData.models(), FaceEndToEndTest.models(),
            QualityGate.forPhotos());
        TemplateVault vault = TemplateVault.open(data, TemplateKey.openOrCreate(dir.resolve("keys/k")), STATION, KIOSK);
        PahoEnrolmentRelay relay = PahoEnrolmentRelay.start(local.hub().mqttUrl(), FleetJoin.join(local.hub(), data, STATION, KIOSK),
            Topics.defaults(), STATION, KIOSK, vault,
            Duration.ofSeconds(1))) {
      FaceObservation face = reader.readImage(photo).orElseThrow();
      Embedding template = face.embedding();
      Enrolments enrolments = new Enrolments(vault, new Gallery(reader.dimensions()), relay::nudge);
      EnrolmentSession session = new EnrolmentSession(LIN, "林-曼努尔·米兰达",
          new Consent("consent-777", "face-consent-2026-01", AT, "manager-1"), 1, reader.threshold());
      session.offer(face);

      enrolments.enrol(session);
      secrets.addAll(templateSecrets(template, data));

      await().atMost(WAIT).until(() -> vault.unacked().isEmpty());
      JsonNode enrolled = onlyEnrolment();
      assertThat(enrolled.get("state").asText()).isEqualTo("ENROLLED");
      assertThat(enrolled.get("consentId").asText()).isEqualTo("consent-777");
      assertThat(enrolled.get("consentVersion").asText()).isEqualTo("face-consent-2026-01");
      assertThat(hubFilesContainAny(secrets)).isFalse();

      assertThat(enrolments.withdraw(LIN, AT.plusHours(2), "manager-1")).isPresent();

      await().atMost(WAIT).until(() -> vault.unacked().isEmpty());
      JsonNode withdrawn = onlyEnrolment();
      assertThat(withdrawn.get("state").asText()).isEqualTo("WITHDRAWN");
      assertThat(withdrawn.get("at").asText()).isEqualTo("2026-11-23T11:00:00.000+08:00");
    }
    local.hub().close();
    assertThat(hubFilesContainAny(secrets)).as("after the hub flushed and closed its files").isFalse();
  }

  private JsonNode onlyEnrolment() {
    JsonNode list = local.client().get("/api/enrolments?stationId=" + STATION);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("volunteerId").asText()).isEqualTo(LIN.value());
    return list.get(0);
  }

  /** The template as raw floats, its first value as text, and each sealed copy in faces.db. */
  private static List<byte[]> templateSecrets(Embedding template, Path data) {
    List<byte[]> secrets = new ArrayList<>();
    secrets.add(Arrays.copyOf(template.toBytes(), 16));
    secrets.add(Float.toString(template.values()[0]).getBytes(StandardCharsets.UTF_8));
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve(TemplateVault.FILE_NAME)
            + "?mode=ro");
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT sealed FROM templates")) {
      while (rs.next()) {
        secrets.add(Arrays.copyOf(rs.getBytes(1), 32));
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read the terminal's faces.db", e);
    }
    assertThat(secrets).hasSize(3);
    return secrets;
  }

  /** Whether any file under the hub's data dir (database, WAL, broker store) holds a secret. */
  private boolean hubFilesContainAny(List<byte[]> secrets) {
    try (Stream<Path> files = Files.walk(dir.resolve("hub"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        for (byte[] secret : secrets) {
          if (indexOf(bytes, secret) >= 0) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
