-- Evidence measured at receipt, one row per stored event, written in the ingest batch's
-- transaction (docs/hours-rules.md, "Evidence at receipt"). clock_offset_ms is the terminal's
-- clock minus the hub's (null: unknown), offset_source HEARTBEAT or EVENT, delay_ms how late it
-- arrived with the offset taken out.

CREATE TABLE event_receipt (
  event_id TEXT PRIMARY KEY,
  station TEXT NOT NULL,
  terminal TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_at_epoch_ms BIGINT NOT NULL,
  recorded_offline INTEGER,
  clock_offset_ms BIGINT,
  delay_ms BIGINT NOT NULL,
  offset_source TEXT
);

-- Partial: only receipts still waiting for a heartbeat are looked up by terminal and time,
-- so the common measured row costs no second B-tree insert.
CREATE INDEX event_receipt_unmeasured ON event_receipt (station, terminal, received_at_epoch_ms)
  WHERE offset_source IS NULL;
