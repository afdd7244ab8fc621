package org.redvest.hub.domain.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.redvest.hub.store.AtomicFiles;
import org.redvest.hub.transport.link.BrokerLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security configuration of an external Mosquitto 2 broker, written from the fleet
 * (docs/security.md, "External brokers"): a {@code password_file} with the hub's own login and
 * every active terminal's, an {@code acl_file} giving each terminal exactly the topics {@link
 * BrokerAcl} gives it and the hub everything, and a {@code redvest.conf} that points Mosquitto at
 * both and refuses anonymous clients. Revoked terminals are left out, so a reload drops them.
 * Each file is written to a temporary file next to it and moved over it, so Mosquitto never reads
 * half a file; then the configured reload command runs.
 */
public final class MosquittoSecurity {
  public static final String PASSWORD_FILE = "redvest.passwd";
  public static final String ACL_FILE = "redvest.acl";
  public static final String CONF_FILE = "redvest.conf";
  /** The hub's TLS certificate chain and key, for Mosquitto's TLS listener. */
  public static final String TLS_CERT_FILE = "redvest-tls-cert.pem";
  public static final String TLS_KEY_FILE = "redvest-tls-key.pem";
  /**
   * Owner read/write, group read: Mosquitto drops privileges to its own user, which reads the
   * files through the directory's group (docs/security.md).
   */
  static final String FILE_MODE = "rw-r-----";
  private static final Logger LOG = LoggerFactory.getLogger(MosquittoSecurity.class);
  private static final long RELOAD_TIMEOUT_S = 30;
  private static final int MAX_OUTPUT_CHARS = 2_000;

  private final Fleet fleet;
  private final Path dir;
  private final BrokerLogin hub;
  private final String hubHash;
  private final String reloadCommand;
  private final Clock clock;
  private final HubTls tls;
  private final int tlsPort;
  private volatile MosquittoStatus status;

  private MosquittoSecurity(Fleet fleet, Path dir, BrokerLogin hub, String reloadCommand,
      Clock clock, HubTls tls, int tlsPort) {
    this.fleet = fleet;
    this.dir = dir.toAbsolutePath();
    this.hub = hub;
    this.hubHash = MosquittoHash.of(hub.password());
    this.reloadCommand = reloadCommand;
    this.clock = clock;
    this.tls = tlsPort > 0 ? tls : null;
    this.tlsPort = this.tls == null ? 0 : tlsPort;
    this.status = new MosquittoStatus(this.dir.toString(), null, 0, List.of(),
        MosquittoStatus.Reload.NOT_CONFIGURED, "not written yet");
  }

  /**
   * Writes into {@code dir} for {@code fleet}, with {@code hub} as the hub's own login; {@code
   * reloadCommand} (a shell command line, or null) runs after each write.
   */
  public static MosquittoSecurity of(Fleet fleet, Path dir, BrokerLogin hub, String reloadCommand,
      Clock clock) {
    return new MosquittoSecurity(fleet, dir, hub, reloadCommand, clock, null, 0);
  }

  /**
   * Like {@link #of(Fleet, Path, BrokerLogin, String, Clock)}, with an MQTT-over-TLS listener on
   * {@code tlsPort} serving the hub's own key {@code tls} (copied beside the other files), so the
   * pin provisioning hands terminals holds for Mosquitto too; none when {@code tls} is null or the
   * port not positive.
   */
  public static MosquittoSecurity of(Fleet fleet, Path dir, BrokerLogin hub, String reloadCommand,
      Clock clock, HubTls tls, int tlsPort) {
    return new MosquittoSecurity(fleet, dir, hub, reloadCommand, clock, tls, tlsPort);
  }

  /** The TLS listener's port the files configure, 0 for none. */
  public int tlsPort() {
    return tlsPort;
  }

  /**
   * Writes the three files and runs the reload command. A failing reload is logged and kept in
   * {@link #status()}; the files stay written.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public synchronized MosquittoStatus write() {
    Instant now = clock.instant();
    List<Fleet.MosquittoUser> users = fleet.mosquittoUsers();
    List<Fleet.MosquittoUser> listed = users.stream().filter(u -> u.hash() != null).toList();
    List<String> unlisted = users.stream().filter(u -> u.hash() == null)
        .map(u -> u.account().username()).toList();
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(dir.resolve(PASSWORD_FILE), passwordFile(now, listed, unlisted), FILE_MODE);
      AtomicFiles.write(dir.resolve(ACL_FILE), aclFile(now, listed), FILE_MODE);
      if (tls != null) {
        AtomicFiles.write(dir.resolve(TLS_CERT_FILE), tls.chainPem(), FILE_MODE);
        AtomicFiles.write(dir.resolve(TLS_KEY_FILE), tls.keyPem(), FILE_MODE);
      }
      AtomicFiles.write(dir.resolve(CONF_FILE), confFile(), FILE_MODE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Mosquitto's files in " + dir, e);
    }
    if (!unlisted.isEmpty()) {
      LOG.warn("Mosquitto password file: {} terminal(s) provisioned before hub schema 12 are"
          + " left out until claimed again: {}", unlisted.size(), unlisted);
    }
    MosquittoStatus written = reload(new MosquittoStatus(dir.toString(), now, listed.size(),
        unlisted, MosquittoStatus.Reload.NOT_CONFIGURED, "no --mosquitto-reload command"));
    status = written;
    return written;
  }

  /**
   * {@link #write()} for the fleet's change listener: a failure is logged and shown in {@link
   * #status()}, never thrown into the provisioning or revocation that caused it (which is done).
   */
  public void refresh() {
    try {
      write();
    } catch (UncheckedIOException e) {
      LOG.error("Mosquitto's files in {} not rewritten; the broker still has the old ones", dir, e);
      status = new MosquittoStatus(dir.toString(), status.writtenAt(), status.terminals(),
          status.unlisted(), MosquittoStatus.Reload.FAILED, "files not written: " + e.getMessage());
    }
  }

