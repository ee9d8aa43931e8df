// Diagnostic preload, not part of the service: `node --import ./bench/diag/sqlite-synchronous.mjs dist/main.js`
// with BENCH_SQLITE_SYNCHRONOUS=NORMAL (or OFF/FULL/EXTRA) makes the service's `synchronous = FULL` pragma
// use that mode instead, so the bench can show what per-commit fsync costs without editing src/.
import { createRequire } from 'node:module';

const mode = process.env.BENCH_SQLITE_SYNCHRONOUS;
if (mode) {
  if (!/^(OFF|NORMAL|FULL|EXTRA)$/i.test(mode)) throw new Error(`BENCH_SQLITE_SYNCHRONOUS=${mode}: expected OFF, NORMAL, FULL or EXTRA`);
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    if (typeof source === 'string' && /^\s*synchronous\s*=/i.test(source)) {
      source = `synchronous = ${mode}`;
      const result = pragma.call(this, source, options);
      process.stderr.write(`[diag] sqlite synchronous=${pragma.call(this, 'synchronous', { simple: true })}\n`);
      return result;
    }
    return pragma.call(this, source, options);
  };
}
