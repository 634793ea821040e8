import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

let t: TestApp;
beforeAll(async () => {
  // One request in flight at a time, and a worker that takes its time: the second request is refused.
  t = await startTestApp(
    { PAXSCREEN_MAX_IN_FLIGHT: '1', PAXSCREEN_BATCH_BUDGET_MS: '2000' },
    { workerFile: new URL('../fixtures/stalling-worker.ts', import.meta.url) },
  );
});
afterAll(async () => t.close());

describe('backpressure', () => {
  it('refuses excess work with 503 and Retry-After, stores nothing for it, and reports saturation in metrics', async () => {
    const first = t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: manifest([traveller({ ref: 'Q1' })]),
    });
    await new Promise((r) => setTimeout(r, 50));
    const refusedManifest = manifest([traveller({ ref: 'Q2' })]);
    const second = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: refusedManifest,
    });
    expect(second.statusCode).toBe(503);
    expect(second.headers['retry-after']).toBe('1');
    expect(second.json().code).toBe('SATURATED');
    // Refused as it arrives, before the body is read: even an invalid body gets the 503, not a 400.
    const check = await t.app.inject({
      method: 'POST',
      url: '/v1/travellers/check',
      headers: bearer(TOKENS.carrierBA),
      payload: { not: 'a check' },
    });
    expect(check.statusCode).toBe(503);
    expect((await first).statusCode).toBe(200);
    expect(await t.store.findReceipt('BA', refusedManifest.messageRef)).toBeNull();
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/paxscreen_saturated_rejections_total 2/);
    expect(metrics).toMatch(/paxscreen_pool_utilization/);
    expect(metrics).toMatch(/nodejs_eventloop_lag_p99_seconds/);
    expect(metrics).toMatch(/paxscreen_directives_total\{directive="OK_TO_BOARD"\} 1/);
  });
});
