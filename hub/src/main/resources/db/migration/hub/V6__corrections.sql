-- Corrections and their audit trail, review decisions.

-- A request to change, add or void a session; only state and decided_* ever change.
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  volunteer TEXT NOT NULL,
  station TEXT NOT NULL,
  target TEXT,
  before_json TEXT,
  after_json TEXT,
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requester_kind TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  decision_reason TEXT
);

CREATE INDEX corrections_by_target ON corrections (target);

CREATE INDEX corrections_by_volunteer ON corrections (volunteer, state);

-- Append-only: every request, decision and review, with the session before and after.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  session_key TEXT,
  correction_id BIGINT,
  review_item TEXT,
  volunteer TEXT,
  station TEXT,
  reason TEXT,
  before_json TEXT,
  after_json TEXT
);

CREATE INDEX audit_by_session ON audit (session_key);

CREATE INDEX audit_by_correction ON audit (correction_id);

-- Insert-only: a review queue item accepted as counted leaves the queue.
CREATE TABLE review_decisions (
  item_key TEXT PRIMARY KEY,
  decision TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  reason TEXT NOT NULL
);
