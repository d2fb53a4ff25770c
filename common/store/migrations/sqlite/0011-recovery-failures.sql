-- forgelink migration 11 (recovery-failures), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE recovery_failures (provider TEXT PRIMARY KEY, failed_at BIGINT NOT NULL, error TEXT NOT NULL);
