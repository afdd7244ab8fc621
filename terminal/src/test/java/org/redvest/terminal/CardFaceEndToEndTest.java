package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.Models;
import org.redvest.protocol.CheckInMethod;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.terminal.capture.Frame;
import org.redvest.terminal.face.CardCheck;
import org.redvest.terminal.face.FaceSetup;
import org.redvest.terminal.face.LivenessPolicy;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.face.opencv.OpenCvFaceReader;
import org.redvest.terminal.kiosk.FrameLoop;
import org.redvest.terminal.policy.StationPolicy;
import org.redvest.testsupport.SharedData;

/**
 * QR + face 1:1 on real parts: the hub signs a credential carrying the template of one photo of
 * Obama (shared/testdata/faces/people), a terminal with the real models reads it, then sees
 * frames made from another photo: of Obama (a speech, not the portrait) (recorded as QR_FACE with the 1:1 score) or of Biden
 * (refused: face does not match the card, and the refusal reaches the hub).
 */
class CardFaceEndToEndTest {
  private static final StationId STATION = StationId.of("JX-RJ-0001");
  private static final Path PEOPLE = Path.of("faces/people");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);

  @Test
  void cardOfObama_anotherPhotoOfObama_recordedAsQrFaceWithTheScore() throws Exception {
    String code = cardFor("ageitgey-obama/obama.jpg");
    RecordingScreen screen = new RecordingScreen();

    try (Terminal terminal = start("kiosk-card", screen)) {
      awaitRoster(terminal);
      terminal.kiosk().onScannerLine(code);
      assertThat(screen.lines).isEmpty();
      assertThat(screen.guidance).containsExactly(CardCheck.LOOK);
      show(terminal, "ageitgey-obama/obama2.jpg", 8);
      assertThat(screen.guidance).as("guidance").hasSize(1);
      assertThat(terminal.awaitDrained(WAIT)).isTrue();
    }

    assertThat(screen.recorded()).hasSize(1).first().asString().startsWith("CHECK_IN 巴拉克");
    await().atMost(WAIT).untilAsserted(() -> assertThat(local.client().events(STATION.value(), "kiosk-card")).hasSize(1));
    JsonNode event = local.client().events(STATION.value(), "kiosk-card").get(0);
    assertThat(event.get("method").asText()).isEqualTo(CheckInMethod.QR_FACE.name());
    assertThat(event.get("confidence").asDouble()).isBetween(0.45, 1.0);
    assertThat(event.get("credentialSerial").asLong()).isPositive();
    assertThat(event.get("liveness").asText()).isEqualTo("NOT_CHECKED");
  }

  @Test
  void cardOfObama_photoOfBiden_refusedFaceDoesNotMatch() throws Exception {
    String code = cardFor("ageitgey-obama/obama.jpg");
    RecordingScreen screen = new RecordingScreen();

    try (Terminal terminal = start("kiosk-card", screen)) {
      awaitRoster(terminal);
      terminal.kiosk().onScannerLine(code);
      show(terminal, "ageitgey-biden/biden2.jpg", 12);
      assertThat(terminal.outbox().lastSeq()).isZero();
      await().atMost(WAIT).until(() -> terminal.refusals().committedSeq() == 1);
    }

    assertThat(screen.recorded()).isEmpty();
    assertThat(screen.lines).containsExactly("REFUSED " + CardCheck.MISMATCH);
    JsonNode refusal = local.client().get("/api/refusals").get(0);
    assertThat(refusal.get("reason").asText()).isEqualTo("FACE_MISMATCH");
    assertThat(refusal.get("volunteerId").asText()).isEqualTo("V-360781-000044");
  }

  /** Frames of one photo, 15 per second from the time of the last scan. */
  private static void show(Terminal terminal, String photo, int frames) throws IOException {
    BufferedImage image = ImageIO.read(SharedData.testdata(PEOPLE.resolve(photo).toString()).toFile());
    for (int i = 1; i <= frames; i++) {
      terminal.kiosk().onFrame(frame(image, i));
    }
  }

  static Frame frame(BufferedImage image, long index) {
    BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    bgr.getGraphics().drawImage(image, 0, 0, null);
    byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    byte[] gray = new byte[image.getWidth() * image.getHeight()];
    for (int p = 0; p < gray.length; p++) {
      int b = pixels[3 * p] & 0xff;
      int g = pixels[3 * p + 1] & 0xff;
      int r = pixels[3 * p + 2] & 0xff;
      gray[p] = (byte) ((299 * r + 587 * g + 114 * b) / 1000);
    }
    return new Frame(image.getWidth(), image.getHeight(), gray, pixels, index * 66_667, index);
  }

  /** The hub's credential with the template of {@code photo}, issued through POST /api/credentials. */
  private String cardFor(String photo) throws Exception {
    Models models = FaceEndToEndTest.models();
    byte[] template;
    try (OpenCvFaceReader reader = OpenCvFaceReader.open(SharedData.models(), models, QualityGate.forPhotos())) {
      template = reader.readImage(SharedData.testdata(PEOPLE.resolve(photo).toString())).orElseThrow()
          .embedding().toBytes();
    }
    String body = "{\"volunteerId\":\"V-360781-000044\",\"displayName\":\"巴拉克\",\"consentId\":\"consent-44\","
        + "\"faceTemplate\":\"" + Base64.getEncoder().encodeToString(template) + "\"}";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + local.hub().httpPort() + "/api/credentials"))
        .header("Authorization", "Bearer " + local.hub().apiToken())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("code").asText();
  }

  private Terminal start(String terminal, RecordingScreen screen) {
    HardwareProfile profile = HardwareProfile.parse("""
        name: card-face
        camera:
          source: video-file
          path: %s
          fps: 15
          clock: media
          replaySpeed: 1
        """.formatted(dir.resolve("unused.mp4")), "card-face.yaml");
    TerminalConfig config = new TerminalConfig(profile, Path.of("."), STATION, TerminalId.of(terminal),
        local.hub().mqttUrl(), dir.resolve(terminal), Topics.defaults(), ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(3),
        Instant.now(), FrameLoop.Pace.FAST, true, Duration.ofSeconds(60), Duration.ofMillis(500),
        Duration.ofSeconds(30));
    StationPolicy policy = StationPolicy.parse("methods: [QR, FACE, QR_FACE]", "test-policy.yaml");
    return Terminal.start(FleetJoin.joined(local.hub(), config), screen, new FaceSetup(SharedData.models(), FaceEndToEndTest.models(),
        dir.resolve("keys/face.key"), LivenessPolicy.OFF), policy);
  }

  private static void awaitRoster(Terminal terminal) {
    await().atMost(WAIT).until(() -> terminal.codeReader().roster().isPresent());
  }

}
