-- The fleet (docs/security.md). One row per provisioned terminal: the Ed25519 public key the
-- hub bound to (station, terminal), and the SHA-256 of its broker password (a random 256-bit
-- secret, so a fast hash is enough; the password itself is never stored). Claim codes are kept
-- as SHA-256 too, single use, with an expiry. Refusals (failed broker logins, denied publishes
-- and subscriptions, refused claims) are counted per kind and subject.

CREATE TABLE fleet_terminals (
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL,
  provisioned_at TEXT NOT NULL,
  provisioned_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  PRIMARY KEY (station, terminal)
);

-- Every key ever bound to a terminal: events signed while it was bound still verify after a
-- re-claim (a kiosk re-keyed while its outbox held signed events), and an audit can re-check
-- any stored event against the key of its time.
CREATE TABLE fleet_keys (
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  bound_at TEXT NOT NULL,
  retired_at TEXT,
  PRIMARY KEY (station, terminal, public_key)
);

CREATE TABLE fleet_claims (
  code_sha256 TEXT PRIMARY KEY,
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_fingerprint TEXT
);

CREATE TABLE fleet_refusals (
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL,
  count BIGINT NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (kind, subject)
);
