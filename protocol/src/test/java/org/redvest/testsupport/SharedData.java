package org.redvest.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locations of the external test data and models, which are never copied into the repository.
 *
 * <p>Like OpenCV's {@code OPENCV_TEST_DATA_PATH}: the environment variables {@code
 * REDVEST_TESTDATA} and {@code REDVEST_MODELS} win, then the system properties the build sets
 * (default {@code ../shared/testdata} and {@code ../shared/models}). Where the data is missing a
 * test is skipped with a message naming the variable, unless {@code REDVEST_REQUIRE_TESTDATA=1}
 * (set by {@code .ci/run}) or {@code -Dredvest.requireTestdata=true}, which turns the skip into a
 * failure.
 */
public final class SharedData {
  private SharedData() {}

  /** The test data root, e.g. {@code ../shared/testdata}. */
  public static Path testdata() {
    return locate("REDVEST_TESTDATA", "redvest.testdata");
  }

  /** The models root, e.g. {@code ../shared/models}. */
  public static Path models() {
    return locate("REDVEST_MODELS", "redvest.models");
  }

  /** A path below the test data root that must exist for the calling test to run. */
  public static Path testdata(String relative) {
    return require(testdata().resolve(relative), "REDVEST_TESTDATA");
  }

  /** A path below the models root that must exist for the calling test to run. */
  public static Path model(String relative) {
    return require(models().resolve(relative), "REDVEST_MODELS");
  }

  private static Path locate(String envVar, String property) {
    String fromEnv = System.getenv(envVar);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String fromProperty = System.getProperty(property);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return Path.of(fromProperty);
    }
    String tail = property.equals("redvest.models") ? "models" : "testdata";
    return Path.of("..", "..", "shared", tail);
  }

  private static Path require(Path path, String envVar) {
    if (Files.exists(path)) {
      return path.toAbsolutePath().normalize();
    }
    String message = path + " not found: set " + envVar + " to the shared "
        + (envVar.equals("REDVEST_MODELS") ? "models" : "test data") + " folder";
    if (required()) {
      throw new AssertionError(message + " (REDVEST_REQUIRE_TESTDATA is set, so this fails)");
    }
    assumeTrue(false, message);
    return path;
  }

  /**
   * Skips the calling test with {@code message} (naming what to install), or fails it when CI
   * requires every test to run.
   */
  public static void skipOrFail(String message) {
    if (required()) {
      throw new AssertionError(message + " (REDVEST_REQUIRE_TESTDATA is set, so this fails)");
    }
    assumeTrue(false, message);
  }

  /** Whether missing data or servers fail tests instead of skipping them. */
  static boolean required() {
    String env = System.getenv("REDVEST_REQUIRE_TESTDATA");
    return "1".equals(env) || "true".equalsIgnoreCase(env)
        || Boolean.getBoolean("redvest.requireTestdata");
  }
}
