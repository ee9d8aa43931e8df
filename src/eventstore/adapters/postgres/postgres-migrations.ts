/**
 * Versioned schema of the PostgreSQL store. Migrations run at start, in one transaction holding an
 * advisory lock, so instances starting together apply each migration once. Append-only: a released
 * migration never changes; a new one is added at the end.
 */
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'event store',
    sql: `
      CREATE TABLE streams (
        stream_id   TEXT PRIMARY KEY,
        stream_type TEXT NOT NULL,
        version     BIGINT NOT NULL
      );

      -- transaction_id is the xid of the appending transaction: readers of the global log only take
      -- events of transactions older than every transaction still running (see readAll).
      CREATE TABLE events (
        position       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id XID8 NOT NULL DEFAULT pg_current_xact_id(),
        id             TEXT NOT NULL UNIQUE,
        stream_id      TEXT NOT NULL,
        stream_type    TEXT NOT NULL,
        version        BIGINT NOT NULL,
        event_type     TEXT NOT NULL,
        data           JSONB NOT NULL,
        schema_version INTEGER NOT NULL,
        timestamp      BIGINT NOT NULL,
        correlation_id TEXT,
        causation_id   TEXT,
        UNIQUE (stream_id, version)
      );
      CREATE INDEX events_by_type ON events (event_type, position);

      CREATE TABLE snapshots (
        stream_id      TEXT NOT NULL,
        version        BIGINT NOT NULL,
        stream_type    TEXT NOT NULL,
        state          JSONB NOT NULL,
        timestamp      BIGINT NOT NULL,
        schema_version INTEGER NOT NULL,
        PRIMARY KEY (stream_id, version)
      );

      CREATE TABLE store_counters (
        name  TEXT PRIMARY KEY,
        value BIGINT NOT NULL
      );

      CREATE TABLE idempotency_records (
        key         TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        status_code INTEGER NOT NULL,
        body        JSONB NOT NULL,
        created_at  BIGINT NOT NULL
      );

      CREATE TABLE projection_checkpoints (
        name             TEXT PRIMARY KEY,
        position         BIGINT NOT NULL,
        event_id         TEXT,
        events_processed BIGINT NOT NULL,
        generation       INTEGER NOT NULL
      );
    `,
  },
];
