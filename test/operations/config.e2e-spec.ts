import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Runs the built service with `env` until it exits by itself (or is killed after 15 s). */
async function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe('configuration validated at start', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-config-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['PORT', 'abc', 'an integer from 0 to 65535'],
    ['EVENT_STORE', 'mongo', 'one of sqlite, postgres, memory'],
    ['SNAPSHOT_EVERY', '0', 'an integer from 1 to 1000000'],
    ['BODY_LIMIT', 'huge', 'a size like 100kb'],
    ['LOG_LEVEL', 'loud', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon', 'an integer from 0 to 600000'],
    ['API_TOKEN', 'short', '16 to 512 visible ASCII characters'],
  ])('given %s=%s, then the process exits non-zero with one line naming the variable', async (name, value, expected) => {
    const { code, stdout, stderr } = await run({ SQLITE_PATH: join(folder, 'never.sqlite'), [name]: value });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name}=.*; expected ${expected}`));
    expect(stderr).not.toMatch(/\n\s+at /);
    if (name === 'API_TOKEN') expect(stderr).not.toContain(value);
  });
});
