package org.redvest.hub.domain.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.redvest.hub.store.Database;
import org.redvest.hub.transport.broker.BrokerGate;
import org.redvest.hub.transport.ingest.Signatures;
import org.redvest.hub.transport.link.BrokerLogin;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Topics;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.RotationNotice;
import org.redvest.protocol.fleet.RotationRequest;
import org.redvest.protocol.fleet.SignedPayload;
import org.redvest.protocol.fleet.TerminalAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's register of provisioned terminals and the judge of every broker login, publish and
 * subscription (docs/security.md). Terminals are held in memory (a few per station, so a
 * province's fleet is a few megabytes), so a login costs one SHA-256 and a map look-up, never a
 * database read; refusals are counted in memory and written every few seconds.
 *
 * <p>The hub's own connections log in as {@link TerminalAccount#HUB_USERNAME} with a password
 * made afresh at every start and never written anywhere.
 */
public final class Fleet implements BrokerGate, Signatures, AutoCloseable {
  public static final Duration DEFAULT_CLAIM_TTL = Duration.ofHours(24);
  public static final Duration MAX_CLAIM_TTL = Duration.ofDays(7);
  /** How far a rotation's signing time may be from the hub's clock. */
  public static final Duration ROTATION_WINDOW = Duration.ofMinutes(10);
  /** Client ids of the hub's own connections start with this. */
  public static final String HUB_CLIENT_PREFIX = "redvest-hub";
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final char[] CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int CODE_CHARS = 12;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration FLUSH_EVERY = Duration.ofSeconds(5);
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);
  /**
   * Messages with bad signatures from one terminal within {@link #FLOOD_WINDOW} after which its
   * connections are dropped and its login refused for {@link #SUSPENSION}: each costs a signature
   * check (about 0.1 ms), and an honest kiosk sends none.
   */
  static final int FLOOD_LIMIT = 100;
  /**
   * How long after a terminal's key was replaced (rotation, or a claim with a new key) events it
   * signed are still accepted: the outbox's events in flight. Later, only the bound key counts.
   */
  public static final Duration RETIRED_KEY_GRACE = Duration.ofDays(7);
  static final Duration FLOOD_WINDOW = Duration.ofMinutes(1);
  /**
   * Failed logins from one address within {@link #FLOOD_WINDOW} after which its further refusals
   * are answered only after {@link #THROTTLE_DELAY}: a tarpit, not a lock-out, so kiosks behind
   * the same address that log in rightly are let in at once.
   */
  public static final int LOGIN_FAILURE_LIMIT = 20;
  static final Duration THROTTLE_DELAY = Duration.ofSeconds(2);
  static final Duration SUSPENSION = Duration.ofMinutes(5);

  private final FleetRows rows;
  private final Topics topics;
  private final BrokerAcl acl;
  private final Clock clock;
  private final HubSigner signer;
  private final String hubPassword;
  private final byte[] hubSecret;
  /** Every provisioned terminal by username, revoked ones included (to say why a login fails). */
  private final Map<String, Entry> terminals = new ConcurrentHashMap<>();
  private final Map<String, FleetRefusal> pendingRefusals = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();
  private final List<Consumer<TerminalAccount>> revokeListeners = new CopyOnWriteArrayList<>();
  /** Bad signatures per username in the current window: its start and the count. */
  private final Map<String, FloodWindow> badSignatures = new ConcurrentHashMap<>();
  private final Map<String, Instant> suspendedUntil = new ConcurrentHashMap<>();
  private final Map<String, LastLogin> lastLogins = new ConcurrentHashMap<>();
  private final Map<String, FloodWindow> loginFailures = new ConcurrentHashMap<>();
  /** Rotations an admin asked for that the terminal has not done yet (since this start). */
  private final Map<String, RotationNotice> rotationRequests = new ConcurrentHashMap<>();
  private final List<Consumer<RotationNotice>> rotationListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<TerminalAccount>> rotatedListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService flusher;
  private boolean closed;
  private volatile FleetTransport transport = FleetTransport.UNKNOWN;

  /**
   * A terminal, the hash of its broker secret, the same secret as Mosquitto hashes it (null for
   * terminals provisioned before schema version 13), and every key ever bound to it (current last).
   */
  /**
   * @param keys every key bound to the terminal, in binding order
   * @param retired when each key other than the bound one was replaced
   */
  private record Entry(FleetTerminal terminal, byte[] secret, String mosquittoHash,
      List<PublicKey> keys, Map<PublicKey, Instant> retired) {
    Entry with(FleetTerminal changed) {
      return new Entry(changed, secret, mosquittoHash, keys, retired);
    }

    /** {@link #retired} after {@code key} was bound at {@code at}, retiring every other key. */
    Map<PublicKey, Instant> retiredBy(PublicKey key, Instant at) {
      Map<PublicKey, Instant> out = new java.util.HashMap<>(retired);
      keys.forEach(k -> out.putIfAbsent(k, at));
      out.remove(key);
      return Map.copyOf(out);
    }
  }

  /**
   * A terminal that may log in, as Mosquitto's password file has it; hash null when unknown;
   * {@code holding} when it is revoked with a hold (only its events, status, heartbeat and acks).
   */
  record MosquittoUser(TerminalAccount account, String hash, boolean holding) {}

  private Fleet(FleetRows rows, Topics topics, Clock clock, HubSigner signer) {
    this.rows = rows;
    this.signer = signer;
    this.topics = topics;
    this.acl = new BrokerAcl(topics);
    this.clock = clock;
    this.hubPassword = randomSecret();
    this.hubSecret = sha256(hubPassword.getBytes(StandardCharsets.UTF_8));
    Map<String, List<FleetRows.KeyRow>> keys = rows.keys();
    for (FleetRows.Stored s : rows.terminals()) {
      String username = s.terminal().account().username();
      List<FleetRows.KeyRow> bound = keys.getOrDefault(username,
          List.of(new FleetRows.KeyRow(s.terminal().publicKey(), null)));
      Map<PublicKey, Instant> retired = new java.util.HashMap<>();
      bound.stream().filter(k -> k.retiredAt() != null)
          .forEach(k -> retired.put(publicKey(k.publicKey()), k.retiredAt()));
      terminals.put(username, new Entry(s.terminal(), HexFormat.of().parseHex(s.secretSha256()),
          s.mosquittoHash(), bound.stream().map(k -> publicKey(k.publicKey())).toList(),
          Map.copyOf(retired)));
    }
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fleet-refusals");
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY.toMillis(),
        FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Loads the fleet from {@code database}; {@link #close()} stops its refusal writer. */
  public static Fleet open(Database database, Topics topics, Clock clock, HubSigner signer) {
    return new Fleet(new FleetRows(database), topics, clock, signer);
  }

  /** The login of the hub's own broker connections (valid until this hub stops). */
  public BrokerLogin hubLogin() {
    return new BrokerLogin(TerminalAccount.HUB_USERNAME, hubPassword);
  }

  /**
   * How terminals reach the hub: those provisioned from now on pin its TLS key and learn its
   * MQTT-over-TLS port; the fleet page shows it.
   */
  public void serving(FleetTransport listeners) {
    this.transport = java.util.Objects.requireNonNull(listeners, "listeners");
  }

  public FleetTransport transport() {
    return transport;
  }

  /** The fingerprint of the hub's signing key, which a kiosk shows before it joins with a join code. */
  public String signingKeyFingerprint() {
    return signer.fingerprint();
  }

  /**
   * Checks {@code hub} is a web address a join code can carry (http or https, a host, ASCII), so
   * that a claim is not issued for nothing.
   *
   * @throws FleetException 400 naming what is wrong
   */
  public static void checkJoinHub(java.net.URI hub) {
    if (!org.redvest.protocol.fleet.ProvisioningBundle.isHubAddress(hub)) {
      throw new FleetException(400, "hub: the hub's web address as kiosks reach it, like"
          + " https://hub.example.org:8443, was " + hub);
    }
    if (!hub.toString().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new FleetException(400, "hub: give the address in ASCII (punycode), was " + hub);
    }
  }

  /**
   * {@code claim} as a join code for a kiosk's own camera (docs/protocol.md §15, "Join codes"):
   * the offline bundle for the hub at {@code hub}, signed with the hub's key, carrying the pin of
   * the TLS key it serves when {@code hub} is https. As secret as the code itself.
   *
   * @throws FleetException 400 when {@code hub} is no web address a bundle can carry
   */
  public String joinCode(ClaimCode claim, java.net.URI hub) {
    checkJoinHub(hub);
    FleetTransport served = transport;
    String pin = "https".equals(hub.getScheme()) && served.pin() != null ? served.pin().toString() : null;
    try {
      return org.redvest.protocol.fleet.ProvisioningBundle.joinCode(signer.sign(
          new org.redvest.protocol.fleet.ProvisioningBundle(claim.account(), claim.code(), hub, pin,
              signer.publicKey(), claim.expiresAt())));
    } catch (org.redvest.protocol.ProtocolException | IllegalArgumentException e) {
      throw new FleetException(400, "hub: " + e.getMessage());
    }
  }

  public BrokerAcl acl() {
    return acl;
  }

  /**
   * Called when a terminal's broker connections must go: it was revoked, claimed or re-keyed
   * (the old key's connections), or suspended for a flood of bad signatures.
   */
  public void onRevoked(Consumer<TerminalAccount> listener) {
    revokeListeners.add(listener);
  }

  /** Called when an admin asks a terminal to rotate its key, to publish the signed notice. */
  public void onRotationRequested(Consumer<RotationNotice> listener) {
    rotationListeners.add(listener);
  }

  /** Called after a terminal rotated its key, e.g. to clear the notice that asked for it. */
  public void onRotated(Consumer<TerminalAccount> listener) {
    rotatedListeners.add(listener);
  }

  /**
   * Asks a terminal to replace its key (docs/security.md, "Rotation"): a notice signed by the
   * hub's key is published, retained, on the terminal's {@code rotate} topic; the kiosk rotates
   * through {@code POST /api/fleet/rotate} once it reads it, online now or when it next connects.
   *
   * @throws FleetException 404 when it is not provisioned, 409 when it is revoked or the hub
   *     serves no HTTPS for the kiosk to rotate through
   */
  public synchronized RotationNotice requestRotation(TerminalAccount account, String by) {
    Entry entry = terminals.get(account.username());
    if (entry == null) {
      throw new FleetException(404, "terminal " + account.username() + " is not provisioned");
    }
    if (entry.terminal().revoked()) {
      throw new FleetException(409, "terminal " + account.username() + " is revoked: a revoked"
          + " key is not rotated, the kiosk is claimed again");
    }
    int https = transport.httpsPort();
    if (https <= 0 || rotationListeners.isEmpty()) {
      throw new FleetException(409, "this hub serves no HTTPS (--https-port off): a kiosk"
          + " rotates its key over HTTPS; run redvest-terminal rotate-key on it instead");
    }
    RotationNotice notice = new RotationNotice(account, clock.instant(), by, https);
    rotationRequests.put(account.username(), notice);
    rotationListeners.forEach(l -> l.accept(notice));
    LOG.info("{} asked terminal {} to rotate its key", by, account.username());
    return notice;
  }

  /** A rotation asked of {@code account} is done or moot: its retained request is cleared. */
  private void rotationSettled(TerminalAccount account) {
    rotatedListeners.forEach(l -> l.accept(account));
  }

  /** The rotation an admin asked of {@code account} and it has not done yet, if any. */
  public Optional<RotationNotice> rotationRequested(TerminalAccount account) {
    return Optional.ofNullable(rotationRequests.get(account.username()));
  }

  /**
   * Called after any terminal is provisioned or revoked, on the thread that did it, e.g. to
   * rewrite an external broker's password and ACL files.
   */
  public void onChanged(Runnable listener) {
    changeListeners.add(listener);
  }

  // --- provisioning ---

  /**
   * A new single-use claim code for {@code account}, valid for {@code ttl} (at most 7 days). The
   * code is returned once; the hub keeps only its hash.
   */
  public ClaimCode createClaim(TerminalAccount account, String createdBy, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_CLAIM_TTL) > 0) {
      throw new FleetException(400, "ttl: must be more than 0 and at most 7 days, was " + ttl);
    }
    String code = newCode();
    Instant now = clock.instant();
    ClaimCode claim = new ClaimCode(code, account, now.plus(ttl));
    rows.insertClaim(codeHash(code), claim, createdBy, now);
    LOG.info("claim code for {} created by {}, valid until {}", account.username(), createdBy,
        claim.expiresAt());
    return claim;
  }

  /**
   * Binds the request's key to its terminal if the claim code is valid, unused, unexpired and for
   * that terminal, and the proof shows the key's holder made the request. Any key bound to the
   * terminal before is retired with it. Returns the terminal's broker login.
   *
   * @throws FleetException 403 with the reason otherwise (counted as a refusal)
   */
  public synchronized Provisioning provision(ProvisionRequest request) {
    TerminalAccount account = request.account();
    if (!request.proofHolds()) {
      throw refuseClaim(account, "the proof is not a signature of the request by its key");
    }
    String codeHash = codeHash(request.claimCode());
    String fingerprint = KeyFingerprint.of(request.publicKey());
    String password = randomSecret();
    byte[] secret = sha256(password.getBytes(StandardCharsets.UTF_8));
    String mosquittoHash = MosquittoHash.of(password);
    Instant now = clock.instant();
    ClaimOutcome outcome = rows.withClaim(codeHash, (c, claim) -> {
      if (claim.isEmpty()) {
        return ClaimOutcome.refused("unknown claim code");
      }
      if (claim.get().usedAt() != null) {
        return ClaimOutcome.refused("claim code already used at " + claim.get().usedAt());
      }
      if (!now.isBefore(claim.get().expiresAt())) {
        return ClaimOutcome.refused("claim code expired at " + claim.get().expiresAt());
      }
      if (!claim.get().account().equals(account)) {
        return ClaimOutcome.refused("claim code is for " + claim.get().account().username()
            + ", not " + account.username());
      }
      FleetTerminal bound = terminal(account, request, fingerprint, now, claim.get().createdBy());
      FleetRows.useClaim(c, codeHash, fingerprint, now);
      FleetRows.bind(c, bound, HexFormat.of().formatHex(secret), mosquittoHash);
      return new ClaimOutcome(bound, null);
    });
    if (outcome.refusal() != null) {
      throw refuseClaim(account, outcome.refusal());
    }
    FleetTerminal bound = outcome.bound();
    Entry known = terminals.get(account.username());
    List<PublicKey> keys = new ArrayList<>(known == null ? List.of() : known.keys());
    PublicKey key = Ed25519.publicKey(request.publicKey());
    Map<PublicKey, Instant> retired = known == null ? Map.of() : known.retiredBy(key, bound.provisionedAt());
    keys.remove(key);
    keys.add(key);
    Entry previous = terminals.put(account.username(),
        new Entry(bound, secret, mosquittoHash, List.copyOf(keys), retired));
    if (previous != null) {
      // A kiosk replaced or re-keyed: the old key's connections must not stay in, and a rotation
      // asked of the old key is moot.
      revokeListeners.forEach(l -> l.accept(account));
      if (rotationRequests.remove(account.username()) != null) {
        rotationSettled(account);
      }
    }
    changeListeners.forEach(Runnable::run);
    LOG.info("terminal {} provisioned with key {}", account.username(), fingerprint);
    return login(account, password, fingerprint, now);
  }

  /**
   * Replaces a joined terminal's key with the one it made (docs/protocol.md §15): the request is
   * authenticated by the bound key's signature and shows the new key's holder made it. The
   * terminal gets a new broker password with it, and its connections made with the old one are
   * dropped. Every key bound before stays on record, so events its outbox signed with the old key
   * still verify when they arrive. A repeat of the same request (the terminal did not get the
   * answer) binds nothing new and returns a fresh login. A request signed more than {@link
   * #ROTATION_WINDOW} off the hub's clock is refused, so a copy cannot be replayed later.
   * Provisioning, rotation, revocation and the end of a hold of the fleet run one at a time, so a
   * rotation can never undo a revocation that raced it.
   *
   * @throws FleetException 403 with the reason (counted as a refusal), 404 when not provisioned
   */
  public synchronized Provisioning rotate(RotationRequest request) {
    TerminalAccount account = request.account();
    Entry entry = terminals.get(account.username());
    if (entry == null) {
      refuse(FleetRefusal.Kind.CLAIM, account.username(), "key rotation of a terminal that is not provisioned");
      throw new FleetException(404, "terminal " + account.username() + " is not provisioned");
    }
    if (entry.terminal().revoked()) {
      throw refuseClaim(account, "terminal revoked at " + entry.terminal().revokedAt());
    }
    if (!request.proofsHold()) {
      throw refuseClaim(account, "the proofs are not signatures of the rotation by both keys");
    }
    Instant now = clock.instant();
    if (request.issuedAt().isBefore(now.minus(ROTATION_WINDOW))
        || request.issuedAt().isAfter(now.plus(ROTATION_WINDOW))) {
      throw refuseClaim(account, "the rotation was signed at " + request.issuedAt()
          + ", more than " + ROTATION_WINDOW.toMinutes() + " minutes from the hub's clock (" + now
          + "): sign it again now");
    }
    PublicKey previous = Ed25519.publicKey(request.previousKey());
    PublicKey next = Ed25519.publicKey(request.publicKey());
    List<PublicKey> keys = entry.keys();
    // The bound key, as the terminal's row names it (not the history's order, which is by time).
    PublicKey current = publicKey(entry.terminal().publicKey());
    boolean repeat = current.equals(next) && keys.contains(previous);
    if (!repeat && !current.equals(previous)) {
      throw refuseClaim(account, "previousKey " + KeyFingerprint.of(request.previousKey())
          + " is not the key bound to " + account.username() + " ("
          + entry.terminal().fingerprint() + ")");
    }
    if (!repeat && keys.contains(next)) {
      throw refuseClaim(account, "the new key was bound to " + account.username()
          + " before: a retired key is never bound again");
    }
    String password = randomSecret();
    byte[] secret = sha256(password.getBytes(StandardCharsets.UTF_8));
    String fingerprint = KeyFingerprint.of(request.publicKey());
    FleetTerminal t = entry.terminal();
    FleetTerminal bound = new FleetTerminal(account,
        Base64.getUrlEncoder().withoutPadding().encodeToString(request.publicKey()), fingerprint,
        repeat ? t.provisionedAt() : now, repeat ? t.provisionedBy() : t.provisionedBy(), null, null);
    String mosquittoHash = MosquittoHash.of(password);
    rows.rebind(bound, HexFormat.of().formatHex(secret), mosquittoHash);
    List<PublicKey> all = new ArrayList<>(keys);
    if (!repeat) {
      all.add(next);
    }
    terminals.put(account.username(), new Entry(bound, secret, mosquittoHash, List.copyOf(all),
        repeat ? entry.retired() : entry.retiredBy(next, now)));
    rotationRequests.remove(account.username());
    rotationSettled(account);
    revokeListeners.forEach(l -> l.accept(account));
    changeListeners.forEach(Runnable::run);
    LOG.info("terminal {} rotated its key {} -> {}", account.username(),
        KeyFingerprint.of(request.previousKey()), fingerprint);
    return login(account, password, fingerprint, now);
  }

  /** The answer to a claim or rotation: the login, with the hub's keys and TLS listener. */
  private Provisioning login(TerminalAccount account, String password, String fingerprint,
      Instant at) {
    FleetTransport served = transport;
    return new Provisioning(account, password, fingerprint, topics.prefix(), at,
        signer.publicKey(), served.pin() == null ? null : served.pin().toString(),
        served.mqttTlsPort());
  }

  /** How many keys have been bound to the terminal, the current one included. */
  public int keyCount(TerminalAccount account) {
    Entry entry = terminals.get(account.username());
    return entry == null ? 0 : entry.keys().size();
  }

  /**
   * Revokes the terminal: its broker login stops working at once and its connections are dropped.
   *
   * @throws FleetException 404 when it is not provisioned, 409 when already revoked
   */
  public FleetTerminal revoke(TerminalAccount account, String by) {
    return revoke(account, by, false);
  }

  /**
   * Revokes the terminal and drops its connections. With {@code hold} (salvaging a stolen kiosk's
   * last honest hours, docs/security.md) it may log in again and deliver its own events, and
   * nothing else; every event received from now on is held for an admin's review, never counted.
   * The time of receipt decides, never the event's claimed time, which a thief can back-date.
   *
   * @throws FleetException 404 when it is not provisioned, 409 when already revoked
   */
  public synchronized FleetTerminal revoke(TerminalAccount account, String by, boolean hold) {
    Entry entry = terminals.get(account.username());
    if (entry == null) {
      throw new FleetException(404, "terminal " + account.username() + " is not provisioned");
    }
    Instant now = clock.instant();
    if (!rows.revoke(account, by, now, hold)) {
      throw new FleetException(409, "terminal " + account.username() + " is already revoked");
    }
    FleetTerminal revoked = entry.terminal().revokedAt(now, by, hold);
    terminals.put(account.username(), entry.with(revoked));
    if (rotationRequests.remove(account.username()) != null) {
      rotationSettled(account);
    }
    revokeListeners.forEach(l -> l.accept(account));
    changeListeners.forEach(Runnable::run);
    LOG.warn("terminal {} revoked by {}{}", account.username(), by,
        hold ? "; its events received from now on are held for review" : "");
    return revoked;
  }

  /**
   * Ends the hold of a terminal revoked with one: from now on it is refused like any revoked
   * terminal (its connections are dropped). Events already held stay for the admin to decide.
   *
   * @throws FleetException 404 when it is not provisioned, 409 when it is not holding
   */
  public synchronized FleetTerminal endHold(TerminalAccount account, String by) {
    Entry entry = terminals.get(account.username());
    if (entry == null) {
      throw new FleetException(404, "terminal " + account.username() + " is not provisioned");
    }
    Instant now = clock.instant();
    if (!entry.terminal().holding() || !rows.endHold(account, by, now)) {
      throw new FleetException(409, "terminal " + account.username() + " is not held for review");
    }
    FleetTerminal ended = entry.terminal().holdEnded(now, by);
    terminals.put(account.username(), entry.with(ended));
    revokeListeners.forEach(l -> l.accept(account));
    changeListeners.forEach(Runnable::run);
    LOG.warn("hold of revoked terminal {} ended by {}: refused from now on", account.username(), by);
    return ended;
  }

  public List<FleetTerminal> terminals() {
    return terminals.values().stream().map(Entry::terminal)
        .sorted((a, b) -> a.account().username().compareTo(b.account().username())).toList();
  }

  public Optional<FleetTerminal> terminal(TerminalAccount account) {
    return Optional.ofNullable(terminals.get(account.username())).map(Entry::terminal);
  }

  /**
   * The terminals that may log in (active, or revoked with a hold), sorted by username, with their
   * Mosquitto hashes.
   */
  List<MosquittoUser> mosquittoUsers() {
    return terminals.values().stream()
        .filter(e -> !e.terminal().revoked() || e.terminal().holding())
        .filter(e -> suspendedUntil(e.terminal().account()).isEmpty())
        .map(e -> new MosquittoUser(e.terminal().account(), e.mosquittoHash(), e.terminal().holding()))
        .sorted((a, b) -> a.account().username().compareTo(b.account().username())).toList();
  }

  /** Refusals counted so far, most recent first. */
  public List<FleetRefusal> refusals() {
    flush();
    return rows.refusals();
  }

  // --- signatures ---

  @Override
  public byte[] open(StationId station, TerminalId terminal, byte[] payload) {
    return verify(station, terminal, payload, false);
  }

  @Override
  public Optional<Revocation> revocation(StationId station, TerminalId terminal) {
    Entry entry = terminals.get(station + "/" + terminal);
    return entry == null || !entry.terminal().revoked() ? Optional.empty()
        : Optional.of(new Revocation(entry.terminal().revokedAt(), entry.terminal().holding()));
  }

  @Override
  public byte[] openRevoked(StationId station, TerminalId terminal, byte[] payload) {
    return verify(station, terminal, payload, true);
  }

  private byte[] verify(StationId station, TerminalId terminal, byte[] payload,
      boolean evenIfRevoked) {
    String username = station + "/" + terminal;
    Entry entry = terminals.get(username);
    boolean checked = false;
    try {
      if (entry == null) {
        throw new ProtocolException("sig", "terminal " + username
            + " has not joined the fleet: no key to check its signature");
      }
      if (entry.terminal().revoked() && !evenIfRevoked) {
        throw new ProtocolException("sig", "terminal " + username + " was revoked at "
            + entry.terminal().revokedAt() + "; its messages are refused since");
      }
      SignedPayload.Parts parts = SignedPayload.split(payload).orElseThrow(() ->
          new ProtocolException("sig", "is required: the message is not signed"));
      // The current key first; then keys bound before (events an outbox signed before a re-claim
      // or rotation), for a grace period after they were replaced.
      Instant now = clock.instant();
      List<PublicKey> expired = new ArrayList<>();
      checked = true;
      for (int i = entry.keys().size() - 1; i >= 0; i--) {
        PublicKey key = entry.keys().get(i);
        Instant retired = entry.retired().get(key);
        if (!evenIfRevoked && retired != null && !now.isBefore(retired.plus(RETIRED_KEY_GRACE))) {
          expired.add(key);
        } else if (Ed25519.verify(key, parts.body(), parts.signature())) {
          return parts.body();
        }
      }
      // Only to say why: a signature of the terminal's own key, replaced too long ago.
      for (PublicKey key : expired) {
        if (Ed25519.verify(key, parts.body(), parts.signature())) {
          checked = false; // the terminal's own signature, only too old: no flood
          throw new ProtocolException("sig", "signed by key "
              + KeyFingerprint.of(Ed25519.raw(key)) + " of " + username + ", retired at "
              + entry.retired().get(key) + ": a replaced key is accepted for "
              + RETIRED_KEY_GRACE.toDays() + " days after, for the events its outbox signed before");
        }
      }
      throw new ProtocolException("sig", "does not verify with the key bound to " + username
          + " (" + entry.terminal().fingerprint() + ")");
    } catch (ProtocolException e) {
      refuse(FleetRefusal.Kind.SIGNATURE, username, e.getMessage());
      if (checked) {
        // Only what cost a signature check counts towards a flood; an unsigned message costs nothing.
        countBadSignature(entry.terminal().account());
      }
      throw e;
    }
  }

  private record FloodWindow(Instant start, int count) {
    /** Counts one more for {@code key} in {@code windows}: a new window once the last has passed. */
    static FloodWindow count(Map<String, FloodWindow> windows, String key, Instant now) {
      return windows.compute(key, (k, w) ->
          w == null || !now.isBefore(w.start().plus(FLOOD_WINDOW)) ? new FloodWindow(now, 1)
              : new FloodWindow(w.start(), w.count() + 1));
    }
  }

  /**
   * A terminal whose signed messages fail their signature check {@link #FLOOD_LIMIT} times within
   * {@link #FLOOD_WINDOW} is cut off: its connections dropped, its login refused for {@link
   * #SUSPENSION} (its outbox keeps its events). Only its own login may publish on its topics, so
   * whoever floods holds that login; nobody else can get a terminal suspended.
   */
  private void countBadSignature(TerminalAccount account) {
    Instant now = clock.instant();
    FloodWindow window = FloodWindow.count(badSignatures, account.username(), now);
    if (window.count() != FLOOD_LIMIT) {
      return;
    }
    Instant until = now.plus(SUSPENSION);
    suspendedUntil.put(account.username(), until);
    if (badSignatures.size() > 10_000) {
      badSignatures.clear();
    }
    LOG.warn("terminal {} suspended until {}: {} messages with bad signatures since {}",
        account.username(), until, FLOOD_LIMIT, window.start());
    revokeListeners.forEach(l -> l.accept(account));
    // An external broker's files leave it out while suspended; rewritten off the ingest threads.
    try {
      flusher.execute(() -> changeListeners.forEach(Runnable::run));
      flusher.schedule(() -> changeListeners.forEach(Runnable::run),
          SUSPENSION.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("fleet closing: external broker files not rewritten for the suspension");
    }
  }

  /** Until when {@code account}'s login is refused for a flood of bad signatures, if it is now. */
  public Optional<Instant> suspendedUntil(TerminalAccount account) {
    Instant until = suspendedUntil.get(account.username());
    return until == null || !clock.instant().isBefore(until) ? Optional.empty() : Optional.of(until);
  }

  // --- the broker's questions ---

  @Override
  public boolean login(String clientId, String username, byte[] password, Peer peer) {
    if (admit(clientId, username, password, peer)) {
      return true;
    }
    if (peer != null) {
      countLoginFailure(peer.address());
    }
    return false;
  }

  /**
   * How long the broker waits before it answers a refused login from {@code peer}: zero, or
   * {@link #THROTTLE_DELAY} once the address has failed {@link #LOGIN_FAILURE_LIMIT} times within
   * {@link #FLOOD_WINDOW}.
   */
  @Override
  public Duration refusalDelay(Peer peer) {
    FloodWindow window = peer == null ? null : loginFailures.get(peer.address());
    return window != null && window.count() >= LOGIN_FAILURE_LIMIT
        && clock.instant().isBefore(window.start().plus(FLOOD_WINDOW)) ? THROTTLE_DELAY : Duration.ZERO;
  }

  private void countLoginFailure(String address) {
    Instant now = clock.instant();
    if (loginFailures.size() > 10_000) {
      loginFailures.clear();
    }
    FloodWindow window = FloodWindow.count(loginFailures, address, now);
    if (window.count() == LOGIN_FAILURE_LIMIT) {
      refuse(FleetRefusal.Kind.LOGIN, "throttled " + address, LOGIN_FAILURE_LIMIT
          + " failed logins within " + FLOOD_WINDOW.toMinutes() + " minute(s): its further"
          + " refusals are answered after " + THROTTLE_DELAY.toSeconds() + " s");
    }
  }

  private boolean admit(String clientId, String username, byte[] password, Peer peer) {
    if (username == null || password == null) {
      // Counted per address, not per client id: an anonymous client picks any id it likes.
      return refuse(FleetRefusal.Kind.LOGIN, "anonymous from " + (peer == null ? "?" : peer.address()),
          (username == null ? "no username" : "no password for " + username) + ", client id "
              + clientId);
    }
    byte[] presented = sha256(password);
    if (TerminalAccount.HUB_USERNAME.equals(username)) {
      if (!MessageDigest.isEqual(presented, hubSecret)) {
        return refuse(FleetRefusal.Kind.LOGIN, username, "wrong password");
      }
      return clientId.startsWith(HUB_CLIENT_PREFIX)
          || refuse(FleetRefusal.Kind.CLIENT_ID, clientId, "not a hub client id");
    }
    Entry entry = terminals.get(username);
    if (entry == null) {
      // Counted per address where the broker says it: any name can be made up, one per attempt.
      return peer == null ? refuse(FleetRefusal.Kind.LOGIN, username, "not a provisioned terminal")
          : refuse(FleetRefusal.Kind.LOGIN, "unknown terminal from " + peer.address(),
              "not a provisioned terminal: " + username);
    }
    if (!MessageDigest.isEqual(presented, entry.secret())) {
      return refuse(FleetRefusal.Kind.LOGIN, username, "wrong password");
    }
    if (entry.terminal().revoked() && !entry.terminal().holding()) {
      return refuse(FleetRefusal.Kind.LOGIN, username,
          "terminal revoked at " + entry.terminal().revokedAt());
    }
    Instant suspended = suspendedUntil.get(username);
    if (suspended != null && clock.instant().isBefore(suspended)) {
      return refuse(FleetRefusal.Kind.LOGIN, username, "suspended until " + suspended + " after "
          + FLOOD_LIMIT + " messages with bad signatures within " + FLOOD_WINDOW.toMinutes()
          + " minute(s)");
    }
    if (!entry.terminal().account().ownsClientId(clientId)) {
      return refuse(FleetRefusal.Kind.CLIENT_ID, clientId, "not a client id of " + username);
    }
    if (peer != null) {
      lastLogins.put(username, new LastLogin(clock.instant(), peer.address(), peer.tls()));
    }
    return true;
  }

  /**
   * The terminal's latest login to the embedded broker since the hub started: when, from where,
   * and whether over TLS (an external broker does not tell).
   */
  public Optional<LastLogin> lastLogin(TerminalAccount account) {
    return Optional.ofNullable(lastLogins.get(account.username()));
  }

  /** A terminal's latest login: when, from which address, over TLS or plain MQTT. */
  public record LastLogin(Instant at, String address, boolean tls) {}

  @Override
  public boolean mayPublish(String clientId, String username, String topic) {
    return allowed(clientId, username, account -> acl.mayPublish(account, topic))
        || held(username).filter(a -> heldMayPublish(a, topic)).isPresent()
        || refuse(FleetRefusal.Kind.PUBLISH, String.valueOf(username), "publish on " + topic);
  }

  @Override
  public boolean maySubscribe(String clientId, String username, String filter) {
    return allowed(clientId, username, account -> acl.maySubscribe(account, filter))
        || held(username).filter(a -> acl.heldReads(a).contains(filter)).isPresent()
        || refuse(FleetRefusal.Kind.SUBSCRIBE, String.valueOf(username), "subscribe to " + filter);
  }

  /**
   * A held kiosk publishes its events (held), its status and heartbeat (shown: they change no
   * hours), since a refused QoS 1 publish gets no PUBACK and would stall its in-flight window.
   */
  private boolean heldMayPublish(TerminalAccount a, String topic) {
    return acl.heldWrites(a).contains(topic);
  }

  /**
   * A revoked terminal whose late events are held: it may publish its events, status and
   * heartbeat and read its acks (so its outbox drains into the hold), and nothing else.
   */
  private Optional<TerminalAccount> held(String username) {
    Entry entry = username == null ? null : terminals.get(username);
    return entry == null || !entry.terminal().holding() ? Optional.empty()
        : Optional.of(entry.terminal().account());
  }

  /** The hub may do anything; a terminal what the ACL gives it, while it is not revoked. */
  private boolean allowed(String clientId, String username,
      java.util.function.Predicate<TerminalAccount> rule) {
    return isHub(username, clientId) || activeAccount(username).filter(rule).isPresent();
  }

  private boolean isHub(String username, String clientId) {
    return TerminalAccount.HUB_USERNAME.equals(username) && clientId != null
        && clientId.startsWith(HUB_CLIENT_PREFIX);
  }

  private Optional<TerminalAccount> activeAccount(String username) {
    Entry entry = username == null ? null : terminals.get(username);
    return entry == null || entry.terminal().revoked() ? Optional.empty()
        : Optional.of(entry.terminal().account());
  }

  // --- refusals ---

  private FleetException refuseClaim(TerminalAccount account, String reason) {
    refuse(FleetRefusal.Kind.CLAIM, account.username(), reason);
    return new FleetException(403, "claim refused: " + reason);
  }

  /** Counts the refusal, logs it at most once a minute per subject, and returns false. */
  private boolean refuse(FleetRefusal.Kind kind, String subject, String detail) {
    Instant now = clock.instant();
    String key = kind + " " + subject;
    pendingRefusals.merge(key, new FleetRefusal(kind, subject, detail, 1, now, now),
        (a, b) -> new FleetRefusal(kind, subject, b.detail(), a.count() + 1, a.firstAt(),
            b.lastAt()));
    Instant logged = lastLogged.get(key);
    if (logged == null || !now.isBefore(logged.plus(LOG_EVERY))) {
      lastLogged.put(key, now);
      if (lastLogged.size() > 10_000) {
        lastLogged.clear();
      }
      LOG.warn("refused {} {}: {}", kind.name().toLowerCase(Locale.ROOT), subject, detail);
    }
    return false;
  }

  private synchronized void flush() {
    if (pendingRefusals.isEmpty()) {
      return;
    }
    List<FleetRefusal> batch = new ArrayList<>();
    for (String key : List.copyOf(pendingRefusals.keySet())) {
      FleetRefusal r = pendingRefusals.remove(key);
      if (r != null) {
        batch.add(r);
      }
    }
    rows.countRefusals(batch);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("fleet refusals not written yet: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    flusher.shutdownNow();
    flushQuietly();
  }

  // --- helpers ---

  private record ClaimOutcome(FleetTerminal bound, String refusal) {
    static ClaimOutcome refused(String reason) {
      return new ClaimOutcome(null, reason);
    }
  }

  private static FleetTerminal terminal(TerminalAccount account, ProvisionRequest request,
      String fingerprint, Instant at, String claimCreatedBy) {
    return new FleetTerminal(account,
        Base64.getUrlEncoder().withoutPadding().encodeToString(request.publicKey()), fingerprint,
        at, claimCreatedBy, null, null);
  }

  private static String newCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < CODE_CHARS; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
    }
    return code.toString();
  }

  /** Codes are compared as typed by a person: case, dashes and spaces do not matter. */
  static String codeHash(String code) {
    String normal = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
        .replace('O', '0').replace('I', '1').replace('L', '1');
    return HexFormat.of().formatHex(sha256(normal.getBytes(StandardCharsets.UTF_8)));
  }

  private static PublicKey publicKey(String base64url) {
    return Ed25519.publicKey(Base64.getUrlDecoder().decode(base64url));
  }

  static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
