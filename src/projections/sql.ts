import type { SqlStatement } from '../eventstore/projection-checkpoint.js';

/** `?, ?, ?` for an IN list of `count` parameters. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** Rows per multi-row INSERT: well below SQLite's and PostgreSQL's parameter limits for our tables. */
const ROWS_PER_STATEMENT = 250;

/**
 * Multi-row `INSERT INTO table (columns) VALUES (...), (...) [suffix]` statements for `rows`, chunked.
 * One statement per chunk instead of one per row: far fewer round trips on PostgreSQL and statement
 * runs on SQLite. `suffix` is e.g. an `ON CONFLICT ... DO UPDATE` clause; with it, each row must have a
 * distinct key (PostgreSQL refuses to update one row twice in a statement).
 */
export function insertRows(table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>, suffix = ''): SqlStatement[] {
  const statements: SqlStatement[] = [];
  const row = `(${placeholders(columns.length)})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: chunk.length }, () => row).join(', ')} ${suffix}`.trim(),
      params: chunk.flat(),
    });
  }
  return statements;
}

/** `ON CONFLICT (key) DO UPDATE SET c = excluded.c, ...` for every column but the key. */
export function onConflictUpdate(key: string, columns: readonly string[]): string {
  return `ON CONFLICT (${key}) DO UPDATE SET ${columns
    .filter((column) => column !== key)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;
}
