import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Logger } from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadCredentials } from '../../src/http/credentials.ts';
import type { Runtime } from '../../src/runtime.ts';
import { startRuntime } from '../../src/runtime.ts';
import type { ScreeningPool } from '../../src/screening/pool.ts';
import type { Store } from '../../src/store/store.ts';
import { freshDatabase } from '../contract/store-backends.ts';

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
  runtime: Runtime;
  dir: string;
  close(): Promise<void>;
}

const databases = new Map<string, { url: string; drop(): Promise<void> }>();

/** A real app: a SQLite file in a fresh temp folder, a real worker pool, the demo list and rules. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    workerFile?: URL;
    load?: boolean;
    /** The process logger (silent by default): tests that read log lines pass a pino logger on a stream. */
    logger?: Logger;
    dir?: string;
    keepDir?: boolean;
    store?: 'sqlite' | 'postgres';
  } = {},
): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'paxscreen-test-'));
  // PAXSCREEN_TEST_STORE=postgres runs any integration test on a fresh PostgreSQL database.
  const onPostgres = (options.store ?? process.env.PAXSCREEN_TEST_STORE) === 'postgres' && !env.PAXSCREEN_DATABASE_URL;
  // A restart (the same data folder) finds the same database.
  const database = onPostgres ? (databases.get(dir) ?? (await freshDatabase())) : null;
  if (database) databases.set(dir, database);
  const pgEnv: Record<string, string> = database
    ? { PAXSCREEN_DATABASE_URL: database.url, PAXSCREEN_AUDIT_KEY: 'test-audit-key-0123456789abcdef-0123' }
    : {};
  const config = loadConfig({
    PAXSCREEN_DATA_DIR: dir,
    PAXSCREEN_WORKERS: '1',
    PAXSCREEN_LOG_LEVEL: 'silent',
    ...pgEnv,
    ...env,
  });
  const runtime = startRuntime(config, {
    log: options.logger ?? pino({ level: 'silent' }),
    ...(options.workerFile ? { workerFile: options.workerFile } : {}),
    ...(options.load === false ? { load: false } : {}),
  });
  await runtime.loaded;
  const auth = await loadCredentials(config.credentialsFile);
  const app = await buildApp({ ...runtime, auth });
  await app.ready();
  return {
    app,
    store: runtime.store,
    pool: runtime.pool,
    runtime,
    dir,
    async close() {
      await app.close();
      await runtime.close();
      if (!options.keepDir) {
        await database?.drop();
        databases.delete(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}
