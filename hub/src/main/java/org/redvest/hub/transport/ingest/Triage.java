package org.redvest.hub.transport.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
import org.redvest.protocol.EventChain;
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
   * For each event, status and heartbeat message, the body its terminal signed ({@code byte[]},
   * or {@link Decoded} for an event already decoded), or the {@link ProtocolException} saying why
   * there is none; null for other messages.
   *
   * <p>Events of a terminal in good standing are checked by their chain first ({@link
   * #chainRuns}): where one terminal's events of this part link by {@code prevHash} (each naming
   * the SHA-256 of the body before it, docs/protocol.md §4), only the newest of the run has its
   * signature verified. Its signed body fixes the hash of the body before it, and so on down the
   * run, so each body in the run is exactly what the terminal's key signed, as surely as if its own
   * signature had been checked. The older events' own signatures are stored unchecked; {@code
   * redvest-hub audit} verifies each one (docs/security.md, "Signatures at ingest"). A run whose newest
   * signature fails is checked event by event. Everything else (statuses, heartbeats, revoked or
   * held terminals, released events, events that link to nothing here) is verified one by one.
   * Everything runs on {@code verifiers}, in chunks.
   */
  private Object[] openSigned(List<InboundMessage> messages, List<Optional<TerminalTopic>> parsed) {
    Object[] opened = new Object[messages.size()];
    List<Integer> chainable = new ArrayList<>();
    List<Runnable> checks = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Optional<TerminalTopic> topic = parsed.get(i);
      if (topic.isEmpty() || !SIGNED.contains(topic.get().kind())) {
        continue;
      }
      if (topic.get().kind() == TerminalTopic.Kind.EVENTS && !messages.get(i).released()
          && signatures.revocation(topic.get().stationId(), topic.get().terminalId()).isEmpty()) {
        chainable.add(i);
      } else {
        int index = i;
        checks.add(() -> opened[index] = open(messages.get(index), parsed.get(index)));
      }
    }
    Decoded[] decoded = new Decoded[messages.size()];
    runChunked(chainable.stream().<Runnable>map(i -> () -> decoded[i] =
        preDecode(messages.get(i), parsed.get(i).orElseThrow())).toList());
    for (ChainRun run : chainRuns(chainable, decoded, messages)) {
      checks.add(() -> openRun(run, messages, parsed, decoded, opened));
    }
    for (int i : chainable) {
      if (decoded[i] == null) {
        checks.add(() -> opened[i] = open(messages.get(i), parsed.get(i)));
      }
    }
    runChunked(checks);
    return opened;
  }

  private void runChunked(List<Runnable> tasks) {
    List<CompletableFuture<Void>> chunks = new ArrayList<>();
    for (int from = 0; from < tasks.size(); from += CHUNK) {
      List<Runnable> chunk = tasks.subList(from, Math.min(tasks.size(), from + CHUNK));
      chunks.add(CompletableFuture.runAsync(() -> chunk.forEach(Runnable::run), verifiers));
    }
    CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).join();
  }

  /** An event whose body is known to be its terminal's, decoded. */
  record Decoded(byte[] body, AttendanceEvent event) {}

  /**
   * The event's signed body decoded, before its signature is checked; null when the message is
   * unsigned or its body is not a valid event of the topic's terminal (left to the check one by one,
   * which says why).
   */
  private static Decoded preDecode(InboundMessage m, TerminalTopic topic) {
    Optional<SignedPayload.Parts> parts = SignedPayload.split(m.payload());
    if (parts.isEmpty()) {
      return null;
    }
    try {
      byte[] body = parts.get().body();
      return new Decoded(body, decode(body, new TerminalRef(topic.stationId(), topic.terminalId())));
    } catch (ProtocolException e) {
      return null;
    }
  }

  /**
   * Events of one terminal that link by {@code prevHash}: {@code anchor} is the newest, whose
   * signature is checked; {@code vouched} are the older ones its chain covers. Each is a list of
   * message indexes carrying one body (a redelivered event arrives more than once).
   */
  record ChainRun(List<Integer> anchor, List<List<Integer>> vouched) {}

  /**
   * The chain runs among the {@code chainable} messages that decoded. Two different bodies under
   * one {@code terminalSeq} (a conflict) take no part: each is checked on its own.
   */
  static List<ChainRun> chainRuns(List<Integer> chainable, Decoded[] decoded,
      List<InboundMessage> messages) {
    Map<TerminalRef, TreeMap<Long, List<Integer>>> bySeq = new HashMap<>();
    for (int i : chainable) {
      if (decoded[i] != null) {
        AttendanceEvent e = decoded[i].event();
        bySeq.computeIfAbsent(new TerminalRef(e.stationId(), e.terminalId()), t -> new TreeMap<>())
            .computeIfAbsent(e.terminalSeq(), s -> new ArrayList<>()).add(i);
      }
    }
    List<ChainRun> runs = new ArrayList<>();
    for (TreeMap<Long, List<Integer>> seqs : bySeq.values()) {
      List<Integer> anchor = null;
      List<List<Integer>> vouched = new ArrayList<>();
      long anchorSeq = 0;
      String linkDown = null;
      for (Map.Entry<Long, List<Integer>> entry : seqs.descendingMap().entrySet()) {
        List<Integer> same = entry.getValue();
        if (!onePayload(same, messages)) {
          for (int i : same) {
            decoded[i] = null;
          }
          continue;
        }
        Decoded d = decoded[same.get(0)];
        long seq = entry.getKey();
        if (anchor != null && seq == anchorSeq - 1 - vouched.size() && linkDown != null
            && linkDown.equals(EventChain.hashOfBody(d.body()))) {
          vouched.add(same);
        } else {
          if (anchor != null) {
            runs.add(new ChainRun(anchor, vouched));
          }
          anchor = same;
          anchorSeq = seq;
          vouched = new ArrayList<>();
        }
        linkDown = d.event().evidence().prevHash();
      }
      if (anchor != null) {
        runs.add(new ChainRun(anchor, vouched));
      }
    }
    return runs;
  }

  /**
   * Whether the copies under one seq are byte for byte the same payload (a redelivery); copies
   * that differ, even only in their signature, are each checked on their own.
   */
  private static boolean onePayload(List<Integer> indexes, List<InboundMessage> messages) {
    byte[] first = messages.get(indexes.get(0)).payload();
    return indexes.stream().allMatch(i -> Arrays.equals(first, messages.get(i).payload()));
  }

  /** Verifies the newest signature of a run; the run counts with it, or is checked one by one. */
  private void openRun(ChainRun run, List<InboundMessage> messages,
      List<Optional<TerminalTopic>> parsed, Decoded[] decoded, Object[] opened) {
    int first = run.anchor().get(0);
    Object anchor = open(messages.get(first), parsed.get(first));
    opened[first] = anchor instanceof byte[] ? decoded[first] : anchor;
    if (anchor instanceof byte[]) {
      run.anchor().forEach(i -> opened[i] = decoded[i]);
      run.vouched().forEach(same -> same.forEach(i -> opened[i] = decoded[i]));
      return;
    }
    for (int i : run.anchor().subList(1, run.anchor().size())) {
      opened[i] = open(messages.get(i), parsed.get(i));
    }
    run.vouched().forEach(same -> same.forEach(i -> opened[i] = open(messages.get(i), parsed.get(i))));
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
    AttendanceEvent event = opened instanceof Decoded d ? d.event() : decode(body(opened), topic);
    return new ReceivedEvent(m.topic(), event,
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
