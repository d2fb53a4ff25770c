-- forgelink migration 2 (repositories-sync-runs-leases), postgresql. Shipped: never edited; a change is a new migration.

CREATE TABLE repositories ( provider TEXT NOT NULL, repo_id TEXT NOT NULL, full_path TEXT NOT NULL, name TEXT, default_branch TEXT, visibility TEXT, archived INTEGER, web_url TEXT, clone_url TEXT, access_level INTEGER, first_seen TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (provider, repo_id));

CREATE INDEX repositories_by_path ON repositories (provider, full_path);

CREATE TABLE api_cache (url TEXT PRIMARY KEY, etag TEXT NOT NULL, item_ids TEXT NOT NULL);

CREATE TABLE sync_runs (id BIGSERIAL PRIMARY KEY, provider TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, outcome TEXT NOT NULL, added INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0, removed INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0, api_calls INTEGER NOT NULL DEFAULT 0, error TEXT);

CREATE TABLE locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);
