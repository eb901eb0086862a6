-- IoActors persistence schema, version 1 (PostgreSQL): event journal, journal metadata, snapshot store.
-- Ordering: the events of one persistence id are ordered by sequence_nr (starting at 1, strictly increasing; gaps
--   only where events were deleted); replay reads them in ascending sequence_nr. Snapshots of one persistence id
--   are ordered by sequence_nr; "latest" means the highest sequence_nr that matches the selection criteria.
-- Concurrency: one writer per persistence id is expected (its persistent actor), possibly on different nodes. The
--   primary key (persistence_id, sequence_nr) is the rule that enforces it: writing an existing pair fails with a
--   unique violation (reported as JournalWriteConflictException), it never overwrites. A batch is one statement
--   (INSERT … SELECT FROM unnest(arrays)), so it is atomic. Deletes remove rows physically; journal_metadata keeps the highest
--   sequence_nr of a persistence id whose newest events were deleted (GREATEST on upsert, so it never decreases).
--   A snapshot saved again at the same (persistence_id, sequence_nr) replaces the old one (INSERT … ON CONFLICT UPDATE).
-- Indexes: the B-tree primary keys (persistence_id, sequence_nr) serve replay (range scan in order), highest
--   sequence_nr (backward scan), delete-to, snapshot load (backward scan) and snapshot delete. No other index is needed.
-- Timestamps are UTC ticks (100 ns units since 0001-01-01T00:00Z) taken from the application's TimeProvider.
CREATE TABLE event_journal (
  persistence_id  text   NOT NULL,
  sequence_nr     bigint NOT NULL,
  timestamp_ticks bigint NOT NULL,
  manifest        text   NOT NULL,  -- the serializer's type manifest
  payload         text   NOT NULL,  -- the serialized event (JSON by default)
  PRIMARY KEY (persistence_id, sequence_nr)
);

CREATE TABLE journal_metadata (
  persistence_id      text   NOT NULL PRIMARY KEY,
  highest_sequence_nr bigint NOT NULL  -- the highest sequence_nr ever deleted; never decreases
);

CREATE TABLE snapshot_store (
  persistence_id  text   NOT NULL,
  sequence_nr     bigint NOT NULL,
  timestamp_ticks bigint NOT NULL,
  manifest        text   NOT NULL,
  snapshot        text   NOT NULL,  -- the serialized snapshot (JSON by default)
  PRIMARY KEY (persistence_id, sequence_nr)
);
