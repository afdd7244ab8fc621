package org.redvest.hub.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.redvest.hub.store.HeartbeatReport;
import org.redvest.hub.store.HeldEvent;
import org.redvest.hub.store.IngestBatch;
import org.redvest.hub.store.ReceivedEvent;
import org.redvest.hub.store.Refusal;
import org.redvest.hub.store.StatusReport;
import org.redvest.hub.store.TerminalRef;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.ProtocolException;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.TerminalTopic;
import org.redvest.protocol.Topics;
import org.redvest.protocol.WireCodec;
import org.redvest.protocol.credential.CredentialTopics;
import org.redvest.protocol.fleet.SignedPayload;

/**
 * Sorts raw messages into what the store keeps: valid events, statuses and heartbeats, and
 * refusals with the reason (the {@link ProtocolException} message, or the topic/body mismatch).
 * Messages outside the hub's topic prefix, and acks, are not the hub's to judge and are skipped.
 *
 * <p>An event counts only if its terminal's key signed it ({@link Signatures}); only the signed
 * body is decoded, and the whole payload, signature included, is what the store keeps, so any
 * stored event can be checked again later. The checks of one part run in parallel on {@code
 * verifiers}, in chunks, and the results are used in arrival order.
 *
 * <p>An event of a revoked terminal received before the revocation counts, even when it is
 * decoded after; one received after it is refused, or held, not counted, when the terminal was
 * revoked with a hold (docs/security.md, "Salvage"). An event an admin released from a hold
 * counts, its terminal's revocation notwithstanding.
 */
final class Triage {
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant LATEST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private final Topics topics;
  /**
   * The roster and refused attempts are handled by the credential feature, and the hub's own key
   * chain is the hub's, not event ingest's.
   */
  private final CredentialTopics credentialTopics;
  private final Signatures signatures;
  private final Executor verifiers;
  private static final int CHUNK = 32;
  /** What a terminal must sign: its events, and its status and heartbeats (what the dashboard shows). */
  private static final java.util.Set<TerminalTopic.Kind> SIGNED = java.util.EnumSet.of(
      TerminalTopic.Kind.EVENTS, TerminalTopic.Kind.STATUS, TerminalTopic.Kind.HEARTBEAT);

  Triage(Topics topics, Signatures signatures, Executor verifiers) {
    this.topics = topics;
    this.credentialTopics = new CredentialTopics(topics);
    this.signatures = signatures;
    this.verifiers = verifiers;
  }

