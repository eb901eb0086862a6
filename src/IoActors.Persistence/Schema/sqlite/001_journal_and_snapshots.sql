-- IoActors persistence schema, version 1 (SQLite): event journal, journal metadata, snapshot store.
-- Ordering: the events of one persistence id are ordered by sequence_nr (starting at 1, strictly increasing; gaps
--   only where events were deleted); replay reads them in ascending sequence_nr. Snapshots of one persistence id
--   are ordered by sequence_nr; "latest" means the highest sequence_nr that matches the selection criteria.
-- Concurrency: one writer per persistence id is expected (its persistent actor). The primary key
--   (persistence_id, sequence_nr) is the rule that enforces it: writing an existing pair fails (reported as
--   JournalWriteConflictException), it never overwrites. A batch is written in one BEGIN IMMEDIATE transaction, so it
--   is atomic, and SQLite's single write lock serializes writers (WAL mode: readers never block; busy_timeout makes
--   writers wait instead of failing). Deletes remove rows physically; journal_metadata keeps the highest sequence_nr
--   of a persistence id whose newest events were deleted, so numbering continues after it. A snapshot saved again at
--   the same (persistence_id, sequence_nr) replaces the old one (upsert).
-- Indexes: the primary keys (persistence_id, sequence_nr) serve replay, highest sequence_nr, delete-to, snapshot
--   load and snapshot delete; event_journal is a WITHOUT ROWID table clustered on that key. No other index is needed.
-- Timestamps are UTC ticks (100 ns units since 0001-01-01T00:00Z) taken from the application's TimeProvider.
CREATE TABLE event_journal (
  persistence_id  TEXT    NOT NULL,
  sequence_nr     INTEGER NOT NULL,
  timestamp_ticks INTEGER NOT NULL,
  manifest        TEXT    NOT NULL,  -- the serializer's type manifest
  payload         TEXT    NOT NULL,  -- the serialized event (JSON by default)
  PRIMARY KEY (persistence_id, sequence_nr)
) WITHOUT ROWID;

CREATE TABLE journal_metadata (
  persistence_id      TEXT    NOT NULL PRIMARY KEY,
  highest_sequence_nr INTEGER NOT NULL  -- the highest sequence_nr ever deleted; never decreases
);

CREATE TABLE snapshot_store (
  persistence_id  TEXT    NOT NULL,
  sequence_nr     INTEGER NOT NULL,
  timestamp_ticks INTEGER NOT NULL,
  manifest        TEXT    NOT NULL,
  snapshot        TEXT    NOT NULL,  -- the serialized snapshot (JSON by default)
  PRIMARY KEY (persistence_id, sequence_nr)
);