  /** The hub's own login, which the password file lets in with full access. */
  public BrokerLogin hubLogin() {
    return hub;
  }

  /** The last write and reload, for the health endpoint and the fleet page. */
  public MosquittoStatus status() {
    return status;
  }

  private MosquittoStatus reload(MosquittoStatus written) {
    if (reloadCommand == null) {
      return written;
    }
    String outcome;
    boolean ok = false;
    Path output = null;
    try {
      output = Files.createTempFile("mosquitto-reload", ".log");
      Process p = new ProcessBuilder("/bin/sh", "-c", reloadCommand).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!p.waitFor(RELOAD_TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        outcome = "did not finish within " + RELOAD_TIMEOUT_S + " s";
      } else {
        ok = p.exitValue() == 0;
        outcome = "exit " + p.exitValue() + tail(Files.readString(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      outcome = "could not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "interrupted";
    } finally {
      deleteQuietly(output);
    }
    if (ok) {
      LOG.info("Mosquitto files written ({} terminals) and reloaded with `{}`", written.terminals(),
          reloadCommand);
    } else {
      LOG.error("Mosquitto reload `{}` failed ({}): the broker still enforces its previous files,"
          + " so a revoked terminal may still log in", reloadCommand, outcome);
    }
    return new MosquittoStatus(written.dir(), written.writtenAt(), written.terminals(),
        written.unlisted(), ok ? MosquittoStatus.Reload.OK : MosquittoStatus.Reload.FAILED,
        "`" + reloadCommand + "`: " + outcome);
  }

  private String passwordFile(Instant now, List<Fleet.MosquittoUser> listed,
      List<String> unlisted) {
    StringBuilder text = new StringBuilder(header(now, "password_file"));
    text.append("# Terminals provisioned before hub schema 12 have no entry until claimed again"
        + " (the hub keeps\n# only a SHA-256 of their password, which Mosquitto cannot check)");
    text.append(unlisted.isEmpty() ? ": none.\n" : ":\n");
    unlisted.forEach(u -> text.append("#   ").append(u).append('\n'));
    text.append(hub.username()).append(':').append(hubHash).append('\n');
    listed.forEach(u -> text.append(u.account().username()).append(':').append(u.hash())
        .append('\n'));
    return text.toString();
  }

  private String aclFile(Instant now, List<Fleet.MosquittoUser> listed) {
    BrokerAcl acl = fleet.acl();
    StringBuilder text = new StringBuilder(header(now, "acl_file"));
    text.append("# Nothing for anonymous clients or anyone not listed.\n\n");
    text.append("user ").append(hub.username()).append("\ntopic readwrite #\n");
    for (Fleet.MosquittoUser u : listed) {
      text.append("\nuser ").append(u.account().username()).append('\n');
      if (u.holding()) {
        text.append("# revoked, its late events held for review: its reports and acks only\n");
      }
      (u.holding() ? acl.heldWrites(u.account()) : acl.writes(u.account()))
          .forEach(t -> text.append("topic write ").append(t).append('\n'));
      (u.holding() ? acl.heldReads(u.account()) : acl.reads(u.account()))
          .forEach(t -> text.append("topic read ").append(t).append('\n'));
    }
    return text.toString();
  }

  private String confFile() {
    return "# RedVest hub: Mosquitto 2 security from the hub's terminal registry (docs/security.md,\n"
        + "# \"External brokers\"). Include it (include_dir " + dir + ", or copy it into\n"
        + "# /etc/mosquitto/conf.d); the main configuration must set no other password_file or\n"
        + "# acl_file and must not turn per_listener_settings on.\n"
        + "per_listener_settings false\n"
        + "allow_anonymous false\n"
        + "password_file " + dir.resolve(PASSWORD_FILE) + "\n"
        + "acl_file " + dir.resolve(ACL_FILE) + "\n"
        + (tls == null ? "" : "\n# MQTT over TLS with the hub's own key: terminals pin it (provisioning"
            + " hands them its pin\n# and this port).\n"
            + "listener " + tlsPort + "\n"
            + "certfile " + dir.resolve(TLS_CERT_FILE) + "\n"
            + "keyfile " + dir.resolve(TLS_KEY_FILE) + "\n");
  }

  private static String header(Instant now, String what) {
    return "# Mosquitto " + what + " written by the RedVest hub from its terminal registry at "
        + now + ".\n# Do not edit: the hub rewrites it at start and on every provisioning and"
        + " revocation.\n# Revoked terminals are left out, but for those whose late events are held"
        + " for review.\n";
  }

  private static String tail(String output) {
    String trimmed = output.strip();
    if (trimmed.isEmpty()) {
      return "";
    }
    return ": " + (trimmed.length() > MAX_OUTPUT_CHARS
        ? "…" + trimmed.substring(trimmed.length() - MAX_OUTPUT_CHARS) : trimmed);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("temporary file {} not deleted: {}", file, e.toString());
    }
  }
}
