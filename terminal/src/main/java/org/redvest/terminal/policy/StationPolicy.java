package org.redvest.terminal.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redvest.protocol.CheckInMethod;
import org.redvest.terminal.credential.BadgePolicy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What this station accepts (terminal README, "Station policy"): the check-in methods, whether
 * plain unsigned badges count, and the day's activities with the method each requires. Decides
 * per check-in with {@link #judge}; the first activity in the file that covers a time is the
 * current one.
 */
public record StationPolicy(Set<CheckInMethod> accepted, boolean plainBadges, List<Activity> activities) {
  private static final Set<String> KEYS = Set.of("methods", "plainBadges", "activities");
  private static final Set<String> ACTIVITY_KEYS = Set.of("id", "name", "start", "end", "requires");

  public StationPolicy {
    accepted = accepted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(accepted));
    activities = List.copyOf(activities);
    if (accepted.isEmpty()) {
      throw new IllegalArgumentException("methods: at least one method must be accepted");
    }
    for (int i = 0; i < activities.size(); i++) {
      CheckInMethod required = activities.get(i).requires();
      if (required != null && !accepted.contains(required)) {
        throw new IllegalArgumentException("activities[" + i + "].requires: " + required
            + " is not in methods " + accepted);
      }
    }
  }

  /** Every method, plain badges allowed, no activities: what a kiosk without --policy does. */
  public static StationPolicy permissive() {
    return new StationPolicy(EnumSet.allOf(CheckInMethod.class), true, List.of());
  }

  public BadgePolicy badgePolicy() {
    return new BadgePolicy(plainBadges);
  }

  public boolean accepts(CheckInMethod method) {
    return accepted.contains(method);
  }

  /** The activity running at station time {@code at}, if any. */
  public Optional<Activity> activityAt(OffsetDateTime at) {
    return activities.stream().filter(a -> a.covers(at.toLocalTime())).findFirst();
  }

  /** When the activity running at {@code at} ends; empty when none is running. */
  public Optional<OffsetDateTime> activityEndAfter(OffsetDateTime at) {
    return activityAt(at).map(a -> a.endAfter(at));
  }

  /** Whether a check-in by {@code method} at {@code at} is allowed, and under which activity. */
  public Judgement judge(CheckInMethod method, OffsetDateTime at) {
    Activity activity = activityAt(at).orElse(null);
    if (!accepts(method)) {
      return new Judgement.Refused(notAccepted(method));
    }
    if (activity != null && !activity.satisfiedBy(method)) {
      return new Judgement.Refused(insufficient(activity));
    }
    return new Judgement.Allowed(activity);
  }

  /** The outcome of {@link #judge}. */
  public sealed interface Judgement {
    /** Allowed; {@code activity} (or null) is the current activity, for the event's activityId. */
    record Allowed(Activity activity) implements Judgement {
      public String activityId() {
        return activity == null ? null : activity.id();
      }
    }

    /** Refused, with what the volunteer should do instead. */
    record Refused(String message) implements Judgement {}
  }

  private String notAccepted(CheckInMethod method) {
    return switch (method) {
      case QR -> accepts(CheckInMethod.QR_FACE)
          ? "本站需要证件加人脸核验，请使用带人脸的证件 (card alone not accepted: use a card with your face template)"
          : "本站不接受二维码签到，请刷脸 (QR not accepted here: please look at the camera)";
      case FACE -> "本站不接受刷脸签到，请出示二维码 (face check-in not accepted here: please show your QR code)";
      case QR_FACE -> "本站不接受证件人脸核验，请联系站长 (card + face not accepted here: please ask the station manager)";
      case MANUAL -> "本站不接受人工登记 (manual entries not accepted here)";
    };
  }

  private static String insufficient(Activity activity) {
    return switch (activity.requires()) {
      case QR_FACE -> "“" + activity.name() + "”需要证件加人脸核验，请出示带人脸的证件 (\"" + activity.name()
          + "\" requires card + face: show a card with your face template)";
      case QR -> "“" + activity.name() + "”需要出示二维码 (\"" + activity.name() + "\" requires your QR code)";
      case FACE -> "“" + activity.name() + "”需要刷脸签到 (\"" + activity.name() + "\" requires face check-in)";
      case MANUAL -> "“" + activity.name() + "”需要站长登记 (\"" + activity.name() + "\" requires the station manager)";
    };
  }

  /** Reads a policy file; {@link IllegalArgumentException} naming the file and the bad key. */
  public static StationPolicy parse(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy " + file, e);
    }
  }

  public static StationPolicy parse(String yaml, String source) {
    try {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      Map<?, ?> root = doc == null ? Map.of() : map(doc, "(top level)");
      unknownKeys(root, KEYS, "");
      Set<CheckInMethod> methods = root.containsKey("methods") ? methods(root.get("methods"))
          : EnumSet.allOf(CheckInMethod.class);
      boolean plain = bool(root.get("plainBadges"), "plainBadges", true);
      List<Activity> activities = new ArrayList<>();
      Object list = root.get("activities");
      if (list != null) {
        if (!(list instanceof List<?> items)) {
          throw new IllegalArgumentException("activities: must be a list");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
          Activity a = activity(map(items.get(i), "activities[" + i + "]"), "activities[" + i + "]");
          if (!ids.add(a.id())) {
            throw new IllegalArgumentException("activities[" + i + "].id: duplicate id " + a.id());
          }
          activities.add(a);
        }
      }
      return new StationPolicy(methods, plain, activities);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static Activity activity(Map<?, ?> node, String at) {
    unknownKeys(node, ACTIVITY_KEYS, at + ".");
    String id = text(node.get("id"), at + ".id");
    if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(at + ".id: required, 1-64 of letters, digits, '.', '_', '-'; was " + id);
    }
    Object requires = node.get("requires");
    try {
      return new Activity(id, text(node.get("name"), at + ".name"), time(node.get("start"), at + ".start"),
          time(node.get("end"), at + ".end"), requires == null ? null : method(requires, at + ".requires"));
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith(at) ? e : new IllegalArgumentException(at + "." + e.getMessage(), e);
    }
  }

  private static Set<CheckInMethod> methods(Object node) {
    if (!(node instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("methods: must be a non-empty list of QR, FACE, QR_FACE, MANUAL");
    }
    Set<CheckInMethod> methods = EnumSet.noneOf(CheckInMethod.class);
    for (int i = 0; i < list.size(); i++) {
      methods.add(method(list.get(i), "methods[" + i + "]"));
    }
    return methods;
  }

  private static CheckInMethod method(Object node, String at) {
    try {
      return CheckInMethod.valueOf(String.valueOf(node).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": must be QR, FACE, QR_FACE or MANUAL, was " + node, e);
    }
  }

  private static LocalTime time(Object node, String at) {
    if (node == null) {
      throw new IllegalArgumentException(at + ": is required (HH:MM)");
    }
    try {
      // YAML 1.1 reads an unquoted 08:00 as a sexagesimal number; accept it as minutes.
      return node instanceof Integer minutes ? LocalTime.of(minutes / 60, minutes % 60) : LocalTime.parse(node.toString());
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(at + ": must be a time like \"08:00\", was " + node, e);
    }
  }

  private static boolean bool(Object node, String at, boolean fallback) {
    if (node == null) {
      return fallback;
    }
    if (node instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(at + ": must be true or false, was " + node);
  }

  private static String text(Object node, String at) {
    return node == null ? null : node.toString();
  }

  private static Map<?, ?> map(Object node, String at) {
    if (!(node instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(at + ": must be a mapping of keys to values");
    }
    return m;
  }

  private static void unknownKeys(Map<?, ?> node, Set<String> known, String prefix) {
    for (Object key : node.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        throw new IllegalArgumentException(prefix + key + ": unknown key (known: " + new java.util.TreeSet<>(known) + ")");
      }
    }
  }

  @Override
  public String toString() {
    return "StationPolicy[" + accepted + ", plainBadges=" + plainBadges + ", " + activities.size() + " activities]";
  }
}
