package org.redvest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.profiles.HardwareProfile;
import org.redvest.profiles.Models;
import org.redvest.profiles.RecognizerModel;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.VolunteerId;
import org.redvest.terminal.face.Embedding;
import org.redvest.terminal.face.FaceSetup;
import org.redvest.terminal.face.LivenessPolicy;
import org.redvest.terminal.face.QualityGate;
import org.redvest.terminal.face.enrolment.Consent;
import org.redvest.terminal.face.enrolment.TemplateKey;
import org.redvest.terminal.face.enrolment.TemplateVault;
import org.redvest.terminal.face.opencv.OpenCvFaceReader;
import org.redvest.terminal.kiosk.FrameLoop;
import org.redvest.testsupport.SharedData;

/**
 * Face check-in on real parts: Lin-Manuel Miranda is enrolled from his photo in
 * shared/testdata/faces/people (a separate, higher-resolution photo, not a frame of the clip),
 * then the Hamilton clip in which he performs is replayed through a terminal with the models in
 * shared/models; the hub must receive exactly one FACE check-in for him, with the match score.
 * Obama, also in the clip, is not enrolled and must not be checked in.
 */
class FaceEndToEndTest {
  static final OffsetDateTime REPLAY_START = OffsetDateTime.parse("2026-11-23T08:00:00+08:00");
  static final StationId STATION = StationId.of("JX-RJ-0001");
  static final TerminalId KIOSK = TerminalId.of("kiosk-face");
  static final VolunteerId LIN = VolunteerId.of("V-360781-000777");

  @TempDir Path dir;
  @RegisterExtension final LocalHub local = new LocalHub(() -> dir);

  @Test
  void replay_clipOfEnrolledVolunteer_hubGetsOneFaceCheckIn() {
    Path clip = SharedData.testdata("faces/video/ageitgey-short_hamilton_clip.mp4");
    Path photo = SharedData.testdata("faces/people/ageitgey-lin_manuel_miranda/lin-manuel-miranda.png");
    Models models = models();
    Path data = dir.resolve(KIOSK.value());
    Path key = dir.resolve("keys/face-templates.key");
    enrolFromPhoto(models, photo, data, key);
    RecordingScreen screen = new RecordingScreen();

    try (Terminal terminal = Terminal.start(config(clip, data), screen,
        new FaceSetup(SharedData.models(), models, key, LivenessPolicy.PASSIVE))) {
      assertThat(terminal.runFrames()).isEqualTo(275);
      assertThat(terminal.awaitDrained(Duration.ofSeconds(30))).isTrue();
    }

    assertThat(screen.recorded()).hasSize(1).first().asString().startsWith("CHECK_IN 林-曼努尔·米兰达 2026-11-23T08:00:0");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(local.client().events(STATION.value(), KIOSK.value())).hasSize(1));
    JsonNode event = local.client().events(STATION.value(), KIOSK.value()).get(0);
    assertThat(event.get("volunteerId").asText()).isEqualTo(LIN.value());
    assertThat(event.get("method").asText()).isEqualTo("FACE");
    assertThat(event.get("kind").asText()).isEqualTo("CHECK_IN");
    assertThat(event.get("confidence").asDouble()).isBetween(0.45, 1.0);
  }

  static Models models() {
    SharedData.model("face_detection_yunet_2023mar.onnx");
    SharedData.model("fr_feature.onnx");
    SharedData.model("fr_liveness.onnx");
    return new Models(SharedData.models().toString(), "face_detection_yunet_2023mar.onnx", "fr_feature.onnx",
        0.45, RecognizerModel.MOBILEFACENET, "fr_liveness.onnx");
  }

  private static void enrolFromPhoto(Models models, Path photo, Path data, Path key) {
    try (OpenCvFaceReader reader = OpenCvFaceReader.open(SharedData.models(), models, QualityGate.forPhotos());
        TemplateVault vault = TemplateVault.open(data, TemplateKey.openOrCreate(key), STATION, KIOSK)) {
      Embedding template = reader.readImage(photo).orElseThrow().embedding();
      vault.enrol(LIN, "林-曼努尔·米兰达",
          new Consent("consent-777", "face-consent-2026-01", REPLAY_START.minusDays(1), "manager-1"),
          List.of(template));
    }
  }

  /** The clip at its own speed, stamped from 08:00 station time. */
  private TerminalConfig config(Path clip, Path data) {
    HardwareProfile profile = HardwareProfile.parse("""
        name: face-replay
        camera:
          source: video-file
          path: %s
          fps: 30
          clock: media
          replaySpeed: 1
        """.formatted(clip), "face-replay.yaml");
    return FleetJoin.joined(local.hub(), new TerminalConfig(profile, Path.of("."), STATION, KIOSK, local.hub().mqttUrl(), data,
        Topics.defaults(), ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(3), REPLAY_START.toInstant(),
        FrameLoop.Pace.FAST, true, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30)));
  }
}
