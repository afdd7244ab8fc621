-- Volunteers whose materialised sessions are behind their events. The ingest batch that
-- stores a volunteer's events marks them in its own transaction; the session rewrite clears the
-- mark in its transaction. A hub stopped in between (crash, kill, power) finds the marks at the
-- next start and rewrites those volunteers first, so an acknowledged event is never left out
-- of the hours. Also how a full recompute is queued (every volunteer marked). hub_settings:
-- hub settings sessions depend on.

CREATE TABLE stale_volunteers (
  volunteer TEXT PRIMARY KEY,
  marked_at TEXT NOT NULL
);

CREATE TABLE hub_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
