package org.redvest.hub.domain.credentials;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.CredentialFlag;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.FaceTemplate;
import org.redvest.protocol.credential.Issuer;
import org.redvest.protocol.credential.Roster;

/**
 * The hub's credential authority: issuer keys (one current signing key; retired keys stay in the
 * roster until the last credential they signed expires), issuing, revoking, and the roster that
 * terminals verify against. Thread-safe; roster listeners run after each change.
 */
public final class Credentials implements AutoCloseable {
  /** Longest a credential may be valid; also how long a retired key keeps verifying at most. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(400);
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  private final CredentialStore store;
  private final IssuerKeyFiles keyFiles;
  private final Clock clock;
  private final List<Consumer<Roster>> listeners = new CopyOnWriteArrayList<>();

  private Credentials(CredentialStore store, IssuerKeyFiles keyFiles, Clock clock) {
    this.store = store;
    this.keyFiles = keyFiles;
    this.clock = clock;
  }

  /** Opens {@code credentials.db} in {@code dataDir} and creates the first issuer key if there is none. */
  public static Credentials open(Path dataDir, Clock clock) {
    Credentials credentials = new Credentials(CredentialStore.open(dataDir), new IssuerKeyFiles(dataDir), clock);
    try {
      if (credentials.currentKey().isEmpty()) {
        credentials.rotate();
      }
      return credentials;
    } catch (RuntimeException e) {
      credentials.close();
      throw e;
    }
  }

  /** Runs {@code listener} with the new roster after every change (key rotation, revocation). */
  public void onRosterChange(Consumer<Roster> listener) {
    listeners.add(listener);
  }

  /**
   * Issues a credential for {@code volunteer}.
   *
   * @param stations where it is accepted; empty for everywhere
   */
  public IssuedCredential issue(VolunteerId volunteer, String displayName, Duration validity,
      List<StationId> stations, Set<CredentialFlag> flags) {
    return issue(volunteer, displayName, validity, stations, flags, null, null);
  }

