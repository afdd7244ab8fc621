package org.redvest.hub.store;

import java.util.List;

/**
 * The SQL of the pre-Flyway schema versions 4 to 14, as {@link LegacySchema} ran them; a fixture,
 * never edited (the same SQL now lives in {@code db/migration/hub/V4__users.sql} and on).
 */
final class LegacySchemaParts {
  /** 4: dashboard users and sign-in sessions. */
  static final List<String> V4_USERS = List.of(
      "CREATE TABLE users ("
          + " username TEXT PRIMARY KEY,"
          + " display_name TEXT NOT NULL,"
          + " role TEXT NOT NULL,"
          // comma-separated station ids a STATION_MANAGER manages; empty for a HUB_ADMIN
          + " stations TEXT NOT NULL,"
          // PBKDF2WithHmacSHA256: base64 hash and salt, and the iteration count used
          + " password_hash TEXT NOT NULL,"
          + " password_salt TEXT NOT NULL,"
          + " password_iterations INTEGER NOT NULL,"
          + " disabled INTEGER NOT NULL DEFAULT 0,"
          + " created_at TEXT NOT NULL,"
          + " updated_at TEXT NOT NULL)",
      // Only a SHA-256 of the session token is stored: a copy of the table signs nobody in.
      "CREATE TABLE web_sessions ("
          + " token_sha256 TEXT PRIMARY KEY,"
          + " username TEXT NOT NULL REFERENCES users (username),"
          + " created_at TEXT NOT NULL,"
          + " last_seen_epoch_ms BIGINT NOT NULL)",
      "CREATE INDEX web_sessions_by_user ON web_sessions (username)");

  /**
   * 5: organisations, stations, activities, volunteers (the catalogue hours roll up by, filled by
   * CSV imports), and import jobs with their rejected rows. No foreign keys: imports arrive in any
   * order and check references themselves, naming the row. Volunteers hold a masked identity
   * number only; the full number is never stored.
   */
  static final List<String> V5_CATALOGUE = List.of(
      "CREATE TABLE organisations (id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT,"
          + " person_in_charge TEXT, handler TEXT, contact TEXT, updated_at TEXT NOT NULL)",
      "CREATE TABLE stations (id TEXT PRIMARY KEY, name TEXT NOT NULL, organisation_id TEXT,"
          + " latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, updated_at TEXT NOT NULL)",
      "CREATE INDEX stations_by_organisation ON stations (organisation_id)",
      "CREATE TABLE activities (id TEXT PRIMARY KEY, name TEXT NOT NULL, station_id TEXT,"
          + " organisation_id TEXT, content TEXT, updated_at TEXT NOT NULL)",
      "CREATE TABLE volunteers (id TEXT PRIMARY KEY, name TEXT NOT NULL, organisation_id TEXT,"
          + " id_number_masked TEXT, updated_at TEXT NOT NULL)",
      "CREATE INDEX volunteers_by_organisation ON volunteers (organisation_id)",
      "CREATE TABLE import_jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT,"
          + " state TEXT NOT NULL, bytes_total BIGINT NOT NULL, bytes_read BIGINT NOT NULL,"
          + " rows_read BIGINT NOT NULL, imported BIGINT NOT NULL, rejected BIGINT NOT NULL,"
          + " started_by TEXT, started_at TEXT NOT NULL, finished_at TEXT, error TEXT)",
      "CREATE TABLE import_rejections (job_id TEXT NOT NULL, line BIGINT NOT NULL,"
          + " reason TEXT NOT NULL, reason_zh TEXT NOT NULL, PRIMARY KEY (job_id, line))");

  /** 6: corrections and their audit trail, review decisions, import jobs. */
  static final List<String> V6_CORRECTIONS = List.of(
      // A request to change, add or void a session; only state and decided_* ever change.
      "CREATE TABLE corrections ("
          + " id INTEGER PRIMARY KEY,"
          + " kind TEXT NOT NULL,"
          + " volunteer TEXT NOT NULL,"
          + " station TEXT NOT NULL,"
          + " target TEXT,"
          + " before_json TEXT,"
          + " after_json TEXT,"
          + " reason TEXT NOT NULL,"
          + " requested_by TEXT NOT NULL,"
          + " requester_kind TEXT NOT NULL,"
          + " requested_at TEXT NOT NULL,"
          + " state TEXT NOT NULL,"
          + " decided_by TEXT,"
          + " decided_at TEXT,"
          + " decision_reason TEXT)",
      "CREATE INDEX corrections_by_target ON corrections (target)",
      "CREATE INDEX corrections_by_volunteer ON corrections (volunteer, state)",
      // Append-only: every request, decision and review, with the session before and after.
      "CREATE TABLE audit ("
          + " id INTEGER PRIMARY KEY,"
          + " at TEXT NOT NULL,"
          + " actor TEXT NOT NULL,"
          + " action TEXT NOT NULL,"
          + " session_key TEXT,"
          + " correction_id BIGINT,"
          + " review_item TEXT,"
          + " volunteer TEXT,"
          + " station TEXT,"
          + " reason TEXT,"
          + " before_json TEXT,"
          + " after_json TEXT)",
      "CREATE INDEX audit_by_session ON audit (session_key)",
      "CREATE INDEX audit_by_correction ON audit (correction_id)",
      // Insert-only: a review queue item accepted as counted leaves the queue.
      "CREATE TABLE review_decisions ("
          + " item_key TEXT PRIMARY KEY,"
          + " decision TEXT NOT NULL,"
          + " decided_by TEXT NOT NULL,"
          + " decided_at TEXT NOT NULL,"
          + " reason TEXT NOT NULL)");

