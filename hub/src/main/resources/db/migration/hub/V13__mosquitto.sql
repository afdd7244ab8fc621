-- The terminal's broker password hashed the way Mosquitto 2 checks it ($7$, PBKDF2 with
-- HMAC-SHA512, as mosquitto_passwd writes it), made at provisioning, the only time the hub holds
-- the password. Terminals provisioned before this version have none (null) and so no entry in
-- the hub-written Mosquitto password file until they are claimed again.

ALTER TABLE fleet_terminals ADD COLUMN mosquitto_hash TEXT;
