package org.redvest.terminal.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.redvest.protocol.StationId;
import org.redvest.protocol.VolunteerBadge;
import org.redvest.protocol.credential.Credential;
import org.redvest.protocol.credential.CredentialFlag;
import org.redvest.protocol.credential.RefusalReason;
import org.redvest.protocol.credential.Roster;
import org.redvest.protocol.credential.Verdict;
import org.redvest.protocol.credential.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a scanned code offline: an {@code RVC1:} credential is verified against the newest roster
 * this terminal has (keys, revocations, its station); a plain {@code RV1:} badge is accepted only
 * if the {@link BadgePolicy} allows; a phone pass is accepted once per terminal. Refusals are
 * committed to the {@link RefusalLog} by {@link #record}. Thread-safe.
 */
public final class CodeReader {
  private static final Logger LOG = LoggerFactory.getLogger(CodeReader.class);

  private final StationId station;
  private final BadgePolicy policy;
  private final RefusalLog refusals;
  private final RosterFile rosterFile;
  private final Duration skew;
  private final Map<Long, Instant> usedPhonePasses = new HashMap<>();
  private volatile UsedPasses usedPasses;
  private volatile Roster roster;
  private volatile Verifier verifier;

  /**
   * @param refusals where refused attempts are recorded, or null (a kiosk without a hub link)
   * @param rosterFile where a newer roster is saved and the last one loaded from, or null
   */
  public CodeReader(StationId station, BadgePolicy policy, RefusalLog refusals, RosterFile rosterFile, Duration skew) {
    this.station = station;
    this.policy = policy;
    this.refusals = refusals;
    this.rosterFile = rosterFile;
    this.skew = skew;
    if (rosterFile != null) {
      rosterFile.load().ifPresent(this::accept);
    }
  }

  /** Plain badges only: what a kiosk does before it has a station's roster wiring. */
  public static CodeReader plainBadges() {
    return new CodeReader(null, BadgePolicy.defaults(), null, null, Verifier.DEFAULT_SKEW);
  }

  /**
   * Takes {@code newer} if its version is above the current one (rosters arrive retained after
   * every reconnect), saving it first so a restart without a network verifies the same way.
   *
   * @return whether it was taken
   */
  public synchronized boolean accept(Roster newer) {
    if (station == null || (roster != null && newer.version() <= roster.version())) {
      return false;
    }
    if (rosterFile != null) {
      rosterFile.save(newer);
    }
    verifier = newer.verifier(station, skew);
    roster = newer;
    LOG.info("roster version {}: {} key(s), {} revoked", newer.version(), newer.keys().size(), newer.revoked().size());
    return true;
  }

  /**
   * Remembers accepted phone passes and windowed codes in {@code used} (SQLite) instead of memory,
   * so a restart does not forget them.
   */
  public void rememberPassesIn(UsedPasses used) {
    this.usedPasses = used;
  }

  /** The roster in force, if any. */
  public Optional<Roster> roster() {
    return Optional.ofNullable(roster);
  }

  public CodeOutcome read(String text, Instant at) {
    if (Verifier.looksLikeCredential(text)) {
      return credential(text, at);
    }
    Optional<VolunteerBadge> badge = VolunteerBadge.parse(text);
    if (badge.isEmpty()) {
      return new CodeOutcome.NotACode();
    }
    if (!policy.plainBadges()) {
      return new CodeOutcome.Refused(RefusalReason.PLAIN_BADGE_NOT_ACCEPTED,
          "plain badge of " + badge.get().volunteerId() + " at a signed-credentials-only station", null, null,
          hash(text));
    }
    return new CodeOutcome.Accepted(badge.get().volunteerId(), badge.get().greeting(), null);
  }

  /** The refusal of a verified card whose holder's face did not match its template. */
  public static CodeOutcome.Refused faceMismatch(Credential card, String text, String detail) {
    return new CodeOutcome.Refused(RefusalReason.FACE_MISMATCH, detail, card, card.keyId(), hash(text));
  }

  /** Commits a refused attempt (before the screen shows it); nothing when there is no log. */
  public void record(CodeOutcome.Refused refused, OffsetDateTime at) {
    if (refusals != null) {
      refusals.append(refused, at);
    }
  }

  private CodeOutcome credential(String text, Instant at) {
    Verifier current = verifier;
    if (current == null) {
      return new CodeOutcome.Refused(RefusalReason.UNKNOWN_KEY, "no roster received yet", null, null, hash(text));
    }
    Verdict verdict = current.verify(text, at);
    if (verdict instanceof Verdict.Refused r) {
      return new CodeOutcome.Refused(r.reason(), r.detail(), r.credential(),
          r.credential() == null ? null : r.credential().keyId(), hash(text));
    }
    Credential c = ((Verdict.Valid) verdict).credential();
    boolean oncePerTerminal = c.flags().contains(CredentialFlag.PHONE_PASS) || c.windowed();
    if (oncePerTerminal && !firstUse(c, at)) {
      return new CodeOutcome.Refused(RefusalReason.REPLAYED, (c.windowed() ? "windowed code " : "phone pass ")
          + c.serial() + " (window from " + c.issuedAt() + ") already used here", c, c.keyId(), hash(text));
    }
    return new CodeOutcome.Accepted(c.volunteerId(), c.greeting(), c);
  }

  private synchronized boolean firstUse(Credential c, Instant at) {
    UsedPasses used = usedPasses;
    if (used != null) {
      return used.firstUse(c, at);
    }
    usedPhonePasses.values().removeIf(expiry -> !expiry.isAfter(at));
    return usedPhonePasses.putIfAbsent(c.serial(), c.expiresAt()) == null;
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
