-- The fleet state a kiosk reports in its heartbeat (ok, not-joined, login-refused,
-- publishes-unacked) and why, shown on the fleet page (docs/protocol.md §8).

ALTER TABLE terminals ADD COLUMN fleet_state TEXT;

ALTER TABLE terminals ADD COLUMN fleet_detail TEXT;
