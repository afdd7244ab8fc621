package org.redvest.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One validated kiosk hardware profile: camera, QR scanner, display and (optionally) face models.
 *
 * <p>Profiles are YAML files; {@link #load} and {@link #parse} validate every key and fail naming
 * the first bad one ({@code usb-webcam.yaml: camera.fps: must be a number > 0, was "fast"}).
 * The shipped profiles are listed by {@link #builtInNames()}.
 */
public record HardwareProfile(
    String name, String description, Camera camera, Scanner scanner, Display display,
    Optional<Models> models) {

  private static final List<String> BUILT_IN =
      List.of("usb-webcam-x86", "raspberry-pi-usb", "rtsp-ip-camera", "replay-video", "replay-images");

  /** Reads and validates a profile file. */
  public static HardwareProfile load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read hardware profile " + file, e);
    }
    return parse(text, file.getFileName().toString());
  }

  /** Validates profile YAML; {@code sourceName} prefixes every error message. */
  public static HardwareProfile parse(String yaml, String sourceName) {
    return new ProfileReader(sourceName).read(yaml);
  }

  /** Names of the profiles shipped in this module, e.g. {@code usb-webcam-x86}. */
  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  /** A shipped profile by name. */
  public static HardwareProfile builtIn(String name) {
    String resource = "/profiles/" + name + ".yaml";
    try (InputStream in = HardwareProfile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in hardware profile \"" + name + "\"; known: " + BUILT_IN);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in profile " + name, e);
    }
  }

  /** A profile argument: a built-in name, or a path to a YAML file. */
  public static HardwareProfile resolve(String nameOrPath) {
    if (BUILT_IN.contains(nameOrPath)) {
      return builtIn(nameOrPath);
    }
    return load(Path.of(nameOrPath));
  }

  /** The same profile with the camera reading from {@code location}. */
  public HardwareProfile withCameraLocation(String location) {
    return new HardwareProfile(name, description, camera.withLocation(location), scanner, display, models);
  }
}
