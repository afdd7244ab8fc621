package org.redvest.hub.domain.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What an audit found: per terminal counts, the first failures (event id and reason), and how
 * fast it went.
 *
 * @param failures all failures, of which {@code listed} are the first
 */
public record AuditReport(List<TerminalSummary> terminals, List<Finding> listed, long failures,
    long events, Duration took, boolean strict) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean clean() {
    return failures == 0;
  }

  public double eventsPerSecond() {
    double seconds = took.toNanos() / 1e9;
    return seconds <= 0 ? events : events / seconds;
  }

  /** The report as people read it: a table, the failures listed, the verdict and the speed. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-32s %9s %9s %9s %8s %8s %9s %8s %8s %7s%n",
        "terminal", "checked", "verified", "unsigned", "bad-sig", "unk-key", "row-diff",
        "revoked", "released", "chain"));
    for (TerminalSummary t : terminals) {
      out.append(String.format(Locale.ROOT, "%-32s %9d %9d %9d %8d %8d %9d %8d %8d %7d%n",
          t.terminal(), t.checked(), t.verified(), t.unsigned(), t.badSignature(),
          t.unknownKey(), t.rowMismatch(), t.afterRevocation(), t.released(), t.chainBreaks()));
    }
    if (!listed.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%nfailures (first %d of %d):%n", listed.size(),
          Math.max(failures, listed.size())));
      for (Finding f : listed) {
        out.append(String.format(Locale.ROOT, "  %s  %s #%d  %s: %s%n", f.eventId(), f.terminal(),
            f.seq(), f.reason(), f.detail()));
      }
    }
    out.append(String.format(Locale.ROOT, "%n%s: audited %d events of %d terminal(s) in %.1f s"
        + " (%,.0f events/s)%n", clean() ? "CLEAN" : "FAILED, " + failures + " failure(s)", events,
        terminals.size(), took.toNanos() / 1e9, eventsPerSecond()));
    return out.toString();
  }

  /** The same as JSON, for scripts. */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("clean", clean());
    root.put("strict", strict);
    root.put("events", events);
    root.put("failures", failures);
    root.put("seconds", took.toNanos() / 1e9);
    root.put("eventsPerSecond", Math.round(eventsPerSecond()));
    ArrayNode ts = root.putArray("terminals");
    terminals.forEach(t -> ts.addPOJO(JSON.valueToTree(t)));
    ArrayNode fs = root.putArray("listed");
    listed.forEach(f -> fs.add(JSON.valueToTree(f)));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of numbers and strings always serialises", e);
    }
  }
}
