/**
 * Schema of the embedded store. `streams` holds each stream's head version, so an append checks its
 * expected version with one primary-key lookup; `UNIQUE (stream_id, version)` on events is the
 * database-level guard against two writers taking the same version.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  stream_id   TEXT PRIMARY KEY,
  stream_type TEXT NOT NULL,
  version     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  id             TEXT NOT NULL UNIQUE,
  stream_id      TEXT NOT NULL,
  stream_type    TEXT NOT NULL,
  version        INTEGER NOT NULL,
  event_type     TEXT NOT NULL,
  data           TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  timestamp      INTEGER NOT NULL,
  correlation_id TEXT,
  causation_id   TEXT,
  UNIQUE (stream_id, version)
);
CREATE INDEX IF NOT EXISTS events_by_type ON events (event_type, position);

CREATE TABLE IF NOT EXISTS snapshots (
  stream_id      TEXT NOT NULL,
  version        INTEGER NOT NULL,
  stream_type    TEXT NOT NULL,
  state          TEXT NOT NULL,
  timestamp      INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  PRIMARY KEY (stream_id, version)
) WITHOUT ROWID;

-- Counters kept in the transactions that change what they count, so reading one costs a lookup.
CREATE TABLE IF NOT EXISTS store_counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS idempotency_records (
  key         TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name             TEXT PRIMARY KEY,
  position         INTEGER NOT NULL,
  event_id         TEXT,
  events_processed INTEGER NOT NULL,
  generation       INTEGER NOT NULL
) WITHOUT ROWID;
`;
