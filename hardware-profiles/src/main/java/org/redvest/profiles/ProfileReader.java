package org.redvest.profiles;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Turns profile YAML into a {@link HardwareProfile}, naming the key of the first problem. */
final class ProfileReader {
  private static final Set<String> TOP = Set.of("name", "description", "camera", "scanner", "display", "models");
  private static final Set<String> CAMERA = Set.of(
      "source", "device", "url", "path", "width", "height", "fps", "rotation", "mirror", "clock",
      "replaySpeed", "loop");
  private static final Set<String> SCANNER = Set.of("kind", "device", "baud");
  private static final Set<String> DISPLAY = Set.of("width", "height", "locale");
  private static final Set<String> MODELS = Set.of("directory", "detector", "recognizer", "matchThreshold", "liveness");
  private static final Set<String> RECOGNIZER = Set.of(
      "file", "sha256", "inputSize", "channelOrder", "mean", "scale", "outputSize", "threshold");

  private final String source;

  ProfileReader(String source) {
    this.source = source;
  }

  HardwareProfile read(String yaml) {
    Map<String, Object> root = parseYaml(yaml);
    checkKeys(root, TOP, "");
    String name = requireString(root, "name", "name");
    String description = optionalString(root, "description", "description").orElse("");
    Camera camera = camera(requireMap(root, "camera", "camera"));
    Scanner scanner = scanner(optionalMap(root, "scanner", "scanner").orElse(Map.of()));
    Display display = display(optionalMap(root, "display", "display").orElse(Map.of()));
    Optional<Models> models = optionalMap(root, "models", "models").map(this::models);
    return new HardwareProfile(name, description, camera, scanner, display, models);
  }

