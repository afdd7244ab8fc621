package org.redvest.terminal.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redvest.protocol.ProtocolException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command's options as one table: picocli parses the flags and writes {@code --help} from it
 * (what each does, its default, its environment variable), and {@link Values} reads the values,
 * each {@code --name value} flag, else {@code REDVEST_NAME} from the environment (upper case,
 * dashes as underscores), else the table's default. Every error names the option.
 */
public final class Flags {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /**
   * One option: {@code --name LABEL} and what it does; {@code defaultValue} is what {@link Values}
   * answers when neither flag nor environment gives one (null: none), {@code defaultText} how the
   * help shows it. A switch ({@code --wait}) has no label.
   */
  public record Flag(String name, String label, String description, String defaultValue,
      String defaultText) {
    boolean isSwitch() {
      return label == null;
    }
  }

  private Flags() {}

  /** An option taking a value, with a default (shown as it is). */
  public static Flag value(String name, String label, String description, String defaultValue) {
    return new Flag(name, label, description, defaultValue, defaultValue);
  }

  /** An option taking a value whose default the code works out, described by {@code defaultText}. */
  public static Flag computed(String name, String label, String description, String defaultText) {
    return new Flag(name, label, description, null, defaultText);
  }

  /** An option that must be given, as a flag or in the environment. */
  public static Flag required(String name, String label, String description) {
    return new Flag(name, label, description, null, null);
  }

  /** An option without a value ({@code --wait}): on when given, or when its variable is "true". */
  public static Flag toggle(String name, String description) {
    return new Flag(name, null, description, "false", null);
  }

  /** The environment variable of {@code name}: {@code REDVEST_DATA_DIR} for data-dir. */
  public static String environment(String name) {
    return "REDVEST_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Adds each of {@code flags} to {@code spec}, with its help. */
  public static CommandSpec addTo(CommandSpec spec, List<Flag> flags) {
    for (Flag f : flags) {
      String help = f.description() + (f.isSwitch() ? " Env " + environment(f.name()) + "=true."
          : f.defaultText() == null ? " Required; or env " + environment(f.name()) + "."
          : " Default: " + f.defaultText() + "; env " + environment(f.name()) + ".");
      OptionSpec.Builder option = OptionSpec.builder("--" + f.name()).description(help);
      if (f.isSwitch()) {
        option.arity("0").type(boolean.class);
      } else {
        option.paramLabel(f.label()).type(String.class);
      }
      spec.addOption(option.build());
    }
    return spec;
  }

  /** The options {@code parsed} matched, by name without {@code --}; "true" for a switch. */
  public static Map<String, String> given(CommandLine.ParseResult parsed) {
    Map<String, String> given = new LinkedHashMap<>();
    for (OptionSpec o : parsed.matchedOptions()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      Object value = o.getValue();
      given.put(o.longestName().substring(2), String.valueOf(value));
    }
    return given;
  }

  /**
   * Parses {@code args} against {@code flags} alone, as a command would: for code and tests that
   * hold a list of arguments.
   *
   * @throws IllegalArgumentException naming the flag: unknown, or without its value
   */
  public static Map<String, String> parse(List<String> args, List<Flag> flags) {
    CommandLine line = Commands.settle(new CommandLine(addTo(CommandSpec.create(), flags)));
    try {
      return given(line.parseArgs(args.toArray(String[]::new)));
    } catch (UnmatchedArgumentException e) {
      String unknown = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
      List<String> suggestions = e.getSuggestions();
      throw new IllegalArgumentException(unknown + ": " + (unknown.startsWith("-") ? "unknown option"
          : "unexpected argument; options look like --name value")
          + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?")
          + " (see --help)", e);
    } catch (MissingParameterException e) {
      String name = e.getMissing().stream().filter(OptionSpec.class::isInstance)
          .map(a -> ((OptionSpec) a).longestName()).findFirst().orElse("arguments");
      throw new IllegalArgumentException(name + ": needs a value", e);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A command's values: flag, else environment, else the table's default. */
  public static final class Values {
    private final Map<String, String> given;
    private final Map<String, String> env;
    private final Map<String, Flag> table = new LinkedHashMap<>();

    public Values(List<Flag> flags, Map<String, String> given, Map<String, String> env) {
      this.given = Map.copyOf(given);
      this.env = env;
      flags.forEach(f -> table.put(f.name(), f));
    }

    /** The environment the values fall back to, for settings that are not options. */
    public Map<String, String> variables() {
      return env;
    }

    /** The value of {@code name}, or null when nothing gives one. */
    public String get(String name) {
      Flag flag = table.get(name);
      if (flag == null) {
        throw new IllegalArgumentException("no option --" + name + " in this command");
      }
      String value = given.get(name);
      if (value != null) {
        return value;
      }
      String fromEnv = env.get(environment(name));
      return fromEnv != null && !fromEnv.isBlank() ? fromEnv : flag.defaultValue();
    }

    /** Whether the switch {@code name} is on. */
    public boolean on(String name) {
      return "true".equalsIgnoreCase(get(name));
    }

    /**
     * The value of {@code name}.
     *
     * @throws IllegalArgumentException when neither flag nor environment gives one
     */
    public String required(String name) {
      String value = get(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("--" + name + ": is required (or " + environment(name) + ")");
      }
      return value;
    }

    /** The required value of {@code name} read by {@code parser}, its refusal naming the option. */
    public <T> T id(String name, Function<String, T> parser) {
      String text = required(name);
      try {
        return parser.apply(text);
      } catch (ProtocolException e) {
        throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
      }
    }

    /** A broker URL ({@code tcp://host:1883}; ssl, ws, wss too). */
    public String broker(String name) {
      String url = required(name);
      if (!url.matches("(tcp|ssl|ws|wss)://[^/]+")) {
        throw new IllegalArgumentException("--" + name + ": must look like tcp://host:1883, was " + url);
      }
      return url;
    }

    /** A duration: {@code 500ms}, {@code 30s}, {@code 3m}, {@code 2h}, {@code 7d} or ISO-8601. */
    public Duration duration(String name) {
      String text = required(name);
      Matcher m = SHORT_DURATION.matcher(text);
      try {
        Duration d;
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
        } else {
          d = Duration.parse(text);
        }
        if (d.isNegative()) {
          throw new IllegalArgumentException("negative");
        }
        return d;
      } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
        throw new IllegalArgumentException("--" + name + ": must be a duration like 30s, 3m or PT3M, was "
            + text, e);
      }
    }
  }
}
