package org.redvest.terminal.mqtt;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.fleet.HubKeyChain;
import org.redvest.protocol.fleet.SignedPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub signing key this terminal trusts (docs/protocol.md §16): the one from provisioning,
 * until the hub's published key chain hands over to a newer one, which then replaces it (and is
 * kept through {@code onRotated}, so a restart trusts it too). Shared by the terminal's links.
 */
public final class HubKeys {
  private static final Logger LOG = LoggerFactory.getLogger(HubKeys.class);

  private final Consumer<PublicKey> onRotated;
  private volatile List<PublicKey> trusted;

  public HubKeys(PublicKey provisioned, Consumer<PublicKey> onRotated) {
    this.trusted = List.of(provisioned);
    this.onRotated = onRotated;
  }

  /** The key hub messages must be signed with now. */
  public PublicKey current() {
    return trusted.get(trusted.size() - 1);
  }

  /**
   * The body of {@code payload} when the trusted hub key signed it.
   *
   * @throws ProtocolException when it is unsigned or signed by another key
   */
  public byte[] open(byte[] payload) {
    return SignedPayload.verify(payload, current());
  }

  /**
   * Follows the hub's published key chain ({@code payload}, as the hub publishes it) from the key
   * trusted now; returns whether the trusted key changed. A chain that does not start from it
   * changes nothing.
   */
  public synchronized boolean follow(byte[] payload) {
    byte[] body = SignedPayload.split(payload).map(SignedPayload.Parts::body).orElse(payload);
    Optional<PublicKey> latest = HubKeyChain.decode(body).follow(trusted);
    if (latest.isEmpty() || latest.get().equals(current())) {
      return false;
    }
    trusted = List.of(latest.get());
    LOG.warn("the hub handed over to a new signing key; hub messages are checked with it now");
    onRotated.accept(latest.get());
    return true;
  }
}
