-- A migration that fails half-way: the table it creates first must not survive.
CREATE TABLE half_done (id INTEGER PRIMARY KEY);

ALTER TABLE terminals ADD COLUMN half_done_column TEXT;

INSERT INTO no_such_table (id) VALUES (1);
