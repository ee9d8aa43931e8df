/**
 * One write of a Redis read model, applied by {@link RedisProjectionTarget} in the same Lua script as
 * the checkpoint: `hset` a hash field, `zadd` a member (score 0: a lexically ordered index), `del` a key
 * (freed in the background).
 */
export type RedisWrite =
  | { op: 'hset'; key: string; field: string; value: string }
  | { op: 'zadd'; key: string; member: string }
  | { op: 'del'; key: string };
