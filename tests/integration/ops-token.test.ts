import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startTestApp } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('operations pages behind a token', () => {
  it('with PAXSCREEN_OPS_TOKEN, /metrics and /docs need it, /readyz hides its details, /healthz stays open', async () => {
    const token = 'ops-token-0123456789abcdef';
    t = await startTestApp({ PAXSCREEN_OPS_TOKEN: token });
    const get = (url: string, headers = {}) => (t as TestApp).app.inject({ url, headers });
    expect((await get('/metrics')).statusCode).toBe(401);
    expect((await get('/metrics', bearer('wrong-token-0123456789'))).statusCode).toBe(401);
    expect((await get('/metrics', bearer(token))).body).toMatch(/paxscreen_/);
    expect((await get('/docs/json')).statusCode).toBe(401);
    expect((await get('/docs/json', bearer(token))).statusCode).toBe(200);
    expect((await get('/readyz')).json()).toEqual({ status: 'ready' });
    expect((await get('/readyz', bearer(token))).json()).toMatchObject({
      status: 'ready',
      watchlists: expect.any(Object),
    });
    expect((await get('/healthz')).statusCode).toBe(200);
  });

  it('without it, everything stays open as before', async () => {
    t = await startTestApp();
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/readyz' })).json()).toHaveProperty('watchlists');
  });
});
