package org.redvest.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HardwareProfileTest {
  private static final String VALID = """
      name: test
      camera:
        source: video-file
        path: a.mp4
        fps: 10
        clock: media
        replaySpeed: 60
      """;

  static java.util.List<String> builtInNames() {
    return HardwareProfile.builtInNames();
  }

  @ParameterizedTest
  @MethodSource("builtInNames")
  void builtIn_everyShippedProfile_loadsAndIsNamedAfterItsFile(String name) {
    HardwareProfile profile = HardwareProfile.builtIn(name);

    assertThat(profile.name()).isEqualTo(name);
    assertThat(profile.description()).isNotBlank();
    assertThat(profile.camera().fps()).isPositive();
  }

  @Test
  void builtIn_shippedProfiles_coverEverySourceKind() {
    assertThat(HardwareProfile.builtInNames().stream()
            .map(n -> HardwareProfile.builtIn(n).camera().source()).distinct())
        .containsExactlyInAnyOrder(Camera.Source.values());
  }

  @Test
  void builtIn_usbWebcam_hasDetectorAndThreshold() {
    HardwareProfile profile = HardwareProfile.builtIn("usb-webcam-x86");

    assertThat(profile.camera().location()).isEqualTo("/dev/video0");
    assertThat(profile.camera().mirror()).isTrue();
    assertThat(profile.models()).hasValueSatisfying(m -> assertThat(m.matchThreshold()).isEqualTo(0.45));
  }

  @Test
  void builtIn_unknownName_listsTheKnownOnes() {
    assertThatThrownBy(() -> HardwareProfile.builtIn("toaster"))
        .hasMessageContaining("usb-webcam-x86");
  }

  @Test
  void parse_minimalReplay_fillsDefaults() {
    HardwareProfile profile = HardwareProfile.parse(VALID, "test.yaml");

    assertThat(profile.camera().clock()).isEqualTo(Camera.Clock.MEDIA);
    assertThat(profile.camera().replaySpeed()).isEqualTo(60);
    assertThat(profile.camera().width()).isEqualTo(640);
    assertThat(profile.scanner().kind()).isEqualTo(Scanner.Kind.CAMERA);
    assertThat(profile.display().locale()).isEqualTo("zh-CN");
    assertThat(profile.models()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "fps: 10 | fps: fast | camera.fps: must be a number",
      "fps: 10 | fps: 0 | camera.fps: must be a number > 0",
      "source: video-file | source: webcam | camera.source: must be one of",
      "clock: media | clock: sundial | camera.clock: must be wall or media",
      "path: a.mp4 | pth: a.mp4 | camera.pth: unknown key",
      "replaySpeed: 60 | replaySpeed: 60\\n  rotation: 45 | camera.rotation: must be 0, 90, 180 or 270",
      "name: test | name: | name: is required",
  })
  void parse_badValue_failsNamingTheKey(String from, String to, String expected) {
    String yaml = VALID.replace(from, to.replace("\\n", "\n"));

    assertThatThrownBy(() -> HardwareProfile.parse(yaml, "bad.yaml"))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("bad.yaml: ")
        .hasMessageContaining(expected);
  }

  @Test
  void parse_mediaClockOnLiveCamera_isRejected() {
    String yaml = "name: x\ncamera:\n  source: v4l2\n  clock: media\n";

    assertThatThrownBy(() -> HardwareProfile.parse(yaml, "x.yaml"))
        .hasMessageContaining("camera.clock: media time needs");
  }

  @Test
  void parse_hidScannerWithoutDevice_isRejected() {
    String yaml = "name: x\ncamera:\n  source: v4l2\nscanner:\n  kind: hid\n";

    assertThatThrownBy(() -> HardwareProfile.parse(yaml, "x.yaml"))
        .hasMessageContaining("scanner.device: is required");
  }

  @Test
  void parse_rtspWithHttpUrl_isRejected() {
    String yaml = "name: x\ncamera:\n  source: rtsp\n  url: http://cam/\n";

    assertThatThrownBy(() -> HardwareProfile.parse(yaml, "x.yaml")).hasMessageContaining("camera.url:");
  }

  @Test
  void parse_notYaml_isRejected() {
    assertThatThrownBy(() -> HardwareProfile.parse("camera: [unclosed", "x.yaml"))
        .hasMessageContaining("(document): is not valid YAML");
  }

  @Test
  void load_file_usesFileNameInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kiosk.yaml");
    Files.writeString(file, "name: k\n");

    assertThatThrownBy(() -> HardwareProfile.load(file)).hasMessage("kiosk.yaml: camera: is required");
  }

  @Test
  void resolve_pathOrName_bothWork(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, VALID);

    assertThat(HardwareProfile.resolve(file.toString()).name()).isEqualTo("test");
    assertThat(HardwareProfile.resolve("replay-video").name()).isEqualTo("replay-video");
  }

  @Test
  void parse_knownRecognizerByFileName_takesItsDescriptorAndThreshold() {
    HardwareProfile profile = HardwareProfile.parse(VALID + """
        models:
          directory: m
          detector: face_detection_yunet_2023mar.onnx
          recognizer: face_recognition_sface_2021dec.onnx
        """, "t.yaml");

    Models models = profile.models().orElseThrow();
    assertThat(models.recognizerModel()).isEqualTo(RecognizerModel.SFACE);
    assertThat(models.matchThreshold()).isEqualTo(0.363);
  }

  @Test
  void parse_recognizerDescriptor_isReadWithStationThreshold() {
    HardwareProfile profile = HardwareProfile.parse(VALID + """
        models:
          directory: m
          detector: d.onnx
          matchThreshold: 0.5
          liveness: fr_liveness.onnx
          recognizer:
            file: arcface.onnx
            sha256: 00000000000000000000000000000000000000000000000000000000000000ab
            inputSize: 112
            channelOrder: rgb
            mean: 127.5
            scale: 0.0078125
            outputSize: 512
            threshold: 0.3
        """, "t.yaml");

    Models models = profile.models().orElseThrow();
    assertThat(models.recognizer()).isEqualTo("arcface.onnx");
    assertThat(models.recognizerModel().channelOrder()).isEqualTo(RecognizerModel.ChannelOrder.RGB);
    assertThat(models.recognizerModel().threshold()).isEqualTo(0.5);
    assertThat(models.optionalLiveness()).contains("fr_liveness.onnx");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "recognizer: mystery.onnx | models.recognizer: \"mystery.onnx\" is not a known model",
      "recognizer: {file: a.onnx, sha256: xyz, channelOrder: bgr} | models.recognizer.sha256: must be 64",
      "recognizer: {file: a.onnx, sha256: 00000000000000000000000000000000000000000000000000000000000000ab, channelOrder: hsv} | models.recognizer.channelOrder: must be bgr or rgb",
  })
  void parse_badRecognizer_namesTheKey(String line, String expected) {
    String yaml = VALID + "models:\n  directory: m\n  detector: d.onnx\n  " + line + "\n";

    assertThatThrownBy(() -> HardwareProfile.parse(yaml, "t.yaml")).hasMessageContaining(expected);
  }
}
