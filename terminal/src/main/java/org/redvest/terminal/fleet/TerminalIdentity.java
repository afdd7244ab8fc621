package org.redvest.terminal.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.credential.Ed25519;
import org.redvest.protocol.credential.Ed25519KeyFile;
import org.redvest.protocol.fleet.FleetWire;
import org.redvest.protocol.fleet.KeyFingerprint;
import org.redvest.protocol.fleet.ProvisionRequest;
import org.redvest.protocol.fleet.ProvisioningBundle;
import org.redvest.protocol.fleet.RotationRequest;
import org.redvest.protocol.fleet.Provisioning;
import org.redvest.protocol.fleet.SignedPayload;
import org.redvest.protocol.fleet.TerminalAccount;
import org.redvest.terminal.mqtt.MqttLogin;
import org.redvest.protocol.fleet.TlsPin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This kiosk's Ed25519 key and its place in the fleet, under {@code <data-dir>/fleet/}: {@code
 * terminal.ed25519} (an {@link Ed25519KeyFile}) and {@code provisioning.json} (the broker login
 * the hub returned), both created owner-read/write only (0600) before a byte is written. The key is
 * made on first start; the private half never leaves this directory.
 */
public final class TerminalIdentity {
  static final String DIR = "fleet";
  static final String KEY_FILE = "terminal.ed25519";
  static final String PROVISIONING_FILE = "provisioning.json";
  private static final String NEXT = ".next";
  static final String BUNDLE_FILE = "bundle.json";
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);
  private static final Logger LOG = LoggerFactory.getLogger(TerminalIdentity.class);

  private final Path dir;
  private final KeyPair key;

  private TerminalIdentity(Path dir, KeyPair key) {
    this.dir = dir;
    this.key = key;
  }

  /** Loads this kiosk's key from {@code dataDir}, making one on first start. */
  public static TerminalIdentity open(Path dataDir) {
    Path dir = dataDir.resolve(DIR);
    Path file = dir.resolve(KEY_FILE);
    finishRotation(dir);
    boolean made = !Files.exists(file);
    TerminalIdentity identity = new TerminalIdentity(dir, Ed25519KeyFile.readOrCreate(file));
    if (made) {
      LOG.info("made this terminal's key {} in {}", identity.fingerprint(), file);
    }
    return identity;
  }

  public byte[] publicKey() {
    return Ed25519.raw(key.getPublic());
  }

  /** What the hub's terminals page shows for this kiosk, e.g. {@code SHA256:3q2+7w…}. */
  public String fingerprint() {
    return KeyFingerprint.of(publicKey());
  }

  /** {@code body} signed with this kiosk's key ({@link SignedPayload#sign}). */
  public byte[] sign(byte[] body) {
    return SignedPayload.sign(body, key.getPrivate());
  }

  /**
   * What the kiosk's MQTT links need once it has joined the fleet: its broker login, the hub's key
   * to check hub messages with, and its own key to sign what it sends.
   */
  public Optional<MqttLogin> login() {
    return provisioning().map(p -> MqttLogin.of(p, key.getPrivate(), this::keepHubKey));
  }

  /**
   * Keeps an offline bundle (docs/security.md, "Offline bundles") until this kiosk has joined with
   * it; 0600, since it holds a claim code.
   *
   * @throws ProtocolException when the file is not a whole bundle
   */
  public ProvisioningBundle keepBundle(byte[] file) {
    ProvisioningBundle bundle = ProvisioningBundle.read(file);
    writeKept(dir.resolve(BUNDLE_FILE), new String(file, StandardCharsets.UTF_8));
    return bundle;
  }

  /** Deletes the kept offline bundle, once its hub refused it: it is not tried again. */
  public void forgetBundle() {
    try {
      Files.deleteIfExists(dir.resolve(BUNDLE_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir.resolve(BUNDLE_FILE), e);
    }
  }

  /** The offline bundle this kiosk keeps until it joins, if any. */
  public Optional<ProvisioningBundle> bundle() {
    Path kept = dir.resolve(BUNDLE_FILE);
    if (!Files.exists(kept)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ProvisioningBundle.read(Files.readAllBytes(kept)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kept, e);
    }
  }

  /**
   * Claims with the kept bundle (its hub, pin and code) and forgets the bundle once joined. The
   * hub must answer with the signing key the bundle named.
   *
   * @throws ProvisioningException when there is none, the hub refuses, or cannot be reached
   *     ({@link ProvisioningException#unreachable()}: try again later)
   */
  public Provisioning claimWithBundle() {
    ProvisioningBundle bundle = bundle().orElseThrow(() ->
        new ProvisioningException("no offline bundle kept in " + dir));
    Provisioning joined = post(bundle.hub(), bundle.pin().orElse(null), "/api/fleet/provision",
        FleetWire.encodeRequest(request(bundle.claimCode(), bundle.account())), bundle.account(),
        fingerprint());
    // Checked before the login is kept: a kept login is trusted from the next start on.
    if (!bundle.hubKey().equals(joined.hubKey())) {
      throw new ProvisioningException("the hub that answered signs with another key than the"
          + " bundle's: not the hub the bundle came from (or it rotated its key since: ask for a"
          + " new bundle)");
    }
    save(joined);
    LOG.info("provisioned as {} with key {} (offline bundle)", bundle.account().username(),
        fingerprint());
    try {
      Files.deleteIfExists(dir.resolve(BUNDLE_FILE));
    } catch (IOException e) {
      LOG.warn("joined, but the used bundle {} could not be deleted: {}",
          dir.resolve(BUNDLE_FILE), e.toString());
    }
    return joined;
  }

  /** Keeps the hub's new signing key with the login, so the next start trusts it. */
  private synchronized void keepHubKey(java.security.PublicKey hubKey) {
    provisioning().ifPresent(p -> save(new Provisioning(p.account(), p.password(),
        p.keyFingerprint(), p.topicPrefix(), p.provisionedAt(),
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.raw(hubKey)),
        p.tlsPin(), p.mqttTlsPort())));
  }

  /** The claim for {@code account} with {@code claimCode}, signed with this kiosk's key. */
  public ProvisionRequest request(String claimCode, TerminalAccount account) {
    return ProvisionRequest.signed(claimCode, account, publicKey(), key.getPrivate());
  }

  /** Whether this kiosk has joined its fleet as {@code account} (its kept login is for it). */
  public boolean joinedAs(TerminalAccount account) {
    return provisioning().filter(p -> p.account().equals(account)).isPresent();
  }

  /**
   * The broker login the hub gave this kiosk, if it has been provisioned. A file for another key
   * (the key was replaced) does not count.
   */
  public Optional<Provisioning> provisioning() {
    Path file = dir.resolve(PROVISIONING_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Provisioning p = FleetWire.decodeProvisioning(Files.readAllBytes(file));
      if (!p.keyFingerprint().equals(fingerprint())) {
        LOG.warn("{} was made for key {}, not this terminal's {}; provision again", file,
            p.keyFingerprint(), fingerprint());
        return Optional.empty();
      }
      return Optional.of(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (ProtocolException e) {
      throw new IllegalStateException(file + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * Claims {@code account} at the hub ({@code POST {hub}/api/fleet/provision}) with the one-time
   * {@code claimCode}, and keeps the login it returns.
   *
   * @throws ProvisioningException with the hub's reason when it refuses, or when it cannot be reached
   */
  public Provisioning claim(URI hub, String claimCode, TerminalAccount account) {
    return claim(hub, null, claimCode, account);
  }

  /**
   * Like {@link #claim(URI, String, TerminalAccount)}, trusting an {@code https} hub only when it
   * shows the key {@code pin} names (null: the Java runtime's certificate authorities). The hub
   * must then hand out the same pin for its MQTT listener.
   */
  public Provisioning claim(URI hub, TlsPin pin, String claimCode, TerminalAccount account) {
    Provisioning provisioning = post(hub, pin, "/api/fleet/provision",
        FleetWire.encodeRequest(request(claimCode, account)), account, fingerprint());
    save(provisioning);
    LOG.info("provisioned as {} with key {}", account.username(), fingerprint());
    return provisioning;
  }

  /**
   * Replaces this kiosk's key at the hub ({@code POST {hub}/api/fleet/rotate}, docs/security.md,
   * "Rotation"): a new key is made beside the current one ({@code terminal.ed25519.next}), the
   * request is signed by both, and once the hub bound it the new login and then the new key take
   * the old ones' places. Events the outbox signed with the old key still verify at the hub. A
   * rotation cut short (no answer, or a crash before the key file was switched) is finished by
   * running it again, or by the next {@link #open} when the hub's answer was already kept.
   *
   * @return this kiosk's identity with its new key
   * @throws ProvisioningException when it has not joined, or with the hub's reason
   */
  public TerminalIdentity rotate(URI hub, TlsPin pin) {
    Provisioning current = provisioning().orElseThrow(() -> new ProvisioningException(
        "this terminal has not joined a fleet: there is no key at a hub to rotate"));
    // Without a pin given, the one provisioning kept: the hub is trusted as when it joined.
    TlsPin trusted = pin != null ? pin : current.hubTlsPin().orElse(null);
    Path nextFile = dir.resolve(KEY_FILE + NEXT);
    KeyPair next = Ed25519KeyFile.readOrCreate(nextFile);
    byte[] nextKey = Ed25519.raw(next.getPublic());
    RotationRequest request = RotationRequest.signed(current.account(), publicKey(),
        key.getPrivate(), nextKey, next.getPrivate(), java.time.Instant.now());
    Provisioning answer = post(hub, trusted, "/api/fleet/rotate", FleetWire.encodeRotation(request),
        current.account(), KeyFingerprint.of(nextKey));
    save(answer);
    switchKey(dir);
    LOG.info("rotated this terminal's key {} -> {}", fingerprint(), answer.keyFingerprint());
    return new TerminalIdentity(dir, next);
  }

  /** Moves a rotated key into place when the kept login is already for it. */
  private static void finishRotation(Path dir) {
    Path nextFile = dir.resolve(KEY_FILE + NEXT);
    Path login = dir.resolve(PROVISIONING_FILE);
    if (!Files.exists(nextFile) || !Files.exists(login)) {
      return;
    }
    try {
      String kept = FleetWire.decodeProvisioning(Files.readAllBytes(login)).keyFingerprint();
      if (kept.equals(KeyFingerprint.of(Ed25519.raw(Ed25519KeyFile.read(nextFile).getPublic())))) {
        switchKey(dir);
        LOG.info("finished the rotation to key {} cut short before", kept);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + login, e);
    }
  }

  private static void switchKey(Path dir) {
    try {
      Files.move(dir.resolve(KEY_FILE + NEXT), dir.resolve(KEY_FILE),
          StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the new key into " + dir.resolve(KEY_FILE), e);
    }
  }

  /**
   * POSTs {@code body} to the hub and reads the login it answers, which must be for {@code
   * account} and the key {@code fingerprint}; an {@code https} hub is trusted only with the key
   * {@code pin} names (null: the Java runtime's certificate authorities), and must hand out that
   * same pin for its MQTT listener.
   */
  private static Provisioning post(URI hub, TlsPin pin, String path, byte[] body,
      TerminalAccount account, String fingerprint) {
    URI endpoint = hub.resolve(path);
    if (pin != null && !"https".equals(hub.getScheme())) {
      throw new ProvisioningException("a pinned hub is reached over https, not " + hub
          + ": the pin would check nothing");
    }
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(HTTP_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<byte[]> response;
    try {
      HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT);
      if (pin != null) {
        client.sslContext(pin.clientContext());
      }
      response = client.build().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (javax.net.ssl.SSLHandshakeException e) {
      // Not "unreachable": another server answered, or the pin is wrong; trying again won't help.
      throw new ProvisioningException("the server at " + endpoint + " did not show the hub's"
          + " pinned TLS key" + (pin == null ? "" : " " + pin) + ": " + e.getMessage());
    } catch (IOException e) {
      throw new ProvisioningException("cannot reach the hub at " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningException("interrupted while asking " + endpoint, e);
    }
    if (response.statusCode() != 200) {
      throw new ProvisioningException("the hub refused (HTTP " + response.statusCode()
          + "): " + new String(response.body(), StandardCharsets.UTF_8));
    }
    Provisioning provisioning = FleetWire.decodeProvisioning(response.body());
    if (!provisioning.account().equals(account) || !provisioning.keyFingerprint().equals(fingerprint)) {
      throw new ProvisioningException("the hub answered for " + provisioning.account().username()
          + " with key " + provisioning.keyFingerprint() + ", not " + account.username()
          + " with " + fingerprint);
    }
    if (pin != null && !pin.toString().equals(provisioning.tlsPin())) {
      throw new ProvisioningException("the hub's web side showed TLS key " + pin
          + " but handed out " + provisioning.tlsPin() + " for its broker");
    }
    return provisioning;
  }

  /** Keeps {@code provisioning} (e.g. from an offline bundle) as this kiosk's login. */
  public void save(Provisioning provisioning) {
    writeKept(dir.resolve(PROVISIONING_FILE),
        new String(FleetWire.encodeProvisioning(provisioning), StandardCharsets.UTF_8));
  }

  /** Writes {@code text} beside {@code file}, readable by its owner only, then moves it over. */
  static void writeKept(Path file, String text) {
    Path next = file.resolveSibling(file.getFileName() + ".new");
    try {
      Files.deleteIfExists(next);
      writePrivate(next, text);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
