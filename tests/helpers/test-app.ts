import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadCredentials } from '../../src/http/credentials.ts';
import { createScreeningPool } from '../../src/screening/pool.ts';
import type { ScreeningPool } from '../../src/screening/pool.ts';
import type { ScreeningHolder } from '../../src/screening/screening-state.ts';
import { loadScreeningState } from '../../src/screening/screening-state.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';

export const TOKENS = {
  carrierBA: 'dev-carrier-BA-0123456789',
  carrierXF: 'dev-carrier-XF-0123456789',
  officer: 'dev-officer-0123456789',
  supervisor: 'dev-supervisor-0123456789',
  auditor: 'dev-auditor-0123456789',
};

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  pool: ScreeningPool;
  dir: string;
  close(): Promise<void>;
}

/** A real app: a SQLite file in a fresh temp folder, a real worker pool, the demo list and rules. */
export async function startTestApp(env: Record<string, string> = {}, options: { workerFile?: URL; load?: boolean; logger?: FastifyServerOptions['logger'] } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'paxscreen-test-'));
  const config = loadConfig({ PAXSCREEN_DATA_DIR: dir, PAXSCREEN_WORKERS: '1', PAXSCREEN_LOG_LEVEL: 'silent', ...env });
  const store = openSqliteStore(config.databaseFile);
  const pool = createScreeningPool(options.workerFile ? { threads: config.workers, workerFile: options.workerFile } : { threads: config.workers });
  const screening: ScreeningHolder = { current: null, entries: 0 };
  if (options.load !== false) {
    const loaded = await loadScreeningState(config.watchlistFiles, config.rulesDir);
    screening.current = loaded.state;
    screening.entries = loaded.lists.reduce((s, l) => s + l.entries, 0);
  }
  const auth = await loadCredentials(config.credentialsFile);
  const app = await buildApp({ config, store, pool, auth, screening }, { logger: options.logger ?? false });
  await app.ready();
  return {
    app,
    store,
    pool,
    dir,
    async close() {
      await app.close();
      await pool.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}