  /**
   * Issues a credential that carries {@code template} for the kiosk's 1:1 face check, under the
   * volunteer's {@code consentId}. The template goes into the signed code only: the hub stores the
   * serial's consent id, never the template.
   */
  public IssuedCredential issue(VolunteerId volunteer, String displayName, Duration validity,
      List<StationId> stations, Set<CredentialFlag> flags, FaceTemplate template, String consentId) {
    if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException("validity: must be between 1 s and " + MAX_VALIDITY.toDays() + " days");
    }
    if (template != null && (consentId == null || consentId.isBlank())) {
      throw new IllegalArgumentException("consentId: required with a face template");
    }
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    IssuedCredential issued = sign(new Credential(volunteer, displayName, issuedAt, issuedAt.plus(validity), "k", 1,
        stations, flags, template));
    if (template != null) {
      store.recordConsent(issued.credential().serial(), consentId.strip());
    }
    return issued;
  }

  /**
   * Signs one time step of a rotating web pass: valid from {@code windowStart} until
   * {@code expiresAt} (the window's end plus a small skew), flag {@link CredentialFlag#WINDOWED}.
   */
  public IssuedCredential issueWindow(VolunteerId volunteer, String displayName, Instant windowStart,
      Instant expiresAt) {
    return sign(new Credential(volunteer, displayName, windowStart, expiresAt, "k", 1, List.of(),
        Set.of(CredentialFlag.WINDOWED)));
  }

  /** Reserves a serial, then signs {@code draft} (key id and serial replaced) with the current key. */
  private IssuedCredential sign(Credential draft) {
    String keyId;
    long serial;
    Instant issuedAt;
    synchronized (this) {
      CredentialStore.KeyRow key = currentKey().orElseThrow();
      keyId = key.keyId();
      // Terminals refuse a credential issued before its key's notBefore (UNKNOWN_KEY): a windowed
      // code whose window began before the key was made is dated from the key instead (still in
      // the same window, so it is still accepted once per window).
      issuedAt = draft.issuedAt().isBefore(key.notBefore()) ? key.notBefore() : draft.issuedAt();
      serial = store.insertCredential(new CredentialStore.CredentialRow(0, draft.volunteerId().value(),
          draft.displayName(), keyId, issuedAt, draft.expiresAt(),
          draft.stations().stream().map(StationId::value).collect(Collectors.joining(",")),
          draft.flags().stream().map(Enum::name).collect(Collectors.joining(",")), null, null));
    }
    Credential credential = new Credential(draft.volunteerId(), draft.displayName(), issuedAt,
        draft.expiresAt(), keyId, serial, draft.stations(), draft.flags(), draft.faceTemplate());
    return new IssuedCredential(credential, Issuer.of(keyId, keyFiles.read(keyId)).issue(credential));
  }

  /** The consent id a face-template credential was issued under, if it carries one. */
  public Optional<String> faceConsent(long serial) {
    return store.consent(serial);
  }

  /** Revokes {@code serial}; false when there is no such credential or it was already revoked. */
  public boolean revoke(long serial, String reason) {
    if (store.credential(serial).isEmpty()) {
      return false;
    }
    boolean changed = store.revoke(serial, clock.instant(), reason == null ? "" : reason);
    if (changed) {
      publish();
    }
    return changed;
  }

  /**
   * Makes a new signing key. The previous key stops signing now and stays in the roster until the
   * last credential it signed expires (at most {@link #MAX_VALIDITY} from now), so both verify
   * during the overlap.
   *
   * @return the new key id
   */
  public synchronized String rotate() {
    Instant now = clock.instant();
    // Short, because the key id travels in every QR code: "k" and the creation second in base 36.
    String keyId = "k" + Long.toString(now.getEpochSecond(), 36);
    if (store.keys().stream().anyMatch(k -> k.keyId().equals(keyId))) {
      throw new IllegalStateException("a key was already made this second; rotate again later");
    }
    KeyPair pair = Ed25519.generate();
    keyFiles.create(keyId, pair);
    Optional<CredentialStore.KeyRow> retired = currentKey().map(old -> new CredentialStore.KeyRow(old.keyId(),
        old.publicKey(), old.notBefore(), now, store.lastExpiry(old.keyId()).filter(now::isBefore).orElse(now.plusSeconds(1))));
    store.addKey(new CredentialStore.KeyRow(keyId, Ed25519.raw(pair.getPublic()), now.truncatedTo(ChronoUnit.SECONDS),
        null, null), retired);
    publish();
    return keyId;
  }

  /** What terminals verify against now: keys still verifying, revoked serials not yet expired. */
  public Roster roster() {
    Instant now = clock.instant();
    List<Roster.Key> keys = new ArrayList<>();
    for (CredentialStore.KeyRow k : store.keys()) {
      if (k.notAfter() == null || k.notAfter().isAfter(now)) {
        keys.add(new Roster.Key(k.keyId(), k.publicKey(), k.notBefore(), k.notAfter()));
      }
    }
    return new Roster(Math.max(1, store.rosterVersion()), now, keys, store.revokedUnexpired(now));
  }

  /** Refused attempts reported by terminals, newest first. */
  public List<CredentialStore.RefusalRow> refusals(int limit) {
    return store.refusals(limit);
  }

  /** Whether a credential with this serial was ever issued here. */
  public boolean issued(long serial) {
    return store.credential(serial).isPresent();
  }

  CredentialStore store() {
    return store;
  }

  public String currentKeyId() {
    return currentKey().orElseThrow().keyId();
  }

  private Optional<CredentialStore.KeyRow> currentKey() {
    return store.keys().stream().filter(k -> k.retiredAt() == null).reduce((a, b) -> b);
  }

  private void publish() {
    Roster roster = roster();
    listeners.forEach(l -> l.accept(roster));
  }

  @Override
  public void close() {
    store.close();
  }
}
