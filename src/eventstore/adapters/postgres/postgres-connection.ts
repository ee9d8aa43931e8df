import pg from 'pg';
import { EventStoreUnavailableError } from '../../event-store.errors.js';

/** How long the store waits for PostgreSQL; see `PostgresEventStoreOptions`. */
export interface PostgresTimeouts {
  connectionTimeoutMillis: number;
  statementTimeoutMillis: number;
  listenerHeartbeatMillis: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectionTimeoutMillis: 5_000,
  statementTimeoutMillis: 30_000,
  listenerHeartbeatMillis: 10_000,
};

/** BIGINT columns hold positions, versions and timestamps, all below 2^53: read them as numbers. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * Settings of the store's connections. Opening one is bounded by the connection timeout; the server
 * cancels a statement after the statement timeout; the client stops waiting for an answer a connection
 * timeout after that, for when no answer can come (a silent network, a dead server), and drops the
 * connection. TCP keep-alive lets the kernel find dead idle connections.
 */
export function postgresClientConfig(connectionString: string, schema: string, timeouts: PostgresTimeouts): pg.ClientConfig {
  return {
    connectionString,
    options: `-c search_path=${schema}`,
    types: TYPES,
    connectionTimeoutMillis: timeouts.connectionTimeoutMillis,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    statement_timeout: timeouts.statementTimeoutMillis,
    query_timeout: timeouts.statementTimeoutMillis + timeouts.connectionTimeoutMillis,
  };
}

/**
 * Settings of the connection that migrates: no statement timeout, since a migration may rewrite a large
 * table or wait for another instance's migration to finish.
 */
export function postgresMigrationConfig(config: pg.ClientConfig): pg.ClientConfig {
  const { statement_timeout: _statement, query_timeout: _query, ...rest } = config;
  return rest;
}

/**
 * SQLSTATEs of a store that cannot serve now: connection exceptions (08), insufficient resources (53),
 * shutdowns (57P), a statement cancelled or past its timeout (57014), a lock timeout (55P03).
 */
const UNAVAILABLE_STATES = /^(08|53|57P|57014$|55P03$)/;
const UNAVAILABLE_NODE_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH)$/;
/** The driver's own failures: a lost connection, a connection or answer that did not come in time. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|not queryable|Cannot use a pool after calling end|timeout expired|timeout exceeded when trying to connect|Query read timeout/;

/** Whether `error` means PostgreSQL cannot serve now (as opposed to refusing this request). */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_NODE_CODES.test(code))) return true;
  return error instanceof Error && !(error instanceof pg.DatabaseError) && UNAVAILABLE_MESSAGES.test(error.message);
}

/**
 * Whether the connection that gave `error` can no longer be trusted: the failure came from the network
 * or the driver rather than as an answer of the server, so a statement may still be running on it.
 */
export function isBrokenConnection(error: unknown): boolean {
  return isUnavailable(error) && !(error instanceof pg.DatabaseError);
}

/** Failures of an unavailable store become EventStoreUnavailableError; other errors pass unchanged. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  return new EventStoreUnavailableError('PostgreSQL store unavailable', { cause: error });
}
