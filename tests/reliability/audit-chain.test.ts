/**
 * The audit log (issue 15): append-only through SQL, and tamper-evident: `paxscreen verify-audit`
 * passes on the log the service wrote and names the first row edited or removed by hand.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxscreen.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function verify(dir: string, env: Record<string, string> = {}): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [CLI, 'verify-audit', '--data-dir', dir], {
      env: { ...process.env, ...env, PAXSCREEN_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stderr: string; stdout: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

/** A data folder whose audit log holds a few real acts: officers searching, a supervisor reloading rules. */
async function auditedFolder(env: Record<string, string> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'paxscreen-audit-'));
  dirs.push(dir);
  const t = await startTestApp(env, { dir, keepDir: true });
  // Three different searches (polling the queue writes nothing; a repeated search is audited once per window).
  for (const service of ['BA0001', 'BA0002', 'BA0003'])
    expect(
      (await t.app.inject({ url: `/v1/alerts?serviceNumber=${service}`, headers: bearer(TOKENS.officer) })).statusCode,
    ).toBe(200);
  expect(
    (await t.app.inject({ method: 'POST', url: '/v1/rules/reload', headers: bearer(TOKENS.supervisor) })).statusCode,
  ).toBe(200);
  await t.close();
  return dir;
}

const open = (dir: string) => new DatabaseSync(join(dir, 'paxscreen.sqlite'));

describe('audit log', () => {
  it('verifies the chain the service wrote', async () => {
    const dir = await auditedFolder();
    const r = verify(dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4 rows, chain intact/);
  });

  it('refuses updates and deletes through SQL', async () => {
    const db = open(await auditedFolder());
    expect(() => db.prepare("UPDATE audit_log SET target = 'x' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    db.close();
  });

  it('names the first row edited by hand (triggers dropped), and the row after one removed', async () => {
    const edited = await auditedFolder();
    let db = open(edited);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET principal = 'someone-else' WHERE id = 2").run();
    db.close();
    const r = verify(edited);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAILED at audit row 2: its content does not match/);

    const removed = await auditedFolder();
    db = open(removed);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    db.close();
    const r2 = verify(removed);
    expect(r2.code).toBe(1);
    expect(r2.out).toMatch(/FAILED at audit row 3: its link to the previous row is broken/);
  });

  it('is keyed: the same log checked with another key fails, and the configured key is used', async () => {
    const key = 'k'.repeat(40);
    const dir = await auditedFolder({ PAXSCREEN_AUDIT_KEY: key });
    expect(verify(dir, { PAXSCREEN_AUDIT_KEY: key }).code).toBe(0);
    expect(verify(dir, { PAXSCREEN_AUDIT_KEY: 'x'.repeat(40) }).code).toBe(1);
  });
});
