import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildServer, startChildServer } from '../support/child-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST_SOURCES = fileURLToPath(new URL('./host/', import.meta.url));

/** The order host, installed from the packed package and compiled against its declarations. */
export interface InstalledOrderHost {
  /** The host's folder (under `test-artifacts/`, ignored by git). */
  folder: string;
  /** Paths inside the tarball (`package/...`). */
  packedFiles: string[];
  start(env: Record<string, string>): Promise<ChildServer>;
  /** Runs the host's own jest tests (compiled, ESM, no transform); resolves with jest's output. @throws when they fail. */
  runJest(): string;
  remove(): void;
}

/**
 * `npm pack`s the built package (`npm run build` made `dist/`), installs the tarball into a copy of the
 * host application (`node_modules/event-sourced-bank`, its dependencies resolved from this repository's
 * `node_modules` as a host's own install provides them), and compiles the host with `tsc`: its imports
 * resolve through the package's `exports` and type-check against the shipped `.d.ts` files.
 */
export function installOrderHost(): InstalledOrderHost {
  const artifacts = join(ROOT, 'test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  const folder = mkdtempSync(join(artifacts, 'order-host-'));
  const run = (command: string, args: string[], cwd = ROOT) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder])) as Array<{ filename: string; files: Array<{ path: string }> }>;
  cpSync(HOST_SOURCES, folder, { recursive: true });
  const installed = join(folder, 'node_modules', 'event-sourced-bank');
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', join(folder, packed.filename), '-C', installed, '--strip-components=1']);
  try {
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(folder, 'tsconfig.json')]);
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`The host does not compile against the package:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
  return {
    folder,
    packedFiles: packed.files.map((file) => `package/${file.path}`),
    start: (env) => startChildServer(env, join(folder, 'dist', 'main.js')),
    runJest: () => {
      const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
      const args = ['--experimental-vm-modules', '--no-warnings', jest, '--config', join(folder, 'jest.config.json'), '--rootDir', folder, '--ci', '--verbose'];
      const result = spawnSync(process.execPath, args, { cwd: folder, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      const output = `${result.stdout}${result.stderr}`;
      if (result.status !== 0) throw new Error(`The host's jest tests failed:\n${output}`);
      return output;
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
