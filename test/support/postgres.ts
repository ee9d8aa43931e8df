import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describeWithService } from './external-service.js';

/** The PostgreSQL the tests use (the machine's, trust auth). */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be used, or null when it answers. */
export async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `describe` for tests that need PostgreSQL (see describeWithService: skipped outside CI only when it is down). */
export function describeWithPostgres(name: string, body: () => void): Promise<void> {
  return describeWithService('PostgreSQL', DATABASE_URL, postgresProblem, name, body);
}

/** A fresh schema name for one store under test. */
export function freshSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Drops schemas made by the tests. */
export async function dropSchemas(schemas: string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
