-- IoActors persistence: schema bootstrap (PostgreSQL). Runs before every migration check; idempotent.
-- Ordering: schema_version has one row per applied migration script; the highest version is the current schema.
--   Scripts NNN_name.sql are applied in ascending NNN, each exactly once, in the same transaction as its row here.
-- Concurrency: the migrator takes pg_advisory_xact_lock(1229936468) first in its transaction, so nodes starting at
--   the same time migrate one after the other; the later ones see the recorded versions and apply nothing.
-- Indexes: the primary key on version only.
CREATE TABLE IF NOT EXISTS schema_version (
  version     integer NOT NULL PRIMARY KEY,
  description text    NOT NULL,
  applied_at  text    NOT NULL  -- ISO 8601 UTC, from the application's TimeProvider
);
