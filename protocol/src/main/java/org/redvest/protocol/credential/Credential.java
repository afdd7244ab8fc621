package org.redvest.protocol.credential;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;

/**
 * What a signed QR credential says: who, until when, signed with which key, and its serial (the
 * handle for revocation). Times are whole seconds (the encoding's resolution).
 *
 * @param displayName the greeting, or null
 * @param stations the stations where it is accepted; empty means every station
 * @param keyId the issuer key that signs it, 1–16 characters of {@code A-Z a-z 0-9 . _ -}
 * @param serial unique per issuer, 1 to 2^32 - 1
 * @param faceTemplate the holder's quantised face template for a 1:1 check, or null; its
 *     presence sets {@link CredentialFlag#FACE_TEMPLATE}
 */
public record Credential(
    VolunteerId volunteerId,
    String displayName,
    Instant issuedAt,
    Instant expiresAt,
    String keyId,
    long serial,
    List<StationId> stations,
    Set<CredentialFlag> flags,
    FaceTemplate faceTemplate) {

  public static final int MAX_NAME_BYTES = 96;
  public static final int MAX_STATIONS = 8;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,16}");
  private static final long MAX_EPOCH_S = 0xffff_ffffL;

  public Credential {
    if (volunteerId == null) {
      throw new ProtocolException("volunteerId", "is required");
    }
    if (displayName != null && (displayName.isEmpty()
        || displayName.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
        || displayName.chars().anyMatch(Character::isISOControl))) {
      throw new ProtocolException("displayName",
          "must be 1-" + MAX_NAME_BYTES + " UTF-8 bytes of printable characters");
    }
    issuedAt = wholeSeconds(issuedAt, "issuedAt");
    expiresAt = wholeSeconds(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new ProtocolException("expiresAt", "must be after issuedAt " + issuedAt + ", was " + expiresAt);
    }
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new ProtocolException("keyId",
          "must be 1-16 characters of letters, digits, '.', '_' or '-', was \"" + keyId + "\"");
    }
    if (serial < 1 || serial > MAX_EPOCH_S) {
      throw new ProtocolException("serial", "must be between 1 and 4294967295, was " + serial);
    }
    stations = stations == null ? List.of() : List.copyOf(stations);
    if (stations.size() > MAX_STATIONS) {
      throw new ProtocolException("stations", "at most " + MAX_STATIONS + ", was " + stations.size());
    }
    EnumSet<CredentialFlag> copy = EnumSet.noneOf(CredentialFlag.class);
    if (flags != null) {
      copy.addAll(flags);
    }
    if (faceTemplate == null) {
      copy.remove(CredentialFlag.FACE_TEMPLATE);
    } else {
      copy.add(CredentialFlag.FACE_TEMPLATE);
    }
    flags = Collections.unmodifiableSet(copy);
  }

  /** A credential without a face template. */
  public Credential(VolunteerId volunteerId, String displayName, Instant issuedAt, Instant expiresAt,
      String keyId, long serial, List<StationId> stations, Set<CredentialFlag> flags) {
    this(volunteerId, displayName, issuedAt, expiresAt, keyId, serial, stations, flags, null);
  }

  /** A credential for every station, without flags. */
  public static Credential of(VolunteerId volunteerId, String displayName, Instant issuedAt,
      Instant expiresAt, String keyId, long serial) {
    return new Credential(volunteerId, displayName, issuedAt, expiresAt, keyId, serial, List.of(), Set.of());
  }

  public Credential withStations(List<StationId> newStations) {
    return new Credential(volunteerId, displayName, issuedAt, expiresAt, keyId, serial, newStations, flags,
        faceTemplate);
  }

  public Credential withFlags(Set<CredentialFlag> newFlags) {
    return new Credential(volunteerId, displayName, issuedAt, expiresAt, keyId, serial, stations, newFlags,
        faceTemplate);
  }

  public Credential withFaceTemplate(FaceTemplate template) {
    return new Credential(volunteerId, displayName, issuedAt, expiresAt, keyId, serial, stations, flags, template);
  }

  /** Whether this is one time step of a rotating pass, accepted once per terminal per window. */
  public boolean windowed() {
    return flags.contains(CredentialFlag.WINDOWED);
  }

  /** Whether it is accepted at {@code station}. */
  public boolean validAt(StationId station) {
    return stations.isEmpty() || stations.contains(station);
  }

  /** The name to greet with: the display name, or the id when there is none. */
  public String greeting() {
    return displayName == null ? volunteerId.value() : displayName;
  }

  private static Instant wholeSeconds(Instant time, String field) {
    if (time == null) {
      throw new ProtocolException(field, "is required");
    }
    if (time.getEpochSecond() < 0 || time.getEpochSecond() > MAX_EPOCH_S) {
      throw new ProtocolException(field, "must be between 1970 and 2106, was " + time);
    }
    return time.truncatedTo(ChronoUnit.SECONDS);
  }
}
