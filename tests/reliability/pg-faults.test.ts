/**
 * Faults on PostgreSQL (issue 17). The database restarted under load: every request is answered
 * with directives that were stored, or 503 — never a 500, never an answer that was not recorded —
 * and the pool reconnects by itself. An instance killed mid-stream: every manifest it acknowledged
 * is in the database, and the other instance answers its resend as a replay.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster } from '../helpers/pg-cluster.ts';
import type { Cluster } from '../helpers/pg-cluster.ts';
import { manifest, traveller } from '../helpers/manifests.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';

const available = Boolean(process.env.PAXSCREEN_TEST_DATABASE_URL);
const AUDIT_KEY = 'faults-test-audit-key-0123456789abcdef';
const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

const clusters: Cluster[] = [];
const children: ChildProcess[] = [];
const dataDirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dataDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const c of clusters) c.stop();
});

async function storedRefs(url: string): Promise<Set<string>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return new Set(
      (await c.query<{ message_ref: string }>('SELECT message_ref FROM manifests')).rows.map((r) => r.message_ref),
    );
  } finally {
    await c.end();
  }
}

const one = (i: number) =>
  manifest(
    [
      traveller({ ref: `T${i}` }),
      traveller({ ref: `U${i}`, surname: 'SALEK', givenNames: 'YUSUF', dateOfBirth: '1988-07-21' }),
    ],
    { messageRef: `FAULT-${i}` },
  );

describe.skipIf(!available)('PostgreSQL faults', () => {
  it('a database restarted under load: stored answers or 503, no 500, and the pool reconnects', async () => {
    const cluster = (await startCluster()) as Cluster;
    clusters.push(cluster);
    const t = await startTestApp({
      PAXSCREEN_DATABASE_URL: cluster.url,
      PAXSCREEN_AUDIT_KEY: AUDIT_KEY,
      PAXSCREEN_CHECKIN_RATE_PER_MINUTE: '0',
    });
    try {
      const answers: Array<{ ref: string; status: number; body: { directives?: Array<{ directive: string }> } }> = [];
      let i = 0;
      const stop = Date.now() + 6_000;
      const lane = async () => {
        while (Date.now() < stop) {
          const m = one(i++);
          const res = await t.app.inject({
            method: 'POST',
            url: '/v1/manifests',
            headers: bearer(TOKENS.carrierBA),
            payload: m,
          });
          answers.push({ ref: m.messageRef, status: res.statusCode, body: res.json() });
        }
      };
      const restart = (async () => {
        await new Promise((r) => setTimeout(r, 1_500));
        await cluster.restart(1_500);
      })();
      let readyDuringOutage: number | null = null;
      const probe = (async () => {
        await new Promise((r) => setTimeout(r, 2_200));
        readyDuringOutage = (await t.app.inject({ url: '/readyz' })).statusCode;
      })();
      await Promise.all([lane(), lane(), lane(), restart, probe]);
      const statuses = new Set(answers.map((a) => a.status));
      expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
      expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
      expect(readyDuringOutage).toBe(503);
      // Every answered manifest was recorded before it was answered.
      const stored = await storedRefs(cluster.url);
      const answered = answers.filter((a) => a.status === 200);
      expect(answered.length).toBeGreaterThan(10);
      expect(answered.filter((a) => !stored.has(a.ref))).toEqual([]);
      // Back without a restart of the service.
      const after = await t.app.inject({
        method: 'POST',
        url: '/v1/manifests',
        headers: bearer(TOKENS.carrierBA),
        payload: one(100_000),
      });
      expect(after.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('an instance killed mid-stream loses nothing it acknowledged; the other answers the resends as replays', async () => {
    const cluster = (await startCluster()) as Cluster;
    clusters.push(cluster);
    const port = async () =>
      new Promise<number>((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => resolve(p));
        });
      });
    const start = async () => {
      const p = await port();
      const dataDir = mkdtempSync(join(tmpdir(), 'paxscreen-instance-'));
      dataDirs.push(dataDir);
      const child = spawn(process.execPath, [SERVER], {
        env: {
          ...process.env,
          PAXSCREEN_DATABASE_URL: cluster.url,
          PAXSCREEN_AUDIT_KEY: AUDIT_KEY,
          PAXSCREEN_PORT: String(p),
          PAXSCREEN_WORKERS: '1',
          PAXSCREEN_LOG_LEVEL: 'silent',
          PAXSCREEN_CHECKIN_RATE_PER_MINUTE: '0',
          PAXSCREEN_DATA_DIR: dataDir,
        },
        stdio: 'ignore',
      });
      children.push(child);
      const base = `http://127.0.0.1:${p}`;
      for (let i = 0; i < 200; i++) {
        const ready = await fetch(`${base}/readyz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ready) return { child, base };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('instance did not become ready');
    };
    const [x, y] = await Promise.all([start(), start()]);
    const acknowledged = new Map<string, string>();
    const sent = new Map<string, ReturnType<typeof one>>();
    let i = 0;
    const lane = async (base: string, until: () => boolean) => {
      while (!until()) {
        const m = one(i++);
        sent.set(m.messageRef, m);
        const res = await fetch(`${base}/v1/manifests`, {
          method: 'POST',
          headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/json' },
          body: JSON.stringify(m),
        }).catch(() => null);
        if (res?.status === 200)
          acknowledged.set(m.messageRef, ((await res.json()) as { manifestId: string }).manifestId);
        else if (res === null) return;
      }
    };
    let killed = false;
    setTimeout(() => {
      x.child.kill('SIGKILL');
      killed = true;
    }, 2_000);
    const end = Date.now() + 3_500;
    await Promise.all([lane(x.base, () => killed), lane(x.base, () => killed), lane(y.base, () => Date.now() > end)]);
    expect(acknowledged.size).toBeGreaterThan(10);
    const stored = await storedRefs(cluster.url);
    expect([...acknowledged.keys()].filter((r) => !stored.has(r))).toEqual([]);
    // A resend of something the dead instance acknowledged: the survivor replays the stored answer.
    const [ref, id] = [...acknowledged.entries()][0] as [string, string];
    const resend = await fetch(`${y.base}/v1/manifests`, {
      method: 'POST',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/json' },
      body: JSON.stringify(sent.get(ref)),
    });
    expect(resend.status).toBe(200);
    expect(((await resend.json()) as { manifestId: string }).manifestId).toBe(id);
    y.child.kill('SIGTERM');
  }, 60_000);
});
