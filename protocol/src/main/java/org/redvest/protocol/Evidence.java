package org.redvest.protocol;

/**
 * Optional evidence carried by an attendance event (docs/protocol.md §4, "Evidence"), beside
 * {@code method} and {@code confidence}. Every field may be null; an event without any is
 * encoded exactly as before.
 *
 * @param credentialKeyId the issuer key of the signed credential shown
 * @param credentialSerial that credential's serial (links uses of one credential across terminals)
 * @param liveness the face liveness result, e.g. {@code PASS}, when a liveness check ran
 * @param recordedOffline true when the terminal recorded it while not connected to the broker
 * @param prevHash hex SHA-256 of the terminal's previous event payload (tamper-evident chain)
 * @param correction on a late {@code CHECK_OUT} closing a forgotten session, where its time came
 *     from: {@code LAST_SIGHTING}, {@code ACTIVITY_END}, {@code STATION_CLOSING} or {@code
 *     ENTERED} (typed in); the event is a correction the volunteer or a manager confirmed, not a
 *     check-out seen at that time
 */
public record Evidence(
    String credentialKeyId,
    Long credentialSerial,
    String liveness,
    Boolean recordedOffline,
    String prevHash,
    String correction) {

  /** Where a correction's end time came from (the wire values of {@code correction}). */
  public static final java.util.Set<String> CORRECTION_BASES =
      java.util.Set.of("LAST_SIGHTING", "ACTIVITY_END", "STATION_CLOSING", "ENTERED");

  public static final Evidence NONE = new Evidence(null, null, null, null, null, null);

  /** Evidence without a correction. */
  public Evidence(String credentialKeyId, Long credentialSerial, String liveness,
      Boolean recordedOffline, String prevHash) {
    this(credentialKeyId, credentialSerial, liveness, recordedOffline, prevHash, null);
  }

  public Evidence {
    if (credentialSerial != null && credentialSerial < 1) {
      throw new ProtocolException("credentialSerial", "must be >= 1, was " + credentialSerial);
    }
    if (prevHash != null && !prevHash.matches("[0-9a-f]{64}")) {
      throw new ProtocolException("prevHash", "must be 64 lower-case hex digits");
    }
    if (correction != null && !CORRECTION_BASES.contains(correction)) {
      throw new ProtocolException("correction",
          "must be one of " + new java.util.TreeSet<>(CORRECTION_BASES) + ", was " + correction);
    }
  }

  /** Evidence of a verified signed credential. */
  public static Evidence credential(String keyId, long serial) {
    return new Evidence(keyId, serial, null, null, null);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  public Evidence withRecordedOffline(Boolean offline) {
    return new Evidence(credentialKeyId, credentialSerial, liveness, offline, prevHash, correction);
  }

  public Evidence withPrevHash(String hash) {
    return new Evidence(credentialKeyId, credentialSerial, liveness, recordedOffline, hash, correction);
  }

  /** The same evidence marking the event as a correction with the given basis. */
  public Evidence withCorrection(String basis) {
    return new Evidence(credentialKeyId, credentialSerial, liveness, recordedOffline, prevHash, basis);
  }

  public boolean isCorrection() {
    return correction != null;
  }
}
