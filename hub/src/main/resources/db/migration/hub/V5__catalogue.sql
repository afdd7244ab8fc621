-- Organisations, stations, activities, volunteers (the catalogue hours roll up by, filled by
-- CSV imports), and import jobs with their rejected rows. No foreign keys: imports arrive in any
-- order and check references themselves, naming the row. Volunteers hold a masked identity
-- number only; the full number is never stored.

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_id TEXT,
  person_in_charge TEXT,
  handler TEXT,
  contact TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  organisation_id TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  updated_at TEXT NOT NULL
);

CREATE INDEX stations_by_organisation ON stations (organisation_id);

CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  station_id TEXT,
  organisation_id TEXT,
  content TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE volunteers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  organisation_id TEXT,
  id_number_masked TEXT,
  updated_at TEXT NOT NULL
);

CREATE INDEX volunteers_by_organisation ON volunteers (organisation_id);

CREATE TABLE import_jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT,
  state TEXT NOT NULL,
  bytes_total BIGINT NOT NULL,
  bytes_read BIGINT NOT NULL,
  rows_read BIGINT NOT NULL,
  imported BIGINT NOT NULL,
  rejected BIGINT NOT NULL,
  started_by TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  error TEXT
);

CREATE TABLE import_rejections (
  job_id TEXT NOT NULL,
  line BIGINT NOT NULL,
  reason TEXT NOT NULL,
  reason_zh TEXT NOT NULL,
  PRIMARY KEY (job_id, line)
);
