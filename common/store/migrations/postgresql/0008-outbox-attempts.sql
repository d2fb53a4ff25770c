-- forgelink migration 8 (outbox-attempts), postgresql. Shipped: never edited; a change is a new migration.

CREATE TABLE outbox_attempts (id BIGSERIAL PRIMARY KEY, row_id BIGINT NOT NULL, attempted_at BIGINT NOT NULL, duration_ms INTEGER NOT NULL, status INTEGER, error TEXT, answer TEXT);

CREATE INDEX outbox_attempts_by_row ON outbox_attempts (row_id, id);

ALTER TABLE outbox ADD COLUMN last_attempt_at BIGINT;
