/**
 * The store back ends the contract suite runs against, each opened fresh: SQLite in a temp folder,
 * PostgreSQL as a new database in the throwaway cluster (tests/helpers/pg-cluster.ts) or the server
 * PAXSCREEN_TEST_DATABASE_URL names.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/pg-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';

export interface Backend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  /** A fresh, empty store; `dispose` closes it and removes its data. */
  open(options?: {
    claimMinutes?: number;
    suppressionDays?: number;
  }): Promise<{ store: Store; url?: string; dispose(): Promise<void> }>;
}

const AUDIT_KEY = 'contract-suite-audit-key-0123456789abcdef';

/** A new, empty database on the test server; returns its URL and a function that drops it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.PAXSCREEN_TEST_DATABASE_URL as string;
  const name = `paxscreen_t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    available: true,
    async open(o = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'paxscreen-contract-'));
      const store = openSqliteStore(join(dir, 'paxscreen.sqlite'), { auditKey: AUDIT_KEY, ...o });
      return {
        store,
        async dispose() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: Boolean(process.env.PAXSCREEN_TEST_DATABASE_URL),
    async open(o = {}) {
      const db = await freshDatabase();
      const store = await openPostgresStore(db.url, { auditKey: AUDIT_KEY, poolSize: 4, ...o });
      return {
        store,
        url: db.url,
        async dispose() {
          await store.close();
          await db.drop();
        },
      };
    },
  },
];
