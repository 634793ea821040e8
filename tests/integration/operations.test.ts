import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/app.ts';
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
    const early = await t.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: manifest([traveller({ ref: 'R1' })]) });
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
    const res = await t.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: sampleManifest() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.complete).toBe(false);
    expect(body.directives).toHaveLength(8);
    for (const d of body.directives) expect(d.directive).toBe('CONTACT_AUTHORITY');
  });

  it('answers inside the budget and stores the alerts that come later', async () => {
    t = await startTestApp({ PAXSCREEN_BATCH_BUDGET_MS: '150' }, { workerFile: new URL('../fixtures/stalling-worker.ts', import.meta.url) });
    const started = Date.now();
    const res = await t.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: sampleManifest() });
    expect(Date.now() - started).toBeLessThan(550);
    const body = res.json();
    expect(body.complete).toBe(false);
    for (const d of body.directives) expect(d.directive).not.toBe('OK_TO_BOARD');
    const app = t.app;
    await expect
      .poll(async () => (await app.inject({ url: '/v1/alerts', headers: bearer(TOKENS.officer) })).json().items.length, { timeout: 5000, interval: 100 })
      .toBe(4);
    const items = (await app.inject({ url: '/v1/alerts', headers: bearer(TOKENS.officer) })).json().items;
    // The carrier was told CONTACT_AUTHORITY; the alert records what the carrier was told.
    for (const a of items) expect(a.directive).toBe('CONTACT_AUTHORITY');
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
    t = await startTestApp({}, { logger: { ...(loggerOptions('debug') as object), stream } });
    const app = t.app;
    await app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: sampleManifest() });
    await app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) });
    await app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: { ...sampleManifest(), messageRef: 'bad', travellers: [{ ref: 'Z', surname: 'SECRETNAME', dateOfBirth: '1999-99-99' }] } });
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(text).toContain('manifest screened');
    for (const secret of ['MUELLER', 'JURGEN', '1968-05-02', 'C01X00T47', 'SECRETNAME', '1999-99-99', 'X9988776', TOKENS.carrierBA, TOKENS.officer]) {
      expect(text).not.toContain(secret);
    }
  });
});
