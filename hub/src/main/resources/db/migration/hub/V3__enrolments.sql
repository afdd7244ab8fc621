-- Face enrolment records (docs/protocol.md §13), never templates.

CREATE TABLE enrolments (
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  enrolment_seq BIGINT NOT NULL,
  volunteer TEXT NOT NULL,
  consent_id TEXT NOT NULL,
  consent_version TEXT NOT NULL,
  state TEXT NOT NULL,
  at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (station, terminal, enrolment_seq)
);

CREATE INDEX enrolments_by_station ON enrolments (station, volunteer);
