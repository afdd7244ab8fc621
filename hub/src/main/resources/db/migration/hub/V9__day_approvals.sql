-- Approvals of volunteers' days over a daily cap (docs/hours-rules.md, "Daily caps"), one row
-- per volunteer and calendar day holding the highest level granted. Granted from the review
-- queue; never lowered, and the audit trail keeps who granted what and why.

CREATE TABLE day_approvals (
  volunteer TEXT NOT NULL,
  day TEXT NOT NULL,
  level TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (volunteer, day)
);
