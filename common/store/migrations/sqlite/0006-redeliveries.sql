-- forgelink migration 6 (redeliveries), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE recovery_checks (provider TEXT PRIMARY KEY, checked_at BIGINT NOT NULL);

CREATE TABLE redelivery_requests (provider TEXT NOT NULL, delivery_id TEXT NOT NULL, requested_at BIGINT NOT NULL, requests INTEGER NOT NULL, PRIMARY KEY (provider, delivery_id));
