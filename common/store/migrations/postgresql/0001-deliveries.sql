-- forgelink migration 1 (deliveries), postgresql. Shipped: never edited; a change is a new migration.

CREATE TABLE deliveries ( id BIGSERIAL PRIMARY KEY, provider TEXT NOT NULL, delivery_id TEXT NOT NULL, event TEXT NOT NULL, received_at TEXT NOT NULL, headers TEXT NOT NULL, body BYTEA NOT NULL, events TEXT NOT NULL, UNIQUE (provider, delivery_id));

CREATE INDEX deliveries_by_provider ON deliveries (provider, id);
