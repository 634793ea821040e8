/**
 * The audit log on PostgreSQL: one chain however many instances append at once, append-only through
 * SQL, and `paxscreen verify-audit` names the first row edited by hand.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/pg-store.ts';
import type { Store } from '../../src/store/store.ts';
import { freshDatabase } from './store-backends.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxscreen.ts', import.meta.url));
const KEY = 'pg-audit-test-key-0123456789abcdef0123';
const available = Boolean(process.env.PAXSCREEN_TEST_DATABASE_URL);

function verify(url: string): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [CLI, 'verify-audit'], {
      env: { ...process.env, PAXSCREEN_DATABASE_URL: url, PAXSCREEN_AUDIT_KEY: KEY, PAXSCREEN_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stderr: string; stdout: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

describe.skipIf(!available)('audit log on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    db = await freshDatabase();
    // Two instances on one database, appending at once.
    a = await openPostgresStore(db.url, { auditKey: KEY, poolSize: 4 });
    b = await openPostgresStore(db.url, { auditKey: KEY, poolSize: 4 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('keeps one chain when two instances append concurrently, and verify-audit passes', async () => {
    const at = () => new Date().toISOString();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).appendAudit({
          at: at(),
          principal: `p${i}`,
          role: 'officer',
          action: 'alert.view',
          target: `t${i}`,
        }),
      ),
    );
    const r = verify(db.url);
    expect(r.out).toMatch(/40 rows, chain intact/);
    expect(r.code).toBe(0);
  });

  it('refuses update and delete through SQL; a row edited with the trigger disabled is named', async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await expect(c.query("UPDATE audit_log SET target = 'x' WHERE id = 2")).rejects.toThrow(/append-only/);
      await expect(c.query('DELETE FROM audit_log WHERE id = 2')).rejects.toThrow(/append-only/);
      await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await c.query("UPDATE audit_log SET target = 'forged' WHERE id = 7");
    } finally {
      await c.end();
    }
    const r = verify(db.url);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAILED at audit row 7/);
  });
});
