/**
 * A throwaway PostgreSQL cluster for the tests (vitest globalSetup): Debian's `postgresql` package
 * binaries, a data folder under the system temp folder, a free port on 127.0.0.1, trust auth, and
 * `PAXSCREEN_TEST_DATABASE_URL` handed to the test processes. Stopped (and its folder removed) when
 * the run ends. A URL already set is used as it is; without binaries, PostgreSQL tests are skipped
 * with a message (CI installs them: `.ci/run`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function run(bin: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const cmd = asRoot ? 'runuser' : bin;
  const full = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

export interface Cluster {
  url: string;
  stop(): void;
  /** Stops the server (fast shutdown: connections are cut) and starts it again on the same port. */
  restart(downMs?: number): Promise<void>;
}

/** Starts a throwaway cluster, or returns null when no PostgreSQL binaries are installed. */
export async function startCluster(): Promise<Cluster | null> {
  const bin = binDir();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'paxscreen-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(join(bin, 'initdb'), ['-D', data, '-U', 'paxscreen', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  start();
  return {
    url: `postgres://paxscreen@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async restart(downMs = 500) {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      await new Promise((r) => setTimeout(r, downMs));
      start();
    },
  };
}

export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.PAXSCREEN_TEST_DATABASE_URL) return undefined;
  const cluster = await startCluster();
  if (!cluster) {
    console.warn(
      'PostgreSQL tests skipped: no PostgreSQL binaries (apt-get install postgresql) and no PAXSCREEN_TEST_DATABASE_URL',
    );
    return undefined;
  }
  process.env.PAXSCREEN_TEST_DATABASE_URL = cluster.url;
  return () => cluster.stop();
}
