package org.redvest.terminal.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.redvest.protocol.AttendanceEvent;
import org.redvest.protocol.EventChain;
import org.redvest.protocol.Evidence;
import org.redvest.protocol.StationId;
import org.redvest.protocol.TerminalId;
import org.redvest.protocol.Uuid7;
import org.redvest.protocol.VolunteerId;
import org.redvest.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's durable event store, one SQLite file ({@value #FILE_NAME}) in the data dir.
 *
 * <p>{@link #append} numbers an event and commits it (WAL, {@code synchronous=FULL}) before it
 * returns, so the kiosk may tell the volunteer "checked in" as soon as it does. Sequence numbers
 * come from a counter in the meta table, not from the rows, so they are never reused even once
 * old events are pruned. Events stay after the hub acknowledges them: they are the terminal's
 * evidence.
 *
 * <p>Each event carries evidence stamped here: {@code prevHash}, the SHA-256 of the previous
 * event's exact stored payload ({@link EventChain}), so editing a stored row afterwards is
 * detectable at the hub; and {@code recordedOffline} once {@link #connectedWhen} says how to tell.
 *
 * <p>The station and terminal ids are written on first open; opening the same file with other
 * ids fails, because a second identity would continue (or restart) someone else's
 * {@code terminalSeq}. All methods are thread-safe (one connection, serialised).
 *
 * <p>Other processes may open the same file at the same time (the {@code publish} command beside
 * a running kiosk): every transaction takes the write lock when it begins ({@code BEGIN
 * IMMEDIATE}), waiting up to 5 s for the other, so the sequence counter and {@code chain_head}
 * are read and advanced under one lock. A deferred transaction would read them under a snapshot
 * and then fail with {@code SQLITE_BUSY} at its first write, refusing the volunteer's check-in.
 */
public final class Outbox implements AutoCloseable {
  public static final String FILE_NAME = "outbox.db";

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final String SCHEMA_VERSION = "1";
  private static final int APPEND_BATCH = 500;

  private final Connection db;
  private final StationId station;
  private final TerminalId terminal;
  private final Clock clock;
  private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
  private volatile boolean storageFull;
  private volatile BooleanSupplier connected;
  private volatile java.util.function.UnaryOperator<byte[]> signer = java.util.function.UnaryOperator.identity();
  private boolean closed;

  private Outbox(Connection db, StationId station, TerminalId terminal, Clock clock) {
    this.db = db;
    this.station = station;
    this.terminal = terminal;
    this.clock = clock;
  }

  /**
   * Signs every event appended from now on with {@code signer} (the terminal's own key, docs/
   * protocol.md §16) before it is stored: the stored payload, signature included, is what is sent
   * and what the next event's {@code prevHash} covers, so each link of the chain is signed.
   */
  public void signWith(java.util.function.UnaryOperator<byte[]> newSigner) {
    this.signer = java.util.Objects.requireNonNull(newSigner, "signer");
  }

  /**
   * Opens (creating if needed) the outbox in {@code dataDir}.
   *
   * @param clock stamps event ids and the time each event was appended
   * @throws OutboxException if the file cannot be opened or belongs to another station/terminal
   */
  public static Outbox open(Path dataDir, StationId station, TerminalId terminal, Clock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new OutboxException("cannot create data dir " + dataDir, e);
    }
    Path file = dataDir.resolve(FILE_NAME);
    Connection db = null;
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file, writeFirstConfig().toProperties());
      Outbox outbox = new Outbox(db, station, terminal, clock);
      outbox.initialise(file);
      return outbox;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(db);
      if (e instanceof OutboxException oe) {
        throw oe;
      }
      throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
    }
  }

  public StationId station() {
    return station;
  }

  public TerminalId terminal() {
    return terminal;
  }

  /**
   * From now on, stamps {@code recordedOffline} on each appended event as the negation of
   * {@code connected} at the moment of the append (the relay's link to the broker). Until this is
   * called the field is left out (unknown). A draft that already states it keeps its value.
   */
  public void connectedWhen(BooleanSupplier connected) {
    this.connected = connected;
  }

  /** Runs {@code listener} after each committed append (on the appending thread); must not block. */
  public void onAppend(Runnable listener) {
    appendListeners.add(listener);
  }

  /**
   * Numbers {@code draft} with the next {@code terminalSeq} and a UUIDv7, stores the encoded
   * payload, and commits. When this returns the event survives a power cut.
   *
   * @throws org.redvest.protocol.ProtocolException if the draft breaks a protocol rule (nothing
   *     is stored and no sequence number is used)
   * @throws OutboxFullException if the disk is full (nothing is stored; {@link #storageFull()}
   *     stays true until an append succeeds)
   */
  public AttendanceEvent append(Draft draft) {
    AttendanceEvent event;
    synchronized (this) {
      ensureOpen();
      try {
        event = inTransaction(() -> insert(draft));
      } catch (OutboxFullException e) {
        storageFull = true;
        throw e;
      }
      storageFull = false;
    }
    appendListeners.forEach(Runnable::run);
    return event;
  }

  /**
   * Appends {@code drafts} in order as {@link #append} would, committing up to {@value
   * #APPEND_BATCH} of them per transaction: a file of thousands is stored in seconds rather than
   * one disk sync each, and a kiosk appending beside it waits for one batch at most. A batch that
   * fails stores nothing of itself; the batches before it stay.
   *
   * @return the events as numbered, in order
   */
  public List<AttendanceEvent> appendAll(List<Draft> drafts) {
    List<AttendanceEvent> events = new ArrayList<>(drafts.size());
    for (int from = 0; from < drafts.size(); from += APPEND_BATCH) {
      List<Draft> batch = drafts.subList(from, Math.min(drafts.size(), from + APPEND_BATCH));
      synchronized (this) {
        ensureOpen();
        try {
          events.addAll(inTransaction(() -> {
            List<AttendanceEvent> stored = new ArrayList<>(batch.size());
            for (Draft d : batch) {
              stored.add(insert(d));
            }
            return stored;
          }));
        } catch (OutboxFullException e) {
          storageFull = true;
          throw e;
        }
        storageFull = false;
      }
      appendListeners.forEach(Runnable::run);
    }
    return events;
  }

  /** Up to {@code limit} events not yet acknowledged by the hub, in {@code terminalSeq} order. */
  public synchronized List<StoredEvent> unacked(int limit) {
    ensureOpen();
    String sql = "SELECT seq, payload, last_sent_ms, send_count FROM events"
        + " WHERE seq > ? ORDER BY seq LIMIT ?";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setLong(1, readCommittedSeq());
      ps.setInt(2, limit);
      List<StoredEvent> events = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long sentMs = rs.getLong(3);
          Instant lastSent = rs.wasNull() ? null : Instant.ofEpochMilli(sentMs);
          events.add(new StoredEvent(rs.getLong(1), rs.getBytes(2), lastSent, rs.getInt(4)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw failure("read unacked events", e);
    }
  }

  /** Records that the events with these sequence numbers were handed to the broker at {@code at}. */
  public synchronized void markSent(Collection<Long> seqs, Instant at) {
    ensureOpen();
    if (seqs.isEmpty()) {
      return;
    }
    inTransaction(() -> {
      String sql = "UPDATE events SET last_sent_ms = ?, send_count = send_count + 1 WHERE seq = ?";
      try (PreparedStatement ps = db.prepareStatement(sql)) {
        for (long seq : seqs) {
          ps.setLong(1, at.toEpochMilli());
          ps.setLong(2, seq);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /**
   * Applies the hub's ack: every event up to {@code committedSeq} is stored by the hub. An ack
   * older than the one already applied is ignored (acks can arrive out of order across
   * reconnects); so is one beyond the last appended event, which can only belong to another
   * history of this terminal (a wiped data dir) and would otherwise silently swallow new events.
   *
   * @return whether the committed sequence number advanced
   */
  public synchronized boolean acknowledge(long committedSeq) {
    ensureOpen();
    long current = readCommittedSeq();
    if (committedSeq <= current) {
      return false;
    }
    long last = readLong("last_seq");
    if (committedSeq > last) {
      LOG.warn("Ignoring ack for terminalSeq {} beyond the last appended {} of {}/{}:"
          + " was this data dir reset?", committedSeq, last, station, terminal);
      return false;
    }
    inTransaction(() -> {
      writeMeta("committed_seq", Long.toString(committedSeq));
      return null;
    });
    return true;
  }

  /** Whether the last append failed because the disk is full (the heartbeat's alarm). */
  public boolean storageFull() {
    return storageFull;
  }

  /** The highest {@code terminalSeq} the hub has acknowledged, 0 if none. */
  public synchronized long committedSeq() {
    ensureOpen();
    return readCommittedSeq();
  }

  /** The highest {@code terminalSeq} appended so far, 0 if none. */
  public synchronized long lastSeq() {
    ensureOpen();
    return readLong("last_seq");
  }

  /** Number of events the hub has not acknowledged yet. */
  public synchronized long depth() {
    ensureOpen();
    return queryLong("SELECT COUNT(*) FROM events WHERE seq > ?", readCommittedSeq())
        .orElse(0L);
  }

  /** When the oldest unacknowledged event was appended (outbox clock), empty when none. */
  public synchronized Optional<Instant> oldestUnackedAt() {
    ensureOpen();
    return queryLong("SELECT MIN(appended_ms) FROM events WHERE seq > ?", readCommittedSeq())
        .map(Instant::ofEpochMilli);
  }

  /** The most recently appended event of {@code volunteer}, acknowledged or not. */
  public synchronized Optional<AttendanceEvent> lastEvent(VolunteerId volunteer) {
    ensureOpen();
    String sql = "SELECT payload FROM events WHERE volunteer_id = ? ORDER BY seq DESC LIMIT 1";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, volunteer.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(WireCodec.decodeEvent(rs.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read the last event of " + volunteer, e);
    }
  }

  /**
   * Events that occurred at or after {@code from}, in {@code terminalSeq} order (the kiosk
   * screen's "today"). Stored times are compared as text with a day's margin, then exactly.
   */
  public synchronized List<AttendanceEvent> eventsSince(java.time.OffsetDateTime from) {
    ensureOpen();
    String sql = "SELECT payload FROM events WHERE occurred_at >= ? ORDER BY seq";
    return decodeAll(sql, WireCodec.formatTime(from.minusDays(1)), e -> !e.occurredAt().isBefore(from));
  }

  /** Each volunteer's last event where it is a {@code CHECK_IN}: the sessions still open here. */
  public synchronized List<AttendanceEvent> openCheckIns() {
    ensureOpen();
    String sql = "SELECT payload FROM events e WHERE kind = ? AND seq ="
        + " (SELECT MAX(seq) FROM events l WHERE l.volunteer_id = e.volunteer_id) ORDER BY seq";
    return decodeAll(sql, "CHECK_IN", e -> true);
  }

  private List<AttendanceEvent> decodeAll(String sql, String param,
      java.util.function.Predicate<AttendanceEvent> keep) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, param);
      List<AttendanceEvent> events = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          AttendanceEvent event = WireCodec.decodeEvent(rs.getBytes(1));
          if (keep.test(event)) {
            events.add(event);
          }
        }
      }
      return events;
    } catch (SQLException e) {
      throw failure("read events", e);
    }
  }

  /** Closes the file; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  // --- schema and identity ---

  private static org.sqlite.SQLiteConfig writeFirstConfig() {
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(5000);
    return config;
  }

  private void initialise(Path file) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS events ("
          + " seq INTEGER PRIMARY KEY,"
          + " event_id TEXT NOT NULL UNIQUE,"
          + " volunteer_id TEXT NOT NULL,"
          + " kind TEXT NOT NULL,"
          + " occurred_at TEXT NOT NULL,"
          + " appended_ms INTEGER NOT NULL,"
          + " payload BLOB NOT NULL,"
          + " last_sent_ms INTEGER,"
          + " send_count INTEGER NOT NULL DEFAULT 0)");
      s.execute("CREATE INDEX IF NOT EXISTS events_by_volunteer ON events (volunteer_id, seq)");
    }
    inTransaction(() -> {
      claimIdentity(file);
      return null;
    });
  }

  private void claimIdentity(Path file) throws SQLException {
    Optional<String> storedStation = readMeta("station_id");
    if (storedStation.isEmpty()) {
      writeMeta("schema_version", SCHEMA_VERSION);
      writeMeta("station_id", station.value());
      writeMeta("terminal_id", terminal.value());
      writeMeta("last_seq", "0");
      writeMeta("committed_seq", "0");
      return;
    }
    String storedTerminal = readMeta("terminal_id").orElse("");
    if (!storedStation.get().equals(station.value()) || !storedTerminal.equals(terminal.value())) {
      throw new OutboxException("outbox " + file + " belongs to station " + storedStation.get()
          + " terminal " + storedTerminal + ", not station " + station + " terminal " + terminal
          + "; its terminalSeq cannot be continued under another identity (use another data dir)");
    }
  }

  // --- append ---

  private AttendanceEvent insert(Draft d) throws SQLException {
    long seq = readLong("last_seq") + 1;
    AttendanceEvent event = new AttendanceEvent(
        AttendanceEvent.VERSION, Uuid7.next(clock), station, terminal, seq, d.volunteerId(),
        d.kind(), d.method(), d.occurredAt(), d.activityId(), d.confidence(), d.operatorId(),
        d.reason(), stamped(d.evidence(), seq));
    byte[] payload = signer.apply(WireCodec.encodeEvent(event));
    String sql = "INSERT INTO events (seq, event_id, volunteer_id, kind, occurred_at, appended_ms,"
        + " payload) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setLong(1, seq);
      ps.setString(2, event.eventId().toString());
      ps.setString(3, event.volunteerId().value());
      ps.setString(4, event.kind().name());
      ps.setString(5, WireCodec.formatTime(event.occurredAt()));
      ps.setLong(6, clock.millis());
      ps.setBytes(7, payload);
      ps.executeUpdate();
    }
    writeMeta("last_seq", Long.toString(seq));
    writeMeta("chain_head", EventChain.hashOf(payload));
    return event;
  }

  private Evidence stamped(Evidence evidence, long seq) throws SQLException {
    BooleanSupplier link = connected;
    Evidence e = evidence.recordedOffline() == null && link != null
        ? evidence.withRecordedOffline(!link.getAsBoolean()) : evidence;
    return e.withPrevHash(previousHash(seq));
  }

  /**
   * The hash of event {@code seq - 1}'s stored payload: kept in meta as {@code chain_head}, or
   * read from the row for an outbox written before the chain existed.
   */
  private String previousHash(long seq) throws SQLException {
    if (seq == 1) {
      return EventChain.GENESIS;
    }
    Optional<String> head = readMeta("chain_head");
    if (head.isPresent()) {
      return head.get();
    }
    try (PreparedStatement ps = db.prepareStatement("SELECT payload FROM events WHERE seq = ?")) {
      ps.setLong(1, seq - 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? EventChain.hashOf(rs.getBytes(1)) : EventChain.GENESIS;
      }
    }
  }

  // --- SQL plumbing ---

  private <T> T inTransaction(Transaction.Work<T> work) {
    try {
      return Transaction.run(db, work);
    } catch (SQLException e) {
      throw failure("write", e);
    }
  }

  private long readCommittedSeq() {
    return readLong("committed_seq");
  }

  private long readLong(String key) {
    try {
      return Long.parseLong(readMeta(key).orElse("0"));
    } catch (SQLException e) {
      throw failure("read " + key, e);
    }
  }

  private Optional<String> readMeta(String key) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private void writeMeta(String key, String value) throws SQLException {
    String sql = "INSERT INTO meta (key, value) VALUES (?, ?)"
        + " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  private Optional<Long> queryLong(String sql, long param) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setLong(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long value = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
      }
    } catch (SQLException e) {
      throw failure("query", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("outbox of " + station + "/" + terminal + " is closed");
    }
  }

  private OutboxException failure(String what, SQLException e) {
    if (isDiskFull(e)) {
      return new OutboxFullException("outbox of " + station + "/" + terminal + ": cannot " + what
          + ": the disk is full: " + e.getMessage(), e);
    }
    return new OutboxException(
        "outbox of " + station + "/" + terminal + ": cannot " + what + ": " + e.getMessage(), e);
  }

  /** SQLITE_FULL (13), also when SQLite reports it as an I/O error on a short write. */
  private static boolean isDiskFull(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return (e.getErrorCode() & 0xff) == 13 || message.contains("SQLITE_FULL")
        || message.contains("No space left on device");
  }

  private static void closeQuietly(Connection db) {
    if (db == null) {
      return;
    }
    try {
      db.close();
    } catch (SQLException e) {
      LOG.debug("closing a half-opened outbox failed", e);
    }
  }
}
