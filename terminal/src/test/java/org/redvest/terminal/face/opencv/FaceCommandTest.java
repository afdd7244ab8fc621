package org.redvest.terminal.face.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redvest.testsupport.SharedData;

class FaceCommandTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--models", SharedData.model("fr_feature.onnx").getParent().toString()));
    return FaceCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  static String photo(String relative) {
    return SharedData.testdata("faces/people/" + relative).toString();
  }

  @Test
  void compare_twoPhotosOfOnePerson_saysSame() {
    assertThat(run("compare", photo("ageitgey-obama/obama.jpg"), photo("ageitgey-obama/obama2.jpg"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\tsame\t");
  }

  @Test
  void compare_twoPeople_saysDifferent() {
    assertThat(run("compare", photo("ageitgey-obama/obama.jpg"), photo("ageitgey-biden/biden.jpg"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\tdifferent\t");
  }

  @Test
  void identify_enrolledPersonAndStranger_namesOneAndNotTheOther() throws IOException {
    enrol("obama", "ageitgey-obama/obama.jpg");
    enrol("biden", "ageitgey-biden/biden.jpg");

    assertThat(run("identify", photo("ageitgey-obama/obama1.jpg"), dir.toString())).isZero();
    assertThat(run("identify", photo("openface-carell/carell.jpg"), dir.toString())).isZero();

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0]).startsWith("obama\t");
    assertThat(lines[1]).startsWith("unknown\t");
  }

  @Test
  void run_missingArguments_isAUsageError() {
    assertThat(FaceCommand.run(List.of("compare", "a.jpg"), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
  }

  @Test
  void compare_modelsNotInstalled_failsNamingTheInstallScript() {
    int code = FaceCommand.run(List.of("compare", "a.jpg", "b.jpg", "--models", dir.toString()),
        new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("install-models.sh");
  }

  private void enrol(String identity, String relative) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(identity));
    Files.copy(Path.of(photo(relative)), folder.resolve(Path.of(relative).getFileName()));
  }
}