  private Camera camera(Map<String, Object> m) {
    checkKeys(m, CAMERA, "camera.");
    String sourceName = requireString(m, "source", "camera.source");
    Camera.Source kind = Camera.Source.fromYaml(sourceName).orElseThrow(() -> fail(
        "camera.source", "must be one of v4l2, rtsp, video-file, image-folder, was \"" + sourceName + "\""));
    String location = switch (kind) {
      case V4L2 -> optionalScalar(m, "device", "camera.device").orElse("0");
      case RTSP -> rtspUrl(requireString(m, "url", "camera.url"));
      case VIDEO_FILE, IMAGE_FOLDER -> requireString(m, "path", "camera.path");
    };
    int width = positiveInt(m, "width", "camera.width", 640);
    int height = positiveInt(m, "height", "camera.height", 480);
    double fps = positiveNumber(m, "fps", "camera.fps", 15);
    int rotation = (int) number(m, "rotation", "camera.rotation", 0);
    if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
      throw fail("camera.rotation", "must be 0, 90, 180 or 270, was " + rotation);
    }
    boolean mirror = bool(m, "mirror", "camera.mirror", false);
    String clockName = optionalString(m, "clock", "camera.clock").orElse("wall");
    Camera.Clock clock = switch (clockName) {
      case "wall" -> Camera.Clock.WALL;
      case "media" -> Camera.Clock.MEDIA;
      default -> throw fail("camera.clock", "must be wall or media, was \"" + clockName + "\"");
    };
    if (clock == Camera.Clock.MEDIA && !kind.isReplay()) {
      throw fail("camera.clock", "media time needs a video-file or image-folder source");
    }
    double replaySpeed = positiveNumber(m, "replaySpeed", "camera.replaySpeed", 1);
    boolean loop = bool(m, "loop", "camera.loop", false);
    return new Camera(kind, location, width, height, fps, rotation, mirror, clock, replaySpeed, loop);
  }

  private Scanner scanner(Map<String, Object> m) {
    checkKeys(m, SCANNER, "scanner.");
    String kindName = optionalString(m, "kind", "scanner.kind").orElse("camera");
    Scanner.Kind kind;
    try {
      kind = Scanner.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail("scanner.kind", "must be camera, hid or serial, was \"" + kindName + "\"");
    }
    String device = optionalString(m, "device", "scanner.device").orElse(null);
    if (kind != Scanner.Kind.CAMERA && device == null) {
      throw fail("scanner.device", "is required for a " + kindName + " scanner (a path, or - for standard input)");
    }
    int baud = positiveInt(m, "baud", "scanner.baud", 9600);
    return new Scanner(kind, device, baud);
  }

  private Display display(Map<String, Object> m) {
    checkKeys(m, DISPLAY, "display.");
    String locale = optionalString(m, "locale", "display.locale").orElse("zh-CN");
    if (!locale.equals("zh-CN") && !locale.equals("en")) {
      throw fail("display.locale", "must be zh-CN or en, was \"" + locale + "\"");
    }
    return new Display(
        positiveInt(m, "width", "display.width", 1280), positiveInt(m, "height", "display.height", 800), locale);
  }

  private Models models(Map<String, Object> m) {
    checkKeys(m, MODELS, "models.");
    RecognizerModel recognizer = m.get("recognizer") instanceof Map<?, ?>
        ? recognizerDescriptor(requireMap(m, "recognizer", "models.recognizer"))
        : optionalString(m, "recognizer", "models.recognizer").map(this::knownRecognizer).orElse(null);
    double fallback = recognizer == null ? 0.45 : recognizer.threshold();
    double threshold = number(m, "matchThreshold", "models.matchThreshold", fallback);
    if (threshold <= 0 || threshold >= 1) {
      throw fail("models.matchThreshold", "must be between 0 and 1, was " + threshold);
    }
    return new Models(
        requireString(m, "directory", "models.directory"),
        requireString(m, "detector", "models.detector"),
        recognizer == null ? null : recognizer.file(),
        threshold,
        recognizer == null ? null : recognizer.withThreshold(threshold),
        optionalString(m, "liveness", "models.liveness").orElse(null));
  }

  private RecognizerModel knownRecognizer(String file) {
    return RecognizerModel.known(file).orElseThrow(() -> fail("models.recognizer",
        "\"" + file + "\" is not a known model (face_recognition_sface_2021dec.onnx, fr_feature.onnx);"
            + " give a descriptor mapping with file, sha256, inputSize, channelOrder, mean, scale,"
            + " outputSize, threshold"));
  }

  private RecognizerModel recognizerDescriptor(Map<String, Object> m) {
    checkKeys(m, RECOGNIZER, "models.recognizer.");
    String order = requireString(m, "channelOrder", "models.recognizer.channelOrder");
    RecognizerModel.ChannelOrder channelOrder = RecognizerModel.ChannelOrder.fromText(order)
        .orElseThrow(() -> fail("models.recognizer.channelOrder", "must be bgr or rgb, was \"" + order + "\""));
    try {
      return new RecognizerModel(
          requireString(m, "file", "models.recognizer.file"),
          requireString(m, "sha256", "models.recognizer.sha256"),
          positiveInt(m, "inputSize", "models.recognizer.inputSize", 112),
          channelOrder,
          number(m, "mean", "models.recognizer.mean", 0),
          positiveNumber(m, "scale", "models.recognizer.scale", 1),
          positiveInt(m, "outputSize", "models.recognizer.outputSize", 128),
          number(m, "threshold", "models.recognizer.threshold", 0.5));
    } catch (IllegalArgumentException e) {
      throw fail("models.recognizer." + e.getMessage().substring(0, e.getMessage().indexOf(':')),
          e.getMessage().substring(e.getMessage().indexOf(':') + 2));
    }
  }

  // --- typed access, each failure naming the key ---

  private Map<String, Object> parseYaml(String yaml) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw fail("(document)", "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw fail("(document)", "must be a YAML mapping of keys to values");
    }
    return stringKeys(map, "");
  }

  private Map<String, Object> stringKeys(Map<?, ?> map, String prefix) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw fail(prefix + e.getKey(), "keys must be text");
      }
      result.put(key, e.getValue());
    }
    return result;
  }

  private void checkKeys(Map<String, Object> m, Set<String> allowed, String prefix) {
    for (String key : m.keySet()) {
      if (!allowed.contains(key)) {
        throw fail(prefix + key, "unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private Map<String, Object> requireMap(Map<String, Object> m, String key, String path) {
    return optionalMap(m, key, path).orElseThrow(() -> fail(path, "is required"));
  }

  private Optional<Map<String, Object>> optionalMap(Map<String, Object> m, String key, String path) {
    Object value = m.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw fail(path, "must be a mapping, was \"" + value + "\"");
    }
    return Optional.of(stringKeys(map, path + "."));
  }

  private String requireString(Map<String, Object> m, String key, String path) {
    return optionalString(m, key, path).orElseThrow(() -> fail(path, "is required"));
  }

  private Optional<String> optionalString(Map<String, Object> m, String key, String path) {
    Object value = m.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw fail(path, "must be non-empty text, was \"" + value + "\"");
    }
    return Optional.of(s);
  }

  /** Text or a number written as text (a V4L2 device may be {@code 0} or {@code /dev/video0}). */
  private Optional<String> optionalScalar(Map<String, Object> m, String key, String path) {
    Object value = m.get(key);
    if (value instanceof Integer i && i >= 0) {
      return Optional.of(Integer.toString(i));
    }
    return optionalString(m, key, path);
  }

  private String rtspUrl(String url) {
    if (!url.startsWith("rtsp://") && !url.startsWith("rtsps://")) {
      throw fail("camera.url", "must start with rtsp:// or rtsps://, was \"" + url + "\"");
    }
    return url;
  }

  private double number(Map<String, Object> m, String key, String path, double defaultValue) {
    Object value = m.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number n)) {
      throw fail(path, "must be a number, was \"" + value + "\"");
    }
    return n.doubleValue();
  }

  private double positiveNumber(Map<String, Object> m, String key, String path, double defaultValue) {
    double value = number(m, key, path, defaultValue);
    if (!(value > 0)) {
      throw fail(path, "must be a number > 0, was " + m.get(key));
    }
    return value;
  }

  private int positiveInt(Map<String, Object> m, String key, String path, int defaultValue) {
    Object value = m.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Integer i) || i <= 0) {
      throw fail(path, "must be a whole number > 0, was \"" + value + "\"");
    }
    return i;
  }

  private boolean bool(Map<String, Object> m, String key, String path, boolean defaultValue) {
    Object value = m.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw fail(path, "must be true or false, was \"" + value + "\"");
    }
    return b;
  }

  private ProfileException fail(String key, String problem) {
    return new ProfileException(source, key, problem);
  }
}
