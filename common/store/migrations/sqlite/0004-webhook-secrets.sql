-- forgelink migration 4 (webhook-secrets), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE webhook_secrets (provider TEXT PRIMARY KEY, secrets TEXT NOT NULL, updated_at TEXT NOT NULL);
