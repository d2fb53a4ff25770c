-- forgelink migration 5 (outbox), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE outbox (id INTEGER PRIMARY KEY, target TEXT NOT NULL, provider TEXT NOT NULL, delivery_id TEXT NOT NULL, repo TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, progress INTEGER NOT NULL DEFAULT 0, last_status INTEGER, last_error TEXT, next_attempt_at BIGINT NOT NULL, created_at BIGINT NOT NULL, finished_at BIGINT, lease_owner TEXT, lease_until BIGINT NOT NULL DEFAULT 0, UNIQUE (provider, delivery_id, target));

CREATE INDEX outbox_heads ON outbox (target, repo, id) WHERE state = 'pending';

CREATE INDEX outbox_dead ON outbox (target, id) WHERE state = 'dead';

ALTER TABLE deliveries ADD COLUMN credentials TEXT;

CREATE INDEX deliveries_by_time ON deliveries (received_at);
