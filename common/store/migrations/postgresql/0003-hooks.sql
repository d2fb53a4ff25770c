-- forgelink migration 3 (hooks), postgresql. Shipped: never edited; a change is a new migration.

CREATE TABLE hooks (provider TEXT NOT NULL, repo_id TEXT NOT NULL, full_path TEXT NOT NULL, kind TEXT NOT NULL, hook_id TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (provider, repo_id, kind));
