/**
 * Durability (issue 15): the service is killed with SIGKILL in the middle of a burst of manifests;
 * after a restart on the same data folder, every manifest it had acknowledged is there (a resend of
 * the same message gets the same manifest id back, not a new one).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PAXSCREEN_DATA_DIR: dir,
      PAXSCREEN_PORT: String(port),
      PAXSCREEN_WORKERS: '1',
      PAXSCREEN_LOG_LEVEL: 'silent',
      PAXSCREEN_LIST_POLL_MS: '0',
      NODE_ENV: 'test',
    },
    stdio: 'ignore',
  });
  children.push(child);
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service did not become ready');
}

const upcoming = () => {
  const dep = new Date(Date.now() + 2 * 86_400_000);
  const arr = new Date(dep.getTime() + 2 * 3_600_000);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    mode: 'air' as const,
    carrier: 'BA',
    serviceNumber: 'BA4242',
    departure: { port: 'CDG', country: 'FRA', scheduled: iso(dep) },
    arrival: { port: 'LHR', country: 'GBR', scheduled: iso(arr) },
  };
};

describe('a SIGKILL during a burst', () => {
  it('loses no acknowledged manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-crash-'));
    dirs.push(dir);
    const port = 18_600 + Math.floor(Math.random() * 300);
    const first = await start(dir, port);
    const journey = upcoming();
    const bodies = Array.from({ length: 400 }, (_, i) =>
      manifest(
        Array.from({ length: 5 }, (_, k) =>
          traveller({ ref: `P${i}-${k}`, surname: `BURST${i}`, givenNames: `PERSON${k}` }),
        ),
        { journey: { ...journey, serviceNumber: `BA${1000 + i}` }, messageRef: `CRASH-${i}` },
      ),
    );
    const acknowledged = new Map<string, string>();
    let killed = false;
    const post = async (body: object) => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/v1/manifests`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKENS.carrierBA}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status === 200) {
          const json = (await res.json()) as { manifestId: string };
          acknowledged.set((body as { messageRef: string }).messageRef, json.manifestId);
          if (!killed && acknowledged.size >= 60) {
            killed = true;
            first.kill('SIGKILL');
          }
        }
      } catch {
        // the connection died with the process: not acknowledged
      }
    };
    // Ten at a time until the kill; what was in flight then was not acknowledged.
    for (let i = 0; i < bodies.length && !killed; i += 10) await Promise.all(bodies.slice(i, i + 10).map(post));
    expect(killed).toBe(true);
    await new Promise((r) => first.once('exit', r));

    await start(dir, port);
    let found = 0;
    for (const [ref, manifestId] of acknowledged) {
      const body = bodies.find((b) => b.messageRef === ref) as object;
      const res = await fetch(`http://127.0.0.1:${port}/v1/manifests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKENS.carrierBA}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { manifestId: string };
      if (res.status === 200 && json.manifestId === manifestId) found++;
    }
    expect(found).toBe(acknowledged.size);
  }, 90_000);
});
