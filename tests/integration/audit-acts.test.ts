/**
 * What officers see is audited once per act (issue 15): a queue polled every few seconds is one
 * line, a filtered list or a watch-list search is recorded with its terms hashed, never in clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { sampleManifest } from '../helpers/manifests.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.inject({
    method: 'POST',
    url: '/v1/manifests',
    headers: bearer(TOKENS.carrierBA),
    payload: sampleManifest(),
  });
});
afterAll(async () => t.close());

const auditLines = async (action: string) =>
  (await t.app.inject({ url: `/v1/audit?action=${action}&limit=100`, headers: bearer(TOKENS.auditor) })).json()
    .items as Array<{ target: string }>;

describe('audit per act', () => {
  it('writes nothing for a polled queue, and records searches once with hashed terms', async () => {
    const before = (await t.runtime.store.listAudit({ limit: 500 })).items.length;
    for (let i = 0; i < 5; i++)
      expect((await t.app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) })).statusCode).toBe(
        200,
      );
    expect((await t.runtime.store.listAudit({ limit: 500 })).items.length).toBe(before);

    for (let i = 0; i < 3; i++)
      await t.app.inject({ url: '/v1/alerts?serviceNumber=BA0304', headers: bearer(TOKENS.officer) });
    const searches = await auditLines('alerts.search');
    expect(searches).toHaveLength(1);
    expect(searches[0]?.target).toMatch(/^terms=[0-9a-f]{16} /);
    expect(searches[0]?.target).not.toContain('BA0304');

    await t.app.inject({
      url: '/v1/watchlists/search?surname=OKONKOW&givenNames=EMEKA',
      headers: bearer(TOKENS.officer),
    });
    const [search] = await auditLines('watchlists.search');
    expect(search?.target).toMatch(/^terms=[0-9a-f]{16} /);
    expect(search?.target).not.toMatch(/OKONKOW|EMEKA/);
  });
});

describe('audit in the same transaction as the act', () => {
  it('a decision and its audit row are written together; a refused decision leaves neither', async () => {
    const [alert] = (await t.app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) })).json()
      .items as Array<{ id: string }>;
    const id = (alert as { id: string }).id;
    const post = (url: string, token: string, payload?: object) =>
      t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
    expect((await post(`/v1/alerts/${id}/claim`, TOKENS.officer)).statusCode).toBe(200);
    // Someone else's claim: refused, and nothing recorded for it.
    expect(
      (await post(`/v1/alerts/${id}/disposition`, TOKENS.supervisor, { outcome: 'no-concern', note: 'not my claim' }))
        .statusCode,
    ).toBe(409);
    const byTarget = async (action: string) => (await auditLines(action)).filter((l) => l.target === id);
    expect(await byTarget('alert.dispose')).toHaveLength(0);
    expect(
      (
        await post(`/v1/alerts/${id}/disposition`, TOKENS.officer, {
          outcome: 'false-match',
          note: 'checked the passport',
        })
      ).statusCode,
    ).toBe(200);
    expect(await byTarget('alert.dispose')).toHaveLength(1);
    expect(await byTarget('alert.claim')).toHaveLength(1);
  });
});
