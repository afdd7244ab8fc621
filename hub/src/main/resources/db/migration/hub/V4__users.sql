-- Dashboard users and sign-in sessions.

CREATE TABLE users (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  -- comma-separated station ids a STATION_MANAGER manages; empty for a HUB_ADMIN
  stations TEXT NOT NULL,
  -- PBKDF2WithHmacSHA256: base64 hash and salt, and the iteration count used
  password_hash TEXT NOT NULL,
  password_salt TEXT NOT NULL,
  password_iterations INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Only a SHA-256 of the session token is stored: a copy of the table signs nobody in.
CREATE TABLE web_sessions (
  token_sha256 TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users (username),
  created_at TEXT NOT NULL,
  last_seen_epoch_ms BIGINT NOT NULL
);

CREATE INDEX web_sessions_by_user ON web_sessions (username);
