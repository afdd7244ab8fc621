-- The heartbeat's optional alarms (e.g. STORAGE_FULL), comma-separated, null when none.

ALTER TABLE terminals ADD COLUMN alarms TEXT;
