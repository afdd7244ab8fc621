package org.redvest.profiles;

import java.util.Optional;

/**
 * Face models for stations that use face check-in; absent for QR-only kiosks.
 *
 * @param directory folder holding the model files (relative paths resolve against the profile)
 * @param detector YuNet detector file name
 * @param recognizer recognition model file name
 * @param matchThreshold cosine similarity at or above which two faces are the same person
 * @param recognizerModel how to feed the recogniser (null for detector-only setups); its
 *     threshold equals {@code matchThreshold}
 * @param liveness passive anti-spoofing model file name, or null when not installed
 */
public record Models(String directory, String detector, String recognizer, double matchThreshold,
    RecognizerModel recognizerModel, String liveness) {

  /** Detector and recogniser known by file name, without a liveness model. */
  public Models(String directory, String detector, String recognizer, double matchThreshold) {
    this(directory, detector, recognizer, matchThreshold,
        recognizer == null ? null
            : RecognizerModel.known(recognizer).map(m -> m.withThreshold(matchThreshold)).orElse(null),
        null);
  }

  /** The recogniser, or empty for detector-only setups. */
  public Optional<String> optionalRecognizer() {
    return Optional.ofNullable(recognizer);
  }

  /** The recogniser's descriptor, or empty for detector-only setups. */
  public Optional<RecognizerModel> optionalRecognizerModel() {
    return Optional.ofNullable(recognizerModel);
  }

  /** The passive liveness model, or empty when none is installed. */
  public Optional<String> optionalLiveness() {
    return Optional.ofNullable(liveness);
  }
}
