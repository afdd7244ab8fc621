package org.redvest.terminal.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Random;

/**
 * The fault suite's knobs and child processes. The tier is {@code short} (default, runs in
 * {@code mvnw verify}) or {@code long} ({@code -Dredvest.faults=long}, {@code -Pfaults-long},
 * {@code REDVEST_FAULTS=long} or {@code scripts/faults.sh --long}); each scenario picks its
 * iteration count per tier. The random seed is printed and can be replayed with
 * {@code -Dredvest.faults.seed=N}.
 */
final class Faults {
  private Faults() {}

  static boolean longTier() {
    String property = System.getProperty("redvest.faults", "");
    String env = System.getenv().getOrDefault("REDVEST_FAULTS", "");
    return property.equalsIgnoreCase("long") || env.equalsIgnoreCase("long");
  }

  static int iterations(int shortTier, int longTier) {
    return longTier() ? longTier : shortTier;
  }

  static String tier() {
    return longTier() ? "long" : "short";
  }

  static Random random(String scenario) {
    String fixed = System.getProperty("redvest.faults.seed");
    long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed) : System.nanoTime();
    System.out.println("[faults] " + scenario + ": tier " + tier() + ", seed " + seed
        + " (replay with -Dredvest.faults.seed=" + seed + ")");
    return new Random(seed);
  }

  /** A fresh folder under target/faults/logs for a scenario's child process logs (kept for diagnosis). */
  static Path logDir(String scenario) {
    Path dir = Path.of("target", "faults", "logs", scenario).toAbsolutePath();
    try {
      if (Files.exists(dir)) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code java -cp <this test classpath> mainClass args...}, optionally prefixed (ip netns exec). */
  static Process java(Path log, List<String> prefix, Class<?> mainClass, List<String> args) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass.getName());
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * The test classpath: Surefire and Failsafe put a manifest-only booter jar on
   * {@code java.class.path} and the real entries in {@code surefire.test.class.path}.
   */
  static String classpath() {
    String real = System.getProperty("surefire.test.class.path");
    return real != null && !real.isBlank() ? real : System.getProperty("java.class.path");
  }

  /** Whether a fault needing root (namespaces, tmpfs) can run; skips or fails like SharedData. */
  static void requireRoot(String what) {
    boolean root = "root".equals(System.getProperty("user.name"));
    String message = what + " needs root (ip netns / mount); run the suite as root";
    requireThat(root, message);
  }

  /** Skips with {@code message}, or fails under REDVEST_REQUIRE_TESTDATA=1. */
  static void requireThat(boolean available, String message) {
    if (available) {
      return;
    }
    String env = System.getenv("REDVEST_REQUIRE_TESTDATA");
    boolean required = "1".equals(env) || "true".equalsIgnoreCase(env)
        || Boolean.getBoolean("redvest.requireTestdata");
    if (required) {
      throw new AssertionError(message + " (REDVEST_REQUIRE_TESTDATA is set, so this fails)");
    }
    assumeTrue(false, message);
  }

  /** Runs a command to completion and returns its exit code (output to the console). */
  static int run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      int code = p.waitFor();
      if (code != 0) {
        System.out.println("[faults] " + String.join(" ", command) + " -> " + code + ": " + out.strip());
      }
      return code;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Appends a thread dump of a stuck child to {@code log}, then kills it. */
  static void dumpAndKill(Process process, Path log) {
    if (process.isAlive()) {
      Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
      try {
        new ProcessBuilder(jstack.toString(), Long.toString(process.pid()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())))
            .start().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (IOException e) {
        System.out.println("[faults] no thread dump: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kill9(process);
  }

  /** Awaits {@code condition}; on timeout prints this JVM's relay and MQTT threads first. */
  static void awaitOrDump(String alias, Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
    try {
      org.awaitility.Awaitility.await(alias).atMost(atMost).pollInterval(Duration.ofMillis(20))
          .until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder dump = new StringBuilder("[faults] threads at timeout of " + alias + "\n");
      Thread.getAllStackTraces().forEach((thread, stack) -> {
        if (thread.getName().startsWith("redvest") || thread.getName().startsWith("MQTT")) {
          dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
          for (StackTraceElement frame : stack) {
            dump.append("    at ").append(frame).append('\n');
          }
        }
      });
      System.out.println(dump);
      throw e;
    }
  }

  static void kill9(Process process) {
    process.destroyForcibly();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AssertionError("process " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
