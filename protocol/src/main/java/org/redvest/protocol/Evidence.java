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
 */
public record Evidence(
    String credentialKeyId,
    Long credentialSerial,
    String liveness,
    Boolean recordedOffline,
    String prevHash) {

  public static final Evidence NONE = new Evidence(null, null, null, null, null);

  public Evidence {
    if (credentialSerial != null && credentialSerial < 1) {
      throw new ProtocolException("credentialSerial", "must be >= 1, was " + credentialSerial);
    }
    if (prevHash != null && !prevHash.matches("[0-9a-f]{64}")) {
      throw new ProtocolException("prevHash", "must be 64 lower-case hex digits");
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
    return new Evidence(credentialKeyId, credentialSerial, liveness, offline, prevHash);
  }

  public Evidence withPrevHash(String hash) {
    return new Evidence(credentialKeyId, credentialSerial, liveness, recordedOffline, hash);
  }
}
