import { createHash } from 'node:crypto';

/** Rewrites `?` placeholders (the read models' portable SQL) as PostgreSQL's `$1, $2, ...`. */
export function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** A 64-bit advisory lock key (as text, for a BIGINT parameter) for a name within a schema. */
export function advisoryKey(schema: string, name: string): string {
  return createHash('sha256').update(`${schema}\u0000${name}`).digest().readBigInt64BE(0).toString();
}

/** A schema name safe to use as an identifier. @throws RangeError otherwise. */
export function checkedSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new RangeError(`Invalid PostgreSQL schema name ${schema}`);
  return schema;
}

/** PostgreSQL refuses a NOTIFY channel name of more than 63 bytes. */
const MAX_CHANNEL_LENGTH = 63;
const CHANNEL_PREFIX = 'events_appended_';

/**
 * The channel the appends to a schema are announced on: `events_appended_<schema>`, or, when that is too
 * long for a channel name, the schema's first characters and a hash of the whole name. Every instance
 * derives the same name from the same schema.
 */
export function notificationChannel(schema: string): string {
  const plain = `${CHANNEL_PREFIX}${schema}`;
  if (plain.length <= MAX_CHANNEL_LENGTH) return plain;
  const hash = createHash('sha256').update(schema).digest('hex').slice(0, 16);
  return `${CHANNEL_PREFIX}${schema.slice(0, MAX_CHANNEL_LENGTH - CHANNEL_PREFIX.length - hash.length - 1)}_${hash}`;
}
