-- Service-record certificates (志愿服务记录证明), one row per issued PDF. number is
-- RV-<year>-<seq>; (issue_year, year_seq) is unique so numbers run on without gaps or twins
-- within a year. minutes and organisation are as printed, so a verification shows what the
-- paper says even after corrections or a renamed organisation.

CREATE TABLE certificates (
  number TEXT PRIMARY KEY,
  issue_year INTEGER NOT NULL,
  year_seq BIGINT NOT NULL,
  volunteer TEXT NOT NULL,
  volunteer_name TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  minutes BIGINT NOT NULL,
  organisation TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  revoked_reason TEXT,
  UNIQUE (issue_year, year_seq)
);

CREATE INDEX certificates_by_volunteer ON certificates (volunteer);
