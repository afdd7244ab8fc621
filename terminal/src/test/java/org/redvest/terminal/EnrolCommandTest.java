package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.terminal.face.enrolment.EnrolmentSession;
import org.redvest.terminal.face.enrolment.TemplateKey;
import org.redvest.terminal.face.enrolment.TemplateVault;
import org.redvest.testsupport.SharedData;

/**
 * The {@code enrol} and {@code withdraw} commands end to end against a real hub, the camera
 * replaced by an image-folder profile over copies (made here, never committed) of one person's
 * photos from shared/testdata/faces/people.
 */
class EnrolCommandTest {
  static final String PERSON = "faces/people/deepface-id01";
  /** Values per template of fr_feature.onnx (MobileFaceNet). */
  static final int DIMENSIONS = 512;

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);

  @Test
  void enrol_photosOfOnePerson_templatesStoredAndHubListsEnrolledThenWithdrawn() throws IOException {
    Path profile = replayProfile(copyPhotos(SharedData.testdata(PERSON)));
    Run enrol = run("enrol", "--profile", profile.toString(), "--volunteer", "V-360781-000123",
        "--name", "张三", "--consent-id", "consent-123", "--consent-version", "face-consent-2026-01",
        "--operator", "manager-1", "--captures", "5");

    assertThat(enrol.code()).as(enrol.toString()).isZero();
    assertThat(enrol.out().lines().findFirst()).contains(EnrolmentSession.NON_FACE_ALTERNATIVE);
    assertThat(enrol.out()).contains("已采集 5/5", "enrolled V-360781-000123 with 5 templates",
        "the hub acknowledged it");
    assertThat(templates()).isEqualTo(5);
    JsonNode enrolled = local.client().get("/api/enrolments?stationId=JX-RJ-0001").get(0);
    assertThat(enrolled.get("state").asText()).isEqualTo("ENROLLED");
    assertThat(enrolled.get("consentId").asText()).isEqualTo("consent-123");

    Run withdraw = run("withdraw", "--volunteer", "V-360781-000123", "--operator", "manager-1");

    assertThat(withdraw.code()).as(withdraw.toString()).isZero();
    assertThat(withdraw.out()).contains("templates deleted for good", "the hub acknowledged it");
    assertThat(templates()).isZero();
    assertThat(local.client().get("/api/enrolments?stationId=JX-RJ-0001").get(0).get("state").asText())
        .isEqualTo("WITHDRAWN");
  }

  @Test
  void enrol_withCardHub_writesAQrCardCarryingTheTemplateThatTheHubSigned() throws IOException {
    Path profile = replayProfile(copyPhotos(SharedData.testdata(PERSON)));
    Path png = dir.resolve("card.png");
    Run enrol = run("enrol", "--profile", profile.toString(), "--volunteer", "V-360781-000123",
        "--name", "张三", "--consent-id", "consent-123", "--consent-version", "face-consent-2026-01",
        "--operator", "manager-1", "--captures", "3", "--card-hub", "https://127.0.0.1:" + local.hub().httpsPort(), "--card-token", local.hub().apiToken(),
        "--card-png", png.toString());

    assertThat(enrol.code()).as(enrol.toString()).isZero();
    assertThat(enrol.out()).contains("card with face template: serial 1, QR version 20");
    String code = readPureQr(png);
    var verdict = local.hub().credentials().roster().verifier(StationId.of("JX-RJ-0001"), java.time.Duration.ofMinutes(5))
        .verify(code, java.time.Instant.now());
    var card = ((org.redvest.protocol.credential.Verdict.Valid) verdict).credential();
    assertThat(card.faceTemplate().dimensions()).isEqualTo(DIMENSIONS);
    assertThat(card.volunteerId().value()).isEqualTo("V-360781-000123");
    assertThat(local.hub().credentials().faceConsent(card.serial())).contains("consent-123");
  }

  @Test
  void enrol_withCardHubOverPlainHttpToAnotherMachine_refusedBeforeAnythingIsSent() throws IOException {
    Path profile = replayProfile(copyPhotos(SharedData.testdata(PERSON)));
    Run enrol = run("enrol", "--profile", profile.toString(), "--volunteer", "V-360781-000124",
        "--name", "李四", "--consent-id", "consent-124", "--consent-version", "face-consent-2026-01",
        "--operator", "manager-1", "--captures", "3", "--card-hub", "http://192.0.2.7:8080",
        "--card-token", local.hub().apiToken(), "--card-png", dir.resolve("card.png").toString());

    assertThat(enrol.code()).isEqualTo(1);
    assertThat(enrol.err()).contains("no card was issued", "would cross the network in clear text");
    assertThat(dir.resolve("card.png")).doesNotExist();
  }

  @Test
  void enrol_profileWithoutModels_exits2NamingTheProfile() {
    Run enrol = run("enrol", "--profile", "replay-images", "--volunteer", "V-1", "--name", "x",
        "--consent-id", "c", "--consent-version", "v", "--operator", "m");

    assertThat(enrol.code()).isEqualTo(2);
    assertThat(enrol.err()).contains("--profile: replay-images has no models section");
  }

  @Test
  void withdraw_volunteerNotEnrolled_exits1() {
    Run withdraw = run("withdraw", "--volunteer", "V-9", "--operator", "manager-1");

    assertThat(withdraw.code()).isEqualTo(1);
    assertThat(withdraw.err()).contains("V-9 is not enrolled at JX-RJ-0001/kiosk-1");
  }

  record Run(int code, String out, String err) {}

  private Run run(String command, String... options) {
    FleetJoin.join(local.hub(), dir.resolve("terminal"), org.redvest.protocol.StationId.of("JX-RJ-0001"),
        org.redvest.protocol.TerminalId.of("kiosk-1"));
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of(options));
    args.addAll(List.of("--data-dir", dir.resolve("terminal").toString(), "--station", "JX-RJ-0001",
        "--terminal", "kiosk-1", "--broker", local.hub().mqttUrl(), "--zone", "Asia/Shanghai", "--drain-timeout", "20s"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.commandLine(Map.of(), InputStream.nullInputStream(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args.toArray(String[]::new));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private int templates() {
    try (TemplateVault vault = TemplateVault.open(dir.resolve("terminal"),
        TemplateKey.openOrCreate(dir.resolve("terminal").resolve(Main.FACE_KEY)), StationId.of("JX-RJ-0001"),
        TerminalId.of("kiosk-1"))) {
      return vault.gallery(DIMENSIONS).size();
    }
  }

  private Path copyPhotos(Path person) throws IOException {
    Path frames = Files.createDirectories(dir.resolve("camera"));
    try (Stream<Path> photos = Files.list(person)) {
      for (Path photo : photos.sorted().toList()) {
        Files.copy(photo, frames.resolve(photo.getFileName()));
      }
    }
    return frames;
  }

  private Path replayProfile(Path frames) throws IOException {
    FaceEndToEndTest.models();
    return Files.writeString(dir.resolve("enrol-replay.yaml"), """
        name: enrol-replay
        camera:
          source: image-folder
          path: %s
          fps: 5
          clock: media
        models:
          directory: %s
          detector: face_detection_yunet_2023mar.onnx
          recognizer: fr_feature.onnx
          matchThreshold: 0.45
        """.formatted(frames, SharedData.models()));
  }

  /**
   * The text of the card's PNG, read as the pure barcode it is. The kiosk's {@code QrScanner} is
   * tuned for camera frames and, on this perfect synthetic image, missed about one card in a few
   * dozen (the content varies with the issue time), which made this test flaky.
   */
  private static String readPureQr(Path png) throws IOException {
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    com.google.zxing.BinaryBitmap bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)));
    try {
      return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap,
          java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    } catch (com.google.zxing.ReaderException e) {
      throw new AssertionError("the card's QR code does not read: " + e, e);
    }
  }
}
