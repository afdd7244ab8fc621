package org.redvest.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through {@code /usr/bin/chromedriver}, never a downloaded
 * driver (nothing can be downloaded here). Screenshots go to {@code target/screenshots}.
 *
 * <p>Where Chromium or its driver is missing the calling test is skipped with a message naming
 * the packages, unless {@code REDVEST_REQUIRE_TESTDATA=1} (set by {@code .ci/run}), which turns
 * the skip into a failure.
 *
 * <pre>{@code
 * try (Browser browser = Browser.start(390, 844)) {
 *   browser.driver().get("http://127.0.0.1:" + port + "/");
 *   browser.screenshot("kiosk-idle");
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {
  /** Overridable with {@code REDVEST_CHROMIUM} and {@code REDVEST_CHROMEDRIVER}. */
  private static final String CHROMIUM = env("REDVEST_CHROMIUM", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = env("REDVEST_CHROMEDRIVER", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path userDataDir;

  private Browser(ChromeDriver driver, Path userDataDir) {
    this.driver = driver;
    this.userDataDir = userDataDir;
  }

  /** A desktop-sized window, 1280x900. */
  public static Browser start() {
    return start(1280, 900);
  }

  /** A window of {@code width} x {@code height} CSS pixels (390x844 for a phone). */
  public static Browser start(int width, int height) {
    return start(width, height, "zh-CN");
  }

  /** Like {@link #start(int, int)} with the browser's preferred language, e.g. {@code en-US}. */
  public static Browser start(int width, int height, String language) {
    requireInstalled();
    Path profile;
    try {
      profile = Files.createTempDirectory("redvest-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--lang=" + language, "--accept-lang=" + language,
        "--window-size=" + width + "," + height);
    // headless Chromium sends Accept-Language from this preference, not from --lang
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * Saves a PNG of the viewport as {@code target/screenshots/<name>.png} and returns its path;
   * look at these before you stop.
   */
  public Path screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(userDataDir);
    }
  }

  private static void requireInstalled() {
    if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
      return;
    }
    String message = CHROMIUM + " or " + CHROMEDRIVER + " not found: install the Debian packages"
        + " chromium and chromium-driver (scripts/install-test-deps.sh), or set REDVEST_CHROMIUM"
        + " and REDVEST_CHROMEDRIVER";
    if (SharedData.required()) {
      throw new AssertionError(message + " (REDVEST_REQUIRE_TESTDATA is set, so this fails)");
    }
    assumeTrue(false, message);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
