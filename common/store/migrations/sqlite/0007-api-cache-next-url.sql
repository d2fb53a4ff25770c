-- forgelink migration 7 (api-cache-next-url), sqlite. Shipped: never edited; a change is a new migration.

ALTER TABLE api_cache ADD COLUMN next_url TEXT;

ALTER TABLE api_cache ADD COLUMN total_count BIGINT;
