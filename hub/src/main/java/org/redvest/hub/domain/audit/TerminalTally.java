package org.redvest.hub.domain.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.redvest.protocol.EventChain;

/**
 * One terminal's counts and its hash chain, fed its events in {@code terminalSeq} order on one
 * thread. A link is checked wherever both events are stored; across a gap (events not delivered
 * yet, or deleted) there is nothing to compare, so gaps are counted, not failed.
 */
final class TerminalTally {
  private final String terminal;
  private final Optional<Instant> revokedAt;
  private long checked;
  private long verified;
  private long unsigned;
  private long badSignature;
  private long unknownKey;
  private long rowMismatch;
  private long afterRevocation;
  private long released;
  private long chainBreaks;
  private long gaps;
  private long failures;
  private long lastSeq;
  private String lastHash;
  private boolean chained;

  private final Optional<AuditAnchor.Tip> anchored;
  private boolean sawAnchored;

  TerminalTally(String terminal, Optional<Instant> revokedAt, Optional<AuditAnchor.Tip> anchored) {
    this.terminal = terminal;
    this.revokedAt = revokedAt;
    this.anchored = anchored;
  }

  String terminal() {
    return terminal;
  }

  /**
   * Events signed by a key replaced too long before they arrived ({@link Reason#RETIRED_KEY}),
   * waiting for the next event: the hub accepts such an event when a later event of the same
   * chain, signed by a key still valid, links to it (docs/security.md, "Signatures at ingest"),
   * and so does the audit; at a break, a gap or the end they fail.
   */
  private final java.util.List<Finding> retiredPending = new java.util.ArrayList<>();

  /** Counts {@code e} and hands each failure (and, when listed, legacy unsigned events) on. */
  void add(EventCheck e, AuditFleet fleet, boolean strict, Consumer<Finding> out) {
    checked++;
    boolean linked = e.decoded() && e.seq() == lastSeq + 1 && e.prevHash() != null
        && lastHash != null && e.prevHash().equals(lastHash);
    if (!linked || (e.signature() != null && e.signature() != Reason.RETIRED_KEY)) {
      failRetired(out);
    } else if (e.signature() == null) {
      // A valid signature vouches for the linked events below it.
      verified += retiredPending.size();
      retiredPending.clear();
    }
    for (Finding f : e.findings()) {
      if (f.reason() == Reason.RETIRED_KEY) {
        retiredPending.add(f);
        continue;
      }
      count(f.reason());
      failures++;
      out.accept(f);
    }
    if (e.signature() == null) {
      verified++;
    } else if (e.signature() == Reason.UNSIGNED) {
      unsigned++;
      if (strict) {
        failures++;
        out.accept(new Finding(e.eventId(), terminal, e.seq(), Reason.UNSIGNED,
            "unsigned (stored before its terminal joined the fleet)"));
      }
    }
    checkRevocation(e, fleet, out);
    checkLink(e, out);
    checkAnchor(e, out);
  }

  private void checkAnchor(EventCheck e, Consumer<Finding> out) {
    if (anchored.isEmpty() || e.seq() != anchored.get().seq()) {
      return;
    }
    sawAnchored = true;
    if (!e.hash().equals(anchored.get().hash())) {
      chainBreaks++;
      failures++;
      out.accept(new Finding(e.eventId(), terminal, e.seq(), Reason.ANCHOR_MISMATCH, "the last"
          + " clean audit anchored #" + e.seq() + " with hash " + anchored.get().hash()
          + "; it is " + e.hash() + " now: the event was replaced"));
    }
  }

  private void failRetired(Consumer<Finding> out) {
    for (Finding f : retiredPending) {
      count(f.reason());
      failures++;
      out.accept(f);
    }
    retiredPending.clear();
  }

  /**
   * After the last event: events signed by a replaced key that nothing vouches for fail; an
   * anchored event that is no longer stored was deleted.
   */
  void finish(Consumer<Finding> out) {
    failRetired(out);
    if (anchored.isPresent() && !sawAnchored) {
      chainBreaks++;
      failures++;
      out.accept(new Finding("-", terminal, anchored.get().seq(), Reason.TRUNCATED, "the last"
          + " clean audit anchored #" + anchored.get().seq() + "; "
          + (checked == 0 ? "no event of this terminal is stored now"
              : "the chain now ends at #" + lastSeq + (lastSeq > anchored.get().seq()
                  ? " without it" : "")) + ": events were deleted"));
    }
  }

  private void checkRevocation(EventCheck e, AuditFleet fleet, Consumer<Finding> out) {
    if (revokedAt.isEmpty() || !e.receivedAt().isAfter(revokedAt.get())) {
      return;
    }
    if (fleet.released(e.eventId())) {
      released++;
      return;
    }
    afterRevocation++;
    failures++;
    out.accept(new Finding(e.eventId(), terminal, e.seq(), Reason.AFTER_REVOCATION, "received at "
        + e.receivedAt() + ", after " + terminal + " was revoked at " + revokedAt.get()));
  }

  private void checkLink(EventCheck e, Consumer<Finding> out) {
    String broken = null;
    if (e.seq() == lastSeq + 1 && e.decoded()) {
      String expected = e.seq() == 1 ? EventChain.GENESIS : lastHash;
      if (e.prevHash() == null && chained) {
        broken = "no prevHash although earlier events of " + terminal + " had one";
      } else if (e.prevHash() != null && expected != null && !e.prevHash().equals(expected)) {
        broken = e.seq() == 1 ? "event 1's prevHash is not the genesis value"
            : "prevHash does not match the stored event " + (e.seq() - 1)
                + ": one of the two was altered or replaced";
      }
    } else if (e.seq() != lastSeq + 1) {
      gaps++;
    }
    if (broken != null) {
      chainBreaks++;
      failures++;
      out.accept(new Finding(e.eventId(), terminal, e.seq(), Reason.CHAIN_BREAK, broken));
    }
    chained |= e.prevHash() != null;
    lastSeq = e.seq();
    lastHash = e.hash();
  }

  private void count(Reason reason) {
    switch (reason) {
      case UNSIGNED_SINCE_JOINED, BAD_SIGNATURE -> badSignature++;
      case UNKNOWN_KEY, RETIRED_KEY -> unknownKey++;
      case ROW_MISMATCH, UNDECODABLE -> rowMismatch++;
      default -> { }
    }
  }

  TerminalSummary summary() {
    return new TerminalSummary(terminal, checked, verified, unsigned, badSignature, unknownKey,
        rowMismatch, afterRevocation, released, chainBreaks, gaps, failures, lastSeq, lastHash);
  }
}
