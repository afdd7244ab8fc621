package org.redvest.hub.domain.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventChain;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.SignedPayload;

/**
 * What one stored event says about itself, worked out apart from every other event (so it runs
 * on any verifying thread): whose key signed it, whether the row matches the signed payload, and
 * the chain values the sequential pass compares.
 *
 * @param signature {@code null} when a key bound to its terminal signed it, else why not
 * @param findings every failure of this event alone (signature included)
 * @param prevHash the payload's {@code prevHash}, null when absent or undecodable
 * @param hash the hash the next event's {@code prevHash} must hold ({@link EventChain#hashOf})
 */
record EventCheck(String eventId, String terminal, long seq, Instant receivedAt,
    Reason signature, List<Finding> findings, boolean decoded, String prevHash, String hash) {

  static EventCheck of(StoredEvent row, AuditFleet fleet) {
    List<Finding> findings = new ArrayList<>();
    Optional<SignedPayload.Parts> parts = SignedPayload.split(row.payload());
    byte[] body = parts.map(SignedPayload.Parts::body).orElse(row.payload());
    Reason signature = parts.isPresent() ? signed(row, parts.get(), fleet, findings)
        : unsigned(row, fleet, findings);
    AttendanceEvent event = null;
    try {
      event = WireCodec.decodeEvent(body);
    } catch (ProtocolException e) {
      findings.add(finding(row, Reason.UNDECODABLE, "the stored payload is not an event: "
          + e.getMessage()));
    }
    if (event != null) {
      mismatch(row, event).ifPresent(m -> findings.add(finding(row, Reason.ROW_MISMATCH, m)));
    }
    return new EventCheck(row.eventId(), row.username(), row.seq(), row.receivedAt(), signature,
        List.copyOf(findings), event != null, event == null ? null : event.evidence().prevHash(),
        EventChain.hashOf(row.payload()));
  }

  private static Reason signed(StoredEvent row, SignedPayload.Parts parts, AuditFleet fleet,
      List<Finding> findings) {
    List<AuditFleet.BoundKey> keys = fleet.keysOf(row.username());
    // The current key first: most events were signed by it.
    for (int i = keys.size() - 1; i >= 0; i--) {
      if (Ed25519.verify(keys.get(i).key(), parts.body(), parts.signature())) {
        if (i == keys.size() - 1 || fleet.released(row.eventId())) {
          return null;
        }
        // Replaced when the next key was bound; accepted for a grace period after (Fleet).
        Instant retired = keys.get(i + 1).boundAt();
        if (row.receivedAt().isBefore(retired.plus(org.redvest.hub.domain.fleet.Fleet.RETIRED_KEY_GRACE))) {
          return null;
        }
        findings.add(finding(row, Reason.RETIRED_KEY, "signed by key " + keys.get(i).fingerprint()
            + " of " + row.username() + ", replaced at " + retired + ", received at "
            + row.receivedAt() + ": more than " + org.redvest.hub.domain.fleet.Fleet.RETIRED_KEY_GRACE.toDays()
            + " days after"));
        return Reason.RETIRED_KEY;
      }
    }
    Optional<AuditFleet.BoundKey> foreign = fleet.foreignSigner(row.username(), parts.body(),
        parts.signature());
    if (foreign.isPresent()) {
      findings.add(finding(row, Reason.UNKNOWN_KEY, "signed by key " + foreign.get().fingerprint()
          + " bound to " + foreign.get().owner() + ", not to " + row.username()));
      return Reason.UNKNOWN_KEY;
    }
    if (keys.isEmpty()) {
      findings.add(finding(row, Reason.UNKNOWN_KEY, "signed, but no key was ever bound to "
          + row.username()));
      return Reason.UNKNOWN_KEY;
    }
    findings.add(finding(row, Reason.BAD_SIGNATURE, "does not verify with any of the "
        + keys.size() + " key(s) bound to " + row.username() + ": the payload was altered after"
        + " it was signed, or forged"));
    return Reason.BAD_SIGNATURE;
  }

  private static Reason unsigned(StoredEvent row, AuditFleet fleet, List<Finding> findings) {
    Optional<Instant> joined = fleet.joinedAt(row.username());
    if (joined.isPresent() && !row.receivedAt().isBefore(joined.get())) {
      findings.add(finding(row, Reason.UNSIGNED_SINCE_JOINED, "unsigned, but received at "
          + row.receivedAt() + ", after " + row.username() + " joined the fleet at " + joined.get()
          + " (the hub refuses unsigned events since)"));
      return Reason.UNSIGNED_SINCE_JOINED;
    }
    return Reason.UNSIGNED;
  }

  /** The first column that differs from the payload, described; hours are computed from them. */
  private static Optional<String> mismatch(StoredEvent row, AttendanceEvent e) {
    List<String> differ = new ArrayList<>();
    compare(differ, "event_id", row.eventId(), e.eventId().toString());
    compare(differ, "station", row.station(), e.stationId().value());
    compare(differ, "terminal", row.terminal(), e.terminalId().value());
    compare(differ, "terminal_seq", Long.toString(row.seq()), Long.toString(e.terminalSeq()));
    compare(differ, "volunteer", row.volunteer(), e.volunteerId().value());
    compare(differ, "kind", row.kind(), e.kind().name());
    compare(differ, "method", row.method(), e.method().name());
    compare(differ, "occurred_at", Instant.ofEpochMilli(row.occurredAtEpochMs()).toString(),
        e.occurredAt().toInstant().toString());
    return differ.isEmpty() ? Optional.empty()
        : Optional.of("the row differs from its payload: " + String.join("; ", differ));
  }

  private static void compare(List<String> differ, String column, String stored, String payload) {
    if (!stored.equals(payload)) {
      differ.add(column + " is " + stored + ", the payload says " + payload);
    }
  }

  private static Finding finding(StoredEvent row, Reason reason, String detail) {
    return new Finding(row.eventId(), row.username(), row.seq(), reason, detail);
  }
}
