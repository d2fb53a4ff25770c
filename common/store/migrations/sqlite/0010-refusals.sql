-- forgelink migration 10 (refusals), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE refusals (provider TEXT NOT NULL, reason TEXT NOT NULL, hour BIGINT NOT NULL, count BIGINT NOT NULL, last_at BIGINT NOT NULL, last_delivery_id TEXT, PRIMARY KEY (provider, reason, hour));