  /**
   * 7: evidence measured at receipt, one row per stored event, written in the ingest batch's
   * transaction (docs/hours-rules.md, "Evidence at receipt"). {@code clock_offset_ms} is the
   * terminal's clock minus the hub's (null: unknown), {@code offset_source} HEARTBEAT or EVENT,
   * {@code delay_ms} how late it arrived with the offset taken out.
   */
  static final List<String> V7_RECEIPT = List.of(
      "CREATE TABLE event_receipt ("
          + " event_id TEXT PRIMARY KEY,"
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " received_at TEXT NOT NULL,"
          + " received_at_epoch_ms BIGINT NOT NULL,"
          + " recorded_offline INTEGER,"
          + " clock_offset_ms BIGINT,"
          + " delay_ms BIGINT NOT NULL,"
          + " offset_source TEXT)",
      // Partial: only receipts still waiting for a heartbeat are looked up by terminal and time,
      // so the common measured row costs no second B-tree insert.
      "CREATE INDEX event_receipt_unmeasured ON event_receipt (station, terminal, received_at_epoch_ms)"
          + " WHERE offset_source IS NULL");

  /**
   * 8: service-record certificates (志愿服务记录证明), one row per issued PDF. {@code number} is
   * {@code RV-<year>-<seq>}; {@code (issue_year, year_seq)} is unique so numbers run on without
   * gaps or twins within a year. {@code minutes} and {@code organisation} are as printed, so a
   * verification shows what the paper says even after corrections or a renamed organisation.
   */
  static final List<String> V5B_CERTIFICATES = List.of(
      "CREATE TABLE certificates ("
          + " number TEXT PRIMARY KEY,"
          + " issue_year INTEGER NOT NULL,"
          + " year_seq BIGINT NOT NULL,"
          + " volunteer TEXT NOT NULL,"
          + " volunteer_name TEXT NOT NULL,"
          + " period_from TEXT NOT NULL,"
          + " period_to TEXT NOT NULL,"
          + " minutes BIGINT NOT NULL,"
          + " organisation TEXT NOT NULL,"
          + " issued_by TEXT NOT NULL,"
          + " issued_at TEXT NOT NULL,"
          + " sha256 TEXT NOT NULL,"
          + " revoked_at TEXT,"
          + " revoked_by TEXT,"
          + " revoked_reason TEXT,"
          + " UNIQUE (issue_year, year_seq))",
      "CREATE INDEX certificates_by_volunteer ON certificates (volunteer)");

  private LegacySchemaParts() {}

  /**
   * 9: approvals of volunteers' days over a daily cap (docs/hours-rules.md, "Daily caps"), one row
   * per volunteer and calendar day holding the highest level granted. Granted from the review
   * queue; never lowered, and the audit trail keeps who granted what and why.
   */
  static final List<String> V9_DAY_APPROVALS = List.of(
      "CREATE TABLE day_approvals ("
          + " volunteer TEXT NOT NULL,"
          + " day TEXT NOT NULL,"
          + " level TEXT NOT NULL,"
          + " granted_by TEXT NOT NULL,"
          + " granted_at TEXT NOT NULL,"
          + " reason TEXT NOT NULL,"
          + " PRIMARY KEY (volunteer, day))");

  /**
   * 10: volunteers whose materialised sessions are behind their events. The ingest batch that
   * stores a volunteer's events marks them in its own transaction; the session rewrite clears the
   * mark in its transaction. A hub stopped in between (crash, kill, power) finds the marks at the
   * next start and rewrites those volunteers first, so an acknowledged event is never left out
   * of the hours. Also how a full recompute is queued (every volunteer marked).
   */
  static final List<String> V10_STALE_SESSIONS = List.of(
      "CREATE TABLE stale_volunteers ("
          + " volunteer TEXT PRIMARY KEY,"
          + " marked_at TEXT NOT NULL)",
      "CREATE TABLE hub_settings ("
          + " name TEXT PRIMARY KEY,"
          + " value TEXT NOT NULL)");

