-- forgelink migration 7 (api-cache-next-url), postgresql. Shipped: never edited; a change is a new migration.

ALTER TABLE api_cache ADD COLUMN next_url TEXT;

ALTER TABLE api_cache ADD COLUMN total_count BIGINT;
