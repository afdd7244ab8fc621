package org.redvest.terminal.face.opencv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.redvest.profiles.Models;
import org.redvest.terminal.face.QualityGate;
import org.redvest.testsupport.SharedData;

/** The person photos of shared/testdata/faces/people, one folder per identity, and the models. */
final class FacePhotos {
  private FacePhotos() {}

  /** Photos by identity, both sorted by name. */
  static Map<String, List<Path>> byIdentity(Path people) {
    Map<String, List<Path>> photos = new TreeMap<>();
    try (Stream<Path> folders = Files.list(people)) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(folder)) {
          photos.put(folder.getFileName().toString(), files.filter(FacePhotos::isImage).sorted().toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return photos;
  }

  static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
  }

  /** The shared models as a profile would name them: YuNet, fr_feature.onnx, fr_liveness.onnx. */
  static Models sharedModels() {
    SharedData.model("face_detection_yunet_2023mar.onnx");
    SharedData.model("fr_feature.onnx");
    return new Models(SharedData.models().toString(), "face_detection_yunet_2023mar.onnx",
        "fr_feature.onnx", 0.45, org.redvest.profiles.RecognizerModel.MOBILEFACENET, "fr_liveness.onnx");
  }

  static OpenCvFaceReader reader(QualityGate gate) {
    return OpenCvFaceReader.open(SharedData.models(), sharedModels(), gate);
  }
}
