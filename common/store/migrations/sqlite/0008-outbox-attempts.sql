-- forgelink migration 8 (outbox-attempts), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE outbox_attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, row_id INTEGER NOT NULL, attempted_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, status INTEGER, error TEXT, answer TEXT);

CREATE INDEX outbox_attempts_by_row ON outbox_attempts (row_id, id);

ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER;