  IngestBatch sort(List<InboundMessage> messages) {
    List<Optional<TerminalTopic>> parsed = messages.stream().map(m -> topics.parse(m.topic())).toList();
    Object[] opened = openSigned(messages, parsed);
    List<ReceivedEvent> events = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    List<StatusReport> statuses = new ArrayList<>();
    List<HeartbeatReport> heartbeats = new ArrayList<>();
    List<HeldEvent> held = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      InboundMessage m = messages.get(i);
      if (!m.topic().startsWith(topics.prefix() + "/") || credentialTopics.owns(m.topic())
          || m.topic().equals(topics.hubKeys())) {
        continue;
      }
      Optional<TerminalTopic> topic = parsed.get(i);
      if (topic.isEmpty()) {
        refusals.add(refusal(m, "topic is not {prefix}/stations/{stationId}/terminals/"
            + "{terminalId}/events|status|heartbeat with valid ids"));
        continue;
      }
      TerminalRef terminal = new TerminalRef(topic.get().stationId(), topic.get().terminalId());
      try {
        switch (topic.get().kind()) {
          case EVENTS -> {
            if (opened[i] instanceof Held h) {
              held.add(held(m, terminal, h));
            } else {
              events.add(event(m, terminal, opened[i]));
            }
          }
          case STATUS -> statuses.add(
              new StatusReport(terminal, WireCodec.decodeStatus(body(opened[i])), m.receivedAt()));
          case HEARTBEAT -> heartbeats.add(
              new HeartbeatReport(terminal, WireCodec.decodeHeartbeat(body(opened[i])), m.receivedAt()));
          case ACK -> { }
        }
      } catch (ProtocolException e) {
        refusals.add(refusal(m, e.getMessage()));
      }
    }
    return new IngestBatch(events, refusals, statuses, heartbeats, held);
  }

  /**
   * For each event, status and heartbeat message, the body its terminal signed, or the {@link
   * ProtocolException} saying why there is none; null for other messages.
   */
  private Object[] openSigned(List<InboundMessage> messages, List<Optional<TerminalTopic>> parsed) {
    Object[] opened = new Object[messages.size()];
    List<CompletableFuture<Void>> chunks = new ArrayList<>();
    for (int from = 0; from < messages.size(); from += CHUNK) {
      int start = from;
      int end = Math.min(messages.size(), from + CHUNK);
      chunks.add(CompletableFuture.runAsync(() -> {
        for (int i = start; i < end; i++) {
          opened[i] = open(messages.get(i), parsed.get(i));
        }
      }, verifiers));
    }
    CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).join();
    return opened;
  }

  private Object open(InboundMessage m, Optional<TerminalTopic> topic) {
    if (topic.isEmpty() || !SIGNED.contains(topic.get().kind())) {
      return null;
    }
    StationId station = topic.get().stationId();
    TerminalId terminal = topic.get().terminalId();
    try {
      if (m.released()) {
        return signatures.openRevoked(station, terminal, m.payload());
      }
      if (topic.get().kind() != TerminalTopic.Kind.EVENTS) {
        // A held kiosk's status and heartbeat change no hours: shown, so its admin sees it alive.
        return signatures.revocation(station, terminal).filter(Signatures.Revocation::hold)
            .isPresent() ? signatures.openRevoked(station, terminal, m.payload())
            : signatures.open(station, terminal, m.payload());
      }
      Optional<Signatures.Revocation> revoked = signatures.revocation(station, terminal);
      // The time of receipt decides, never the event's claimed time (a thief can back-date):
      // received before the revocation, it counts even if it is decoded after.
      if (revoked.isPresent() && !m.receivedAt().isAfter(revoked.get().at())) {
        return signatures.openRevoked(station, terminal, m.payload());
      }
      if (revoked.isPresent() && revoked.get().hold()) {
        return hold(station, terminal, m.payload());
      }
      return signatures.open(station, terminal, m.payload());
    } catch (ProtocolException e) {
      return e;
    }
  }

  /** An event of a held terminal: the body to show, and why its signature fails, if it does. */
  private record Held(byte[] body, String signatureDetail) {}

  private Held hold(StationId station, TerminalId terminal, byte[] payload) {
    try {
      return new Held(signatures.openRevoked(station, terminal, payload), null);
    } catch (ProtocolException e) {
      return new Held(SignedPayload.split(payload).map(SignedPayload.Parts::body).orElse(payload),
          e.getMessage());
    }
  }

  private static HeldEvent held(InboundMessage m, TerminalRef topic, Held h) {
    return new HeldEvent(m.topic(), decode(h.body(), topic),
        new String(m.payload(), StandardCharsets.UTF_8), m.receivedAt(), h.signatureDetail() == null,
        h.signatureDetail());
  }

  /** The verified body, or the refusal thrown. */
  private static byte[] body(Object opened) {
    if (opened instanceof ProtocolException refused) {
      throw refused;
    }
    return (byte[]) opened;
  }

  private static ReceivedEvent event(InboundMessage m, TerminalRef topic, Object opened) {
    return new ReceivedEvent(m.topic(), decode(body(opened), topic),
        new String(m.payload(), StandardCharsets.UTF_8), m.receivedAt());
  }

  /** The event in {@code body}, which must be of the topic's terminal and in a sane year. */
  private static AttendanceEvent decode(byte[] body, TerminalRef topic) {
    AttendanceEvent event = WireCodec.decodeEvent(body);
    if (!event.stationId().equals(topic.stationId())) {
      throw new ProtocolException("stationId", "body stationId " + event.stationId()
          + " does not match topic station " + topic.stationId());
    }
    if (!event.terminalId().equals(topic.terminalId())) {
      throw new ProtocolException("terminalId", "body terminalId " + event.terminalId()
          + " does not match topic terminal " + topic.terminalId());
    }
    Instant at = event.occurredAt().toInstant();
    if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
      // A year like +999999999 parses, then overflows epoch millis in the store and used to fail
      // the whole batch, every other terminal's events with it (found by the payload fuzzer).
      throw new ProtocolException("occurredAt", "must be in the years 2000 to 9999, was "
          + WireCodec.formatTime(event.occurredAt()));
    }
    return event;
  }

  private static Refusal refusal(InboundMessage m, String reason) {
    return new Refusal(m.topic(), m.payload(), reason, m.receivedAt());
  }
}
