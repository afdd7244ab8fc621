package org.redvest.profiles;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to feed one face-recognition ONNX model: its file and checksum, the aligned face size, the
 * channel order and pixel normalisation ({@code (pixel - mean) * scale}), the embedding length and
 * the cosine similarity at or above which two faces are the same person. Two models are known by
 * file name ({@link #SFACE}, {@link #MOBILEFACENET}); any other needs the full descriptor in the
 * profile.
 *
 * @param file model file name inside the models directory
 * @param sha256 expected SHA-256 of the file, lower-case hex; checked when the model is loaded
 * @param inputSize side of the square aligned face the model takes, in pixels
 * @param channelOrder order of the colour planes the model was trained on
 * @param mean subtracted from every 0..255 pixel value
 * @param scale multiplied after subtracting {@code mean}
 * @param outputSize length of the embedding
 * @param threshold cosine similarity at or above which two faces are the same person
 */
public record RecognizerModel(String file, String sha256, int inputSize, ChannelOrder channelOrder,
    double mean, double scale, int outputSize, double threshold) {

  /** Colour plane order of the model's input. */
  public enum ChannelOrder {
    BGR,
    RGB;

    /** Parses {@code bgr} or {@code rgb}, in any case. */
    public static Optional<ChannelOrder> fromText(String text) {
      for (ChannelOrder order : values()) {
        if (order.name().equals(text.toUpperCase(Locale.ROOT))) {
          return Optional.of(order);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * SFace from the OpenCV Zoo (Apache-2.0): OpenCV's {@code FaceRecognizerSF} feeds it RGB, raw
   * 0..255; its published cosine threshold is 0.363.
   */
  public static final RecognizerModel SFACE = new RecognizerModel(
      "face_recognition_sface_2021dec.onnx",
      "0ba9fbfa01b5270c96627c4ef784da859931e02f04419c829e83484087c34e79",
      112, ChannelOrder.RGB, 0, 1, 128, 0.363);

  /**
   * The MobileFaceNet {@code fr_feature.onnx} of npm faceplugin-face-recognition-js@0.0.1: BGR,
   * (pixel - 127) / 128, 512 values; threshold 0.45 as measured in shared/models/MANIFEST.md.
   * Licence of the weights uncertain (see docs/face.md).
   */
  public static final RecognizerModel MOBILEFACENET = new RecognizerModel(
      "fr_feature.onnx",
      "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581",
      112, ChannelOrder.BGR, 127, 1 / 128.0, 512, 0.45);

  private static final List<RecognizerModel> KNOWN = List.of(SFACE, MOBILEFACENET);

  public RecognizerModel {
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException("file: is required");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256: must be 64 lower-case hex digits, was \"" + sha256 + "\"");
    }
    if (inputSize < 16 || inputSize > 1024) {
      throw new IllegalArgumentException("inputSize: must be 16..1024, was " + inputSize);
    }
    if (channelOrder == null) {
      throw new IllegalArgumentException("channelOrder: is required");
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale: must be > 0, was " + scale);
    }
    if (outputSize < 1) {
      throw new IllegalArgumentException("outputSize: must be >= 1, was " + outputSize);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold: must be between 0 and 1, was " + threshold);
    }
  }

  /** The descriptor of a model known by its file name. */
  public static Optional<RecognizerModel> known(String file) {
    return KNOWN.stream().filter(m -> m.file.equals(file)).findFirst();
  }

  /** The same model with another match threshold (a station may be stricter). */
  public RecognizerModel withThreshold(double newThreshold) {
    return new RecognizerModel(file, sha256, inputSize, channelOrder, mean, scale, outputSize, newThreshold);
  }
}
