-- Holding a revoked terminal's late events for review (docs/security.md, "Salvage"). A
-- terminal revoked with revoke_mode HOLD may still deliver its events; each one received after
-- the revocation waits in fleet_held, never counted, until an admin releases it into ingest
-- (counted, graded NEEDS_REVIEW) or discards it. decided_by and decided_at say who did which,
-- when; rows are never deleted.

ALTER TABLE fleet_terminals ADD COLUMN revoke_mode TEXT;

ALTER TABLE fleet_terminals ADD COLUMN hold_ended_at TEXT;

ALTER TABLE fleet_terminals ADD COLUMN hold_ended_by TEXT;

CREATE TABLE fleet_held (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  terminal_seq BIGINT NOT NULL,
  volunteer TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  signature_valid INTEGER NOT NULL,
  signature_detail TEXT,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT
);

CREATE INDEX fleet_held_by_terminal ON fleet_held (station, terminal, terminal_seq);
