package org.redvest.terminal.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The printed summary of one fault scenario: the figures docs/reliability.md publishes
 * (iterations, events, lost, duplicated, recovery time) plus the checker's per-terminal table.
 * Printed to the console and written to {@code target/faults/<scenario>.md}.
 */
final class FaultSummary {
  private final String scenario;
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<Duration> recoveries = new ArrayList<>();
  private String checkerTable = "";

  FaultSummary(String scenario) {
    this.scenario = scenario;
  }

  FaultSummary put(String name, Object value) {
    figures.put(name, String.valueOf(value));
    return this;
  }

  void recovery(Duration d) {
    recoveries.add(d);
  }

  FaultSummary checker(DeliveryChecker.Report report) {
    put("events", report.sum(DeliveryChecker.Result::committed));
    put("delivered", report.sum(DeliveryChecker.Result::delivered));
    put("told-not-kept", report.sum(DeliveryChecker.Result::toldNotKept));
    put("lost", report.sum(DeliveryChecker.Result::lost));
    put("duplicated", report.sum(DeliveryChecker.Result::duplicated));
    put("unexpected", report.sum(DeliveryChecker.Result::unexpected));
    put("recovered (re-published)", report.sum(DeliveryChecker.Result::recovered));
    put("volunteers with wrong hours", report.sum(DeliveryChecker.Result::volunteersWithWrongHours));
    checkerTable = report.terminals().size() <= 12 ? report.toString() : "";
    return this;
  }

  /** Prints and writes the summary; returns its text. */
  String publish() {
    if (!recoveries.isEmpty()) {
      List<Duration> sorted = new ArrayList<>(recoveries);
      Collections.sort(sorted);
      put("recovery median", ms(sorted.get(sorted.size() / 2)));
      put("recovery max", ms(sorted.get(sorted.size() - 1)));
    }
    StringBuilder s = new StringBuilder("### " + scenario + " (tier " + Faults.tier() + ", "
        + Instant.now() + ")\n\n| figure | value |\n|---|---|\n");
    figures.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    if (!checkerTable.isEmpty()) {
      s.append("\n").append(checkerTable);
    }
    String text = s.toString();
    System.out.println("\n[faults] summary\n" + text);
    try {
      Path dir = Path.of("target", "faults");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(scenario.replaceAll("[^A-Za-z0-9-]", "-") + ".md"), text,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text;
  }

  static String ms(Duration d) {
    return d.toMillis() >= 10_000 ? String.format("%.1f s", d.toMillis() / 1000.0) : d.toMillis() + " ms";
  }
}
