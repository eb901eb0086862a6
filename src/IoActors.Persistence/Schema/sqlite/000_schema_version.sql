-- IoActors persistence: schema bootstrap (SQLite). Runs before every migration check; idempotent.
-- Ordering: schema_version has one row per applied migration script; the highest version is the current schema.
--   Scripts NNN_name.sql are applied in ascending NNN, each exactly once, in the same transaction as its row here.
-- Concurrency: the migrator runs inside BEGIN IMMEDIATE, so SQLite's single write lock serializes processes that
--   open the same file at the same time; the second one sees the versions the first recorded and applies nothing.
-- Indexes: the primary key on version only.
CREATE TABLE IF NOT EXISTS schema_version (
  version     INTEGER NOT NULL PRIMARY KEY,
  description TEXT    NOT NULL,
  applied_at  TEXT    NOT NULL  -- ISO 8601 UTC, from the application's TimeProvider
);
