-- forgelink migration 12 (outbox pending by target), sqlite. Shipped: never edited; a change is a new migration.
-- The sender finds each repository's head in memory (OutboxQueue); it reads the pending rows of a
-- target in id order, and new rows go to the end of this index instead of to a place per
-- repository in every group commit.

DROP INDEX outbox_heads;

CREATE INDEX outbox_pending ON outbox (target, id) WHERE state = 'pending';
