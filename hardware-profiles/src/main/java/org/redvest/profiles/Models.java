package org.redvest.profiles;

import java.util.Optional;

/**
 * Face models for stations that use face check-in; absent for QR-only kiosks.
 *
 * @param directory folder holding the model files (relative paths resolve against the profile)
 * @param detector YuNet detector file name
 * @param recognizer recognition model file name
 * @param matchThreshold cosine similarity at or above which two faces are the same person
 */
public record Models(String directory, String detector, String recognizer, double matchThreshold) {

  /** The recogniser, or empty for detector-only setups. */
  public Optional<String> optionalRecognizer() {
    return Optional.ofNullable(recognizer);
  }
}
