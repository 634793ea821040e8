import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/contracts/alert.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, sampleManifest, traveller } from '../helpers/manifests.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.inject({
    method: 'POST',
    url: '/v1/manifests',
    headers: bearer(TOKENS.carrierBA),
    payload: sampleManifest(),
  });
  // A later-arriving journey with a wanted person and a child with an unrelated adult.
  const later = manifest(
    [
      traveller({ ref: 'L1', surname: 'PAPADOPOULOS', givenNames: 'GEORGIOS', dateOfBirth: '1990-02-14' }),
      traveller({
        ref: 'L2',
        surname: 'KEMP',
        givenNames: 'ROGER',
        dateOfBirth: '1970-01-01',
        booking: { ref: 'BK1', bookedAt: '2026-11-01T00:00:00Z', payment: 'card', ticket: 'return' },
      }),
      traveller({
        ref: 'L3',
        surname: 'NOWAK',
        givenNames: 'ZOFIA',
        dateOfBirth: '2015-05-05',
        booking: { ref: 'BK1', bookedAt: '2026-11-01T00:00:00Z', payment: 'card', ticket: 'return' },
      }),
    ],
    {
      journey: {
        ...manifest([]).journey,
        serviceNumber: 'BA0900',
        arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-09T10:00:00Z' },
        departure: { port: 'CDG', country: 'FRA', scheduled: '2026-12-09T09:00:00Z' },
      },
    },
  );
  await t.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: later });
});
afterAll(async () => t.close());

const RANK = { critical: 0, high: 1, medium: 2, low: 3 };

describe('GET /v1/alerts', () => {
  it('orders the queue by priority, then the soonest arrival', async () => {
    const res = await t.app.inject({ url: '/v1/alerts?limit=200', headers: bearer(TOKENS.officer) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Alert[];
    expect(items.length).toBe(6);
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1] as Alert;
      const b = items[i] as Alert;
      expect(
        RANK[a.priority] < RANK[b.priority] ||
          (RANK[a.priority] === RANK[b.priority] && a.journey.arrival.scheduled <= b.journey.arrival.scheduled),
      ).toBe(true);
    }
    expect(items[0]?.travellerRef).toBe('P006');
    // Three "high" alerts from the 1 December flight come before the one from 9 December.
    const high = items.filter((a) => a.priority === 'high').map((a) => a.journey.serviceNumber);
    expect(high).toEqual(['BA0123', 'BA0123', 'BA0123', 'BA0900']);
  });

  it('pages with an opaque cursor without gaps or repeats', async () => {
    const all = (await t.app.inject({ url: '/v1/alerts?limit=200', headers: bearer(TOKENS.officer) }))
      .json()
      .items.map((a: Alert) => a.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/alerts?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await t.app.inject({ url, headers: bearer(TOKENS.officer) })).json();
      seen.push(...page.items.map((a: Alert) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('filters by status and rejects a forged cursor', async () => {
    const open = await t.app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) });
    expect(open.json().items.length).toBe(6);
    const closed = await t.app.inject({ url: '/v1/alerts?status=closed', headers: bearer(TOKENS.officer) });
    expect(closed.json().items).toEqual([]);
    const bad = await t.app.inject({ url: '/v1/alerts?cursor=bm9wZQ', headers: bearer(TOKENS.officer) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_CURSOR');
    const badStatus = await t.app.inject({ url: '/v1/alerts?status=pending', headers: bearer(TOKENS.officer) });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().issues[0].path).toBe('querystring.status');
  });

  it('is for officers only', async () => {
    expect((await t.app.inject({ url: '/v1/alerts' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/alerts', headers: bearer(TOKENS.carrierBA) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/v1/alerts', headers: bearer(TOKENS.supervisor) })).statusCode).toBe(200);
  });
});

describe('GET /v1/alerts/:id', () => {
  it('shows every reason as the design describes', async () => {
    const items = (await t.app.inject({ url: '/v1/alerts', headers: bearer(TOKENS.officer) })).json().items as Alert[];
    const wanted = items.find((a) => a.travellerRef === 'P001') as Alert;
    const res = await t.app.inject({ url: `/v1/alerts/${wanted.id}`, headers: bearer(TOKENS.officer) });
    expect(res.statusCode).toBe(200);
    const alert = res.json() as Alert;
    expect(alert).toMatchObject({
      travellerRef: 'P001',
      manifestId: expect.any(String),
      status: 'open',
      journey: { carrier: 'BA', serviceNumber: 'BA0123' },
    });
    const reason = alert.reasons[0];
    expect(reason).toMatchObject({ type: 'watchlist', entryId: 'DEMO-0002', list: 'demo', category: 'wanted' });
    if (reason?.type !== 'watchlist') throw new Error('expected a watch-list reason');
    expect(reason.explanation.dateOfBirth).toBe('year-only');
    expect(reason.explanation.nationality).toBe('agrees');
    expect(reason.explanation.tokens).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ listed: 'MUELLER', travelled: 'MUELLER', how: 'exact' }),
        expect.objectContaining({ listed: 'KARL', how: 'missing' }),
      ]),
    );

    const child = items.find((a) => a.travellerRef === 'L3') as Alert;
    const rule = child.reasons[0];
    expect(rule).toMatchObject({
      type: 'rule',
      ruleId: 'minor-with-unrelated-adults',
      score: 50,
      facts: { minor: { ref: 'L3', age: '11' }, adults: [{ ref: 'L2', kinship: 'UNLIKELY' }] },
    });
    expect(child.directive).toBe('OK_TO_BOARD');
  });

  it('answers 404 for an unknown alert and 403 for a carrier', async () => {
    const missing = await t.app.inject({
      url: '/v1/alerts/00000000-0000-0000-0000-000000000000',
      headers: bearer(TOKENS.officer),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
    expect((await t.app.inject({ url: '/v1/alerts/x', headers: bearer(TOKENS.carrierBA) })).statusCode).toBe(403);
  });
});
