-- forgelink migration 9 (forward-pauses), sqlite. Shipped: never edited; a change is a new migration.

CREATE TABLE forward_pauses (target TEXT PRIMARY KEY, reason TEXT NOT NULL, paused_at BIGINT NOT NULL, paused_by TEXT NOT NULL);
