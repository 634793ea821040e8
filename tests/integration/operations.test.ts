import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loggerOptions } from '../../src/log.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, sampleManifest, traveller } from '../helpers/manifests.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('health and readiness', () => {
  it('is healthy at once and ready only once watch-lists are loaded', async () => {
    t = await startTestApp({}, { load: false });
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const notReady = await t.app.inject({ url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().checks).toEqual({ watchlists: false, rules: false, store: true, pool: true });
    const early = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: manifest([traveller({ ref: 'R1' })]),
    });
    expect(early.statusCode).toBe(503);
    expect(early.json().code).toBe('NOT_READY');
  });

  it('serves the OpenAPI description and its page', async () => {
    t = await startTestApp();
    const spec = (await t.app.inject({ url: '/docs/json' })).json();
    expect(spec.paths['/v1/manifests'].post).toBeDefined();
    expect(spec.paths['/v1/alerts'].get).toBeDefined();
    expect((await t.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });
});

describe('fail closed', () => {
  it('gives CONTACT_AUTHORITY to every traveller when the worker dies', async () => {
    t = await startTestApp({}, { workerFile: new URL('../fixtures/crashing-worker.ts', import.meta.url) });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: sampleManifest(),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.complete).toBe(false);
    expect(body.directives).toHaveLength(8);
    for (const d of body.directives) expect(d.directive).toBe('CONTACT_AUTHORITY');
    // Every affected traveller reaches an officer at once, with the reason in plain words.
    const alerts = (await t.app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) })).json()
      .items;
    expect(alerts).toHaveLength(8);
    for (const a of alerts) {
      expect(a.reasons[0]).toMatchObject({ type: 'incomplete', cause: 'worker-failure' });
      expect(a.directive).toBe('CONTACT_AUTHORITY');
    }
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/paxscreen_worker_task_failures [1-9]/);
  });

  it('answers inside the budget and stores the alerts that come later', async () => {
    t = await startTestApp(
      { PAXSCREEN_BATCH_BUDGET_MS: '150' },
      { workerFile: new URL('../fixtures/stalling-worker.ts', import.meta.url) },
    );
    const started = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: sampleManifest(),
    });
    expect(Date.now() - started).toBeLessThan(550);
    const body = res.json();
    expect(body.complete).toBe(false);
    for (const d of body.directives) expect(d.directive).not.toBe('OK_TO_BOARD');
    const app = t.app;
    // At once: an open "screening incomplete" alert for each of the 8 travellers.
    const first = (await app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) })).json().items;
    expect(first).toHaveLength(8);
    for (const a of first) expect(a.reasons[0]).toMatchObject({ type: 'incomplete', cause: 'budget' });
    // Later: the 4 with findings are superseded by alerts that show them; the other 4 are closed with a note.
    await expect
      .poll(async () => (await app.inject({ url: '/v1/alerts/counts', headers: bearer(TOKENS.officer) })).json(), {
        timeout: 5000,
        interval: 100,
      })
      .toMatchObject({ open: 4, closed: 4 });
    const items = (await app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) })).json().items;
    for (const a of items) {
      // The carrier was told CONTACT_AUTHORITY; the alert records what the carrier was told.
      expect(a.directive).toBe('CONTACT_AUTHORITY');
      expect(a.raisedBy).toBe('late-screening');
      expect(a.reasons.some((r: { type: string }) => r.type !== 'incomplete')).toBe(true);
    }
    const closed = (await app.inject({ url: '/v1/alerts?status=closed', headers: bearer(TOKENS.officer) })).json()
      .items;
    for (const a of closed) expect(a.events.at(-1)).toMatchObject({ action: 'auto-close', principal: 'paxscreen' });
  });
});

describe('logs', () => {
  it('carry ids, never names, dates of birth or document numbers', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({}, { logger: pino(loggerOptions('debug'), stream) });
    const app = t.app;
    await app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: sampleManifest(),
    });
    await app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) });
    await app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: {
        ...sampleManifest(),
        messageRef: 'bad',
        travellers: [{ ref: 'Z', surname: 'SECRETNAME', dateOfBirth: '1999-99-99' }],
      },
    });
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(text).toContain('manifest screened');
    for (const secret of [
      'MUELLER',
      'JURGEN',
      '1968-05-02',
      'C01X00T47',
      'SECRETNAME',
      '1999-99-99',
      'X9988776',
      TOKENS.carrierBA,
      TOKENS.officer,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
