-- forgelink migration 1 (deliveries), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE deliveries ( id INTEGER PRIMARY KEY AUTOINCREMENT, provider TEXT NOT NULL, delivery_id TEXT NOT NULL, event TEXT NOT NULL, received_at TEXT NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL, events TEXT NOT NULL, UNIQUE (provider, delivery_id));

CREATE INDEX deliveries_by_provider ON deliveries (provider, id);
