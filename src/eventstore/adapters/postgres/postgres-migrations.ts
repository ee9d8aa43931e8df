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
  {
    version: 2,
    name: 'append_events: one round trip per append',
    sql: `
      -- One append: its events are inserted as the transaction's first write while holding the append
      -- lock, which is released as soon as the INSERT is done (not at commit), so positions and the
      -- transaction id are taken together (see PostgresEventStore); then the stream's head moves from the
      -- expected version (SQLSTATE EV409 when it is not there) and the append is announced on commit.
      CREATE FUNCTION append_events(lock_key BIGINT, channel TEXT, writer TEXT, the_stream TEXT, the_type TEXT,
                                    expected BIGINT, new_events JSONB) RETURNS SETOF BIGINT
      LANGUAGE plpgsql AS $$
      DECLARE
        positions BIGINT[];
        moved INTEGER;
      BEGIN
        PERFORM pg_advisory_lock(lock_key);
        BEGIN
          WITH inserted AS (
            INSERT INTO events (id, stream_id, stream_type, version, event_type, data, schema_version, timestamp,
                                correlation_id, causation_id)
            SELECT e.id, the_stream, the_type, e.version, e.event_type, e.data, e.schema_version, e.timestamp,
                   e.correlation_id, e.causation_id
            FROM jsonb_to_recordset(new_events) AS e(id TEXT, version BIGINT, event_type TEXT, data JSONB,
                 schema_version INTEGER, timestamp BIGINT, correlation_id TEXT, causation_id TEXT)
            ORDER BY e.version
            RETURNING position
          )
          SELECT array_agg(position ORDER BY position) INTO positions FROM inserted;
        EXCEPTION WHEN OTHERS THEN
          PERFORM pg_advisory_unlock(lock_key);
          RAISE;
        END;
        PERFORM pg_advisory_unlock(lock_key);

        IF expected = 0 THEN
          INSERT INTO streams (stream_id, stream_type, version) VALUES (the_stream, the_type, cardinality(positions))
            ON CONFLICT DO NOTHING;
        ELSE
          UPDATE streams SET version = expected + cardinality(positions) WHERE stream_id = the_stream AND version = expected;
        END IF;
        GET DIAGNOSTICS moved = ROW_COUNT;
        IF moved <> 1 THEN
          RAISE EXCEPTION 'stream % is not at version %', the_stream, expected USING ERRCODE = 'EV409';
        END IF;

        -- '<head position>:<writer id>:<stream id>', so other instances can drop what they cached of the stream.
        PERFORM pg_notify(channel, positions[cardinality(positions)]::TEXT || ':' || writer || ':' || the_stream);
        RETURN QUERY SELECT unnest(positions);
      END
      $$;
    `,
  },
  {
    version: 3,
    name: 'append_events: stream locks, bounded waits under the append lock, release on cancel',
    sql: `
      -- As version 2, with two changes. Appends to one stream first queue on that stream's lock (held to
      -- commit; an advisory lock assigns no transaction id, so the INSERT stays the first write): an
      -- append never reaches the INSERT while an earlier append to its stream is uncommitted, so it
      -- cannot wait for that transaction while holding the append lock, which every append of the
      -- database needs. Any other wait under the append lock (an event id another open transaction is
      -- inserting, a DDL lock on events) fails after a second with lock_not_available (55P03), which the
      -- adapter reports as unavailable: the append may succeed when retried, and meanwhile the other
      -- appends go on. And the append lock is released however the INSERT ends, a cancel or statement
      -- timeout (query_canceled, which WHEN OTHERS does not catch) included: a session-level lock is not
      -- released by the rollback, and a lost one stops every append until its session ends.
      CREATE OR REPLACE FUNCTION append_events(lock_key BIGINT, channel TEXT, writer TEXT, the_stream TEXT, the_type TEXT,
                                               expected BIGINT, new_events JSONB) RETURNS SETOF BIGINT
      LANGUAGE plpgsql AS $$
      DECLARE
        positions BIGINT[];
        moved INTEGER;
        lock_timeout_before TEXT := current_setting('lock_timeout');
      BEGIN
        PERFORM pg_advisory_xact_lock((lock_key >> 32)::INTEGER, hashtext(the_stream));
        -- Taking and releasing the append lock inside the block: a cancel between statements finds the
        -- handler either way.
        BEGIN
          PERFORM pg_advisory_lock(lock_key);
          PERFORM set_config('lock_timeout', '1s', true);
          WITH inserted AS (
            INSERT INTO events (id, stream_id, stream_type, version, event_type, data, schema_version, timestamp,
                                correlation_id, causation_id)
            SELECT e.id, the_stream, the_type, e.version, e.event_type, e.data, e.schema_version, e.timestamp,
                   e.correlation_id, e.causation_id
            FROM jsonb_to_recordset(new_events) AS e(id TEXT, version BIGINT, event_type TEXT, data JSONB,
                 schema_version INTEGER, timestamp BIGINT, correlation_id TEXT, causation_id TEXT)
            ORDER BY e.version
            RETURNING position
          )
          SELECT array_agg(position ORDER BY position) INTO positions FROM inserted;
          PERFORM set_config('lock_timeout', lock_timeout_before, true);
          PERFORM pg_advisory_unlock(lock_key);
        EXCEPTION WHEN OTHERS OR query_canceled THEN
          IF EXISTS (SELECT 1 FROM pg_locks
                     WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
                       AND classid = ((lock_key >> 32) & 4294967295)::OID AND objid = (lock_key & 4294967295)::OID) THEN
            PERFORM pg_advisory_unlock(lock_key);
          END IF;
          RAISE;
        END;

        IF expected = 0 THEN
          INSERT INTO streams (stream_id, stream_type, version) VALUES (the_stream, the_type, cardinality(positions))
            ON CONFLICT DO NOTHING;
        ELSE
          UPDATE streams SET version = expected + cardinality(positions) WHERE stream_id = the_stream AND version = expected;
        END IF;
        GET DIAGNOSTICS moved = ROW_COUNT;
        IF moved <> 1 THEN
          RAISE EXCEPTION 'stream % is not at version %', the_stream, expected USING ERRCODE = 'EV409';
        END IF;

        -- '<head position>:<writer id>:<stream id>', so other instances can drop what they cached of the stream.
        PERFORM pg_notify(channel, positions[cardinality(positions)]::TEXT || ':' || writer || ':' || the_stream);
        RETURN QUERY SELECT unnest(positions);
      END
      $$;
    `,
  },
  {
    version: 4,
    name: 'save_snapshot, and append_events_with_snapshot: an append and its snapshot in one round trip',
    sql: `
      -- Saves a snapshot {aggregateId, aggregateType, version, state, timestamp, schemaVersion}, replacing
      -- one at the same version, and counts it when it is new.
      CREATE FUNCTION save_snapshot(snapshot JSONB) RETURNS VOID
      LANGUAGE plpgsql AS $$
      DECLARE
        inserted BOOLEAN;
      BEGIN
        INSERT INTO snapshots (stream_id, version, stream_type, state, timestamp, schema_version)
          VALUES (snapshot->>'aggregateId', (snapshot->>'version')::BIGINT, snapshot->>'aggregateType',
                  snapshot->'state', (snapshot->>'timestamp')::BIGINT, (snapshot->>'schemaVersion')::INTEGER)
          ON CONFLICT (stream_id, version) DO UPDATE SET stream_type = excluded.stream_type, state = excluded.state,
            timestamp = excluded.timestamp, schema_version = excluded.schema_version
          RETURNING (xmax = 0) INTO inserted;
        IF inserted THEN
          INSERT INTO store_counters (name, value) VALUES ('snapshots', 1)
            ON CONFLICT (name) DO UPDATE SET value = store_counters.value + 1;
        END IF;
      END
      $$;

      -- append_events (its INSERT still the transaction's first write), then the snapshot taken after
      -- those events: an append and its snapshot in one statement.
      CREATE FUNCTION append_events_with_snapshot(lock_key BIGINT, channel TEXT, writer TEXT, the_stream TEXT,
                                                  the_type TEXT, expected BIGINT, new_events JSONB,
                                                  snapshot JSONB) RETURNS SETOF BIGINT
      LANGUAGE plpgsql AS $$
      DECLARE
        positions BIGINT[];
      BEGIN
        positions := ARRAY(SELECT appended.position
                           FROM append_events(lock_key, channel, writer, the_stream, the_type, expected, new_events)
                                WITH ORDINALITY AS appended(position, n)
                           ORDER BY appended.n);
        PERFORM save_snapshot(snapshot);
        RETURN QUERY SELECT unnest(positions);
      END
      $$;
    `,
  },
];
