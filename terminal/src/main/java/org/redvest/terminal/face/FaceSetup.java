package org.redvest.terminal.face;

import java.nio.file.Path;
import java.util.Objects;
import org.redvest.profiles.Models;

/**
 * What a kiosk needs to check volunteers in by face.
 *
 * @param modelsDir where the model files are installed
 * @param models which files, and how to feed the recogniser (from the hardware profile)
 * @param keyFile the template encryption key, kept outside the template database
 * @param liveness when to ask for a turn challenge
 */
public record FaceSetup(Path modelsDir, Models models, Path keyFile, LivenessPolicy liveness) {
  public FaceSetup {
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(liveness, "liveness");
  }
}
