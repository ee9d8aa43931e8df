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