  /**
   * 11: the fleet (docs/security.md). One row per provisioned terminal: the Ed25519 public key the
   * hub bound to {@code (station, terminal)}, and the SHA-256 of its broker password (a random
   * 256-bit secret, so a fast hash is enough; the password itself is never stored). Claim codes
   * are kept as SHA-256 too, single use, with an expiry. Refusals (failed broker logins, denied
   * publishes and subscriptions, refused claims) are counted per kind and subject.
   */
  static final List<String> V11_FLEET = List.of(
      "CREATE TABLE fleet_terminals ("
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " public_key TEXT NOT NULL,"
          + " fingerprint TEXT NOT NULL,"
          + " secret_sha256 TEXT NOT NULL,"
          + " provisioned_at TEXT NOT NULL,"
          + " provisioned_by TEXT NOT NULL,"
          + " revoked_at TEXT,"
          + " revoked_by TEXT,"
          + " PRIMARY KEY (station, terminal))",
      // Every key ever bound to a terminal: events signed while it was bound still verify after a
      // re-claim (a kiosk re-keyed while its outbox held signed events), and an audit can re-check
      // any stored event against the key of its time.
      "CREATE TABLE fleet_keys ("
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " public_key TEXT NOT NULL,"
          + " fingerprint TEXT NOT NULL,"
          + " bound_at TEXT NOT NULL,"
          + " retired_at TEXT,"
          + " PRIMARY KEY (station, terminal, public_key))",
      "CREATE TABLE fleet_claims ("
          + " code_sha256 TEXT PRIMARY KEY,"
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " created_by TEXT NOT NULL,"
          + " created_at TEXT NOT NULL,"
          + " expires_at TEXT NOT NULL,"
          + " used_at TEXT,"
          + " used_fingerprint TEXT)",
      "CREATE TABLE fleet_refusals ("
          + " kind TEXT NOT NULL,"
          + " subject TEXT NOT NULL,"
          + " detail TEXT NOT NULL,"
          + " count BIGINT NOT NULL,"
          + " first_at TEXT NOT NULL,"
          + " last_at TEXT NOT NULL,"
          + " PRIMARY KEY (kind, subject))");

  /**
   * 12: holding a revoked terminal's late events for review (docs/security.md, "Salvage"). A
   * terminal revoked with {@code revoke_mode} {@code HOLD} may still deliver its events; each one
   * received after the revocation waits in {@code fleet_held}, never counted, until an admin
   * releases it into ingest (counted, graded NEEDS_REVIEW) or discards it. {@code decided_by} and
   * {@code decided_at} say who did which, when; rows are never deleted.
   */
  static final List<String> V12_HOLDS = List.of(
      "ALTER TABLE fleet_terminals ADD COLUMN revoke_mode TEXT",
      "ALTER TABLE fleet_terminals ADD COLUMN hold_ended_at TEXT",
      "ALTER TABLE fleet_terminals ADD COLUMN hold_ended_by TEXT",
      "CREATE TABLE fleet_held ("
          + " id INTEGER PRIMARY KEY,"
          + " event_id TEXT NOT NULL UNIQUE,"
          + " station TEXT NOT NULL,"
          + " terminal TEXT NOT NULL,"
          + " terminal_seq BIGINT NOT NULL,"
          + " volunteer TEXT NOT NULL,"
          + " kind TEXT NOT NULL,"
          + " occurred_at TEXT NOT NULL,"
          + " received_at TEXT NOT NULL,"
          + " signature_valid INTEGER NOT NULL,"
          + " signature_detail TEXT,"
          + " topic TEXT NOT NULL,"
          + " payload TEXT NOT NULL,"
          + " state TEXT NOT NULL,"
          + " decided_by TEXT,"
          + " decided_at TEXT)",
      "CREATE INDEX fleet_held_by_terminal ON fleet_held (station, terminal, terminal_seq)");

  /**
   * 13: the terminal's broker password hashed the way Mosquitto 2 checks it ({@code $7$}, PBKDF2
   * with HMAC-SHA512, as {@code mosquitto_passwd} writes it), made at provisioning, the only time
   * the hub holds the password. Terminals provisioned before this version have none (null) and so
   * no entry in the hub-written Mosquitto password file until they are claimed again.
   */
  static final List<String> V13_MOSQUITTO = List.of(
      "ALTER TABLE fleet_terminals ADD COLUMN mosquitto_hash TEXT");

  /**
   * 14: the fleet state a kiosk reports in its heartbeat ({@code ok}, {@code not-joined}, {@code
   * login-refused}, {@code publishes-unacked}) and why, shown on the fleet page.
   */
  static final List<String> V14_FLEET_STATE = List.of(
      "ALTER TABLE terminals ADD COLUMN fleet_state TEXT",
      "ALTER TABLE terminals ADD COLUMN fleet_detail TEXT");
}
