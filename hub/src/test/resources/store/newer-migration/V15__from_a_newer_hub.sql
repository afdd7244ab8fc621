-- What a newer hub's next migration might do; this hub does not know it.
ALTER TABLE terminals ADD COLUMN from_a_newer_hub TEXT;
