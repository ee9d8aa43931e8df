import pg from 'pg';
import type { ProjectionLease } from '../../projection-lease.js';

/**
 * A projection lease as a session-level advisory lock held by a dedicated connection: it is released
 * when the holder releases it or when its connection ends, which is what happens when the holding
 * process dies, so another instance takes the lease over at its next attempt.
 */
export async function tryPostgresLease(config: pg.ClientConfig, key: string): Promise<ProjectionLease | null> {
  const client = new pg.Client(config);
  let held = false;
  client.on('error', () => {
    held = false;
  });
  client.on('end', () => {
    held = false;
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
    held = rows[0].locked;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  if (!held) {
    await client.end().catch(() => undefined);
    return null;
  }
  return {
    get held() {
      return held;
    },
    release: async () => {
      if (!held) return;
      held = false;
      await client.end().catch(() => undefined);
    },
  };
}
