package org.redvest.hub.domain.credentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.redvest.hub.transport.ingest.Signatures;
import org.redvest.hub.transport.link.BrokerLogin;
import org.redvest.hub.transport.link.HubLink;
import org.redvest.hub.transport.link.HubSigner;
import org.redvest.hub.transport.link.RecordInbox;
import org.redvest.protocol.Ack;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.credential.CredentialWire;
import org.redvest.protocol.credential.RefusalRecord;
import org.redvest.protocol.credential.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential feature's MQTT side, on its own {@link HubLink} (client id
 * {@code redvest-hub-credentials-<prefix>}, thread {@code credential-link}): publishes the roster
 * retained at start-up and on every change, and stores terminals' refused attempts, answering
 * each terminal with a retained {@code refusal-ack} {@code {"committedSeq": N}} after the commit.
 */
public final class CredentialLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialLink.class);

  private final HubLink link;

  private CredentialLink(HubLink link) {
    this.link = link;
  }

  public static CredentialLink start(URI brokerUrl, BrokerLogin login, HubSigner signer,
      Signatures signatures, Topics topics, Credentials credentials, Clock clock) {
    CredentialTopics credentialTopics = new CredentialTopics(topics);
    HubLink link = HubLink.start(brokerUrl, login, signer,
        "redvest-hub-credentials-" + topics.prefix().replaceAll("[^A-Za-z0-9]", "-"), "credential-link",
        List.of(new RefusalInbox(credentialTopics, credentials, clock, signatures)));
    CredentialLink credentialLink = new CredentialLink(link);
    credentials.onRosterChange(roster -> link.execute(() -> credentialLink.publishRoster(credentialTopics, roster)));
    link.execute(() -> credentialLink.publishRoster(credentialTopics, credentials.roster()));
    return credentialLink;
  }

  /**
   * Publishes, retained, the chain of the hub's signing keys (docs/protocol.md §16), so terminals
   * that trust an earlier key learn the current one; nothing before the first rotation.
   */
  public void publishHubKeys(org.redvest.protocol.Topics topics,
      org.redvest.protocol.fleet.HubKeyChain chain) {
    if (chain.isEmpty()) {
      return;
    }
    link.execute(() -> link.publishRetained(topics.hubKeys(), chain.encode()).whenComplete((ok, e) -> {
      if (e != null) {
        LOG.warn("hub key chain not published ({}); the next start re-sends it", e.toString());
      } else {
        LOG.info("hub key chain published: {} link(s)", chain.size());
      }
    }));
  }

  /**
   * Publishes, retained and signed, an admin's request that a terminal rotate its key (the
   * terminal's {@code rotate} topic, docs/protocol.md §15).
   */
  public void publishRotation(org.redvest.protocol.Topics topics,
      org.redvest.protocol.fleet.RotationNotice notice) {
    String topic = topics.rotate(notice.account().station(), notice.account().terminal());
    link.execute(() -> link.publishRetained(topic,
        org.redvest.protocol.fleet.FleetWire.encodeNotice(notice)).whenComplete((ok, e) -> {
          if (e != null) {
            LOG.warn("rotation request for {} not published ({}); ask again",
                notice.account().username(), e.toString());
          }
        }));
  }

  /** Clears a terminal's rotation request once it rotated. */
  public void clearRotation(org.redvest.protocol.Topics topics,
      org.redvest.protocol.fleet.TerminalAccount account) {
    link.execute(() -> link.clearRetained(topics.rotate(account.station(), account.terminal()))
        .whenComplete((ok, e) -> {
          if (e != null) {
            LOG.warn("rotation request for {} not cleared ({}); the kiosk ignores it, it rotated",
                account.username(), e.toString());
          }
        }));
  }

  private void publishRoster(CredentialTopics topics, Roster roster) {
    link.publishRetained(topics.roster(), CredentialWire.encodeRoster(roster)).whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("roster version {} not published ({}); the next change or restart re-sends it",
            roster.version(), error.toString());
      } else {
        LOG.info("roster version {} published: {} key(s), {} revocation(s)", roster.version(),
            roster.keys().size(), roster.revoked().size());
      }
    });
  }

  /** Refused attempts: stored once per (station, terminal, refusalSeq), then acknowledged. */
  private record RefusalInbox(CredentialTopics topics, Credentials credentials, Clock clock,
      Signatures signatures) implements RecordInbox {
    @Override
    public String topicFilter() {
      return topics.allRefusals();
    }

    @Override
    public Optional<Reply> accept(String topic, byte[] payload) {
      Optional<CredentialTopics.Sender> sender = topics.refusalSender(topic);
      if (sender.isEmpty()) {
        return Optional.empty();
      }
      try {
        RefusalRecord record = CredentialWire.decodeRefusal(
            signatures.open(sender.get().station(), sender.get().terminal(), payload));
        if (!record.stationId().equals(sender.get().station()) || !record.terminalId().equals(sender.get().terminal())) {
          throw new ProtocolException("stationId", "body " + record.stationId() + "/" + record.terminalId()
              + " does not match topic " + sender.get().station() + "/" + sender.get().terminal());
        }
        credentials.store().insertRefusal(record, new String(payload, StandardCharsets.UTF_8), clock.instant());
        long committed = credentials.store().contiguousRefusals(record.stationId().value(), record.terminalId().value());
        return Optional.of(new Reply(topics.refusalAck(record.stationId(), record.terminalId()),
            WireCodec.encodeAck(new Ack(committed))));
      } catch (ProtocolException e) {
        LOG.warn("refused-attempt record on {} is malformed and was not stored: {}", topic, e.getMessage());
        return Optional.empty();
      }
    }
  }

  @Override
  public void close() {
    link.close();
  }
}
