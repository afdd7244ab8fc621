-- The ledger: events as received, each terminal's committed sequence and last status,
-- dead letters (bad input kept aside), and the sessions materialised from the events.

CREATE TABLE events (
  event_id TEXT PRIMARY KEY,
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  terminal_seq BIGINT NOT NULL,
  volunteer TEXT NOT NULL,
  kind TEXT NOT NULL,
  method TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  occurred_at_epoch_ms BIGINT NOT NULL,
  received_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (station, terminal, terminal_seq)
);

CREATE INDEX events_by_volunteer ON events (volunteer, occurred_at_epoch_ms);

CREATE TABLE terminals (
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  committed_seq BIGINT NOT NULL DEFAULT 0,
  state TEXT,
  state_at TEXT,
  software TEXT,
  status_received_at TEXT,
  heartbeat_at TEXT,
  heartbeat_received_at TEXT,
  queue_depth BIGINT,
  oldest_unacked_age_s BIGINT,
  camera_state TEXT,
  camera_detail TEXT,
  fps DOUBLE PRECISION,
  PRIMARY KEY (station, terminal)
);

-- An INTEGER PRIMARY KEY is SQLite's row id; PostgreSQL would use an identity column.
CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  payload_text TEXT,
  payload_base64 TEXT NOT NULL,
  reason TEXT NOT NULL,
  received_at TEXT NOT NULL
);

CREATE TABLE sessions (
  volunteer TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  station TEXT NOT NULL,
  check_in_at TEXT,
  check_out_at TEXT,
  start_epoch_ms BIGINT NOT NULL,
  minutes BIGINT NOT NULL,
  status TEXT NOT NULL,
  flags TEXT NOT NULL,
  check_in_event_id TEXT,
  check_out_event_id TEXT,
  PRIMARY KEY (volunteer, ordinal)
);

CREATE INDEX sessions_by_start ON sessions (start_epoch_ms);
