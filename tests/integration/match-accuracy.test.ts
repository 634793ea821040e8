/**
 * Matching accuracy (issue 14) through the public API, as a carrier and an officer see it: a common
 * name with another date of birth is cleared, a listed person under a nickname and a run-together
 * name is flagged, the officer reads every component of the score, and the carrier reads none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const entries = [
  {
    id: 'ACC-1',
    list: 'acc',
    category: 'wanted',
    action: 'REFER',
    names: [{ surname: 'RENAULT', givenNames: 'MARION' }],
    dateOfBirth: '1971-04-12',
  },
  {
    id: 'ACC-2',
    list: 'acc',
    category: 'excluded',
    action: 'DO_NOT_BOARD',
    names: [{ surname: 'WHITLOCK', givenNames: 'THEODORE' }],
    dateOfBirth: '1966-02-19',
  },
  {
    id: 'ACC-3',
    list: 'acc',
    category: 'wanted',
    action: 'REFER',
    names: [{ surname: 'BELMOKHTAR', givenNames: 'MOKHTAR' }],
    dateOfBirth: '1972-06-01',
  },
];

describe('matching accuracy through the API', () => {
  it('clears a namesake with another date of birth, flags a nickname and a run-together name, and explains each score to officers only', async () => {
    t = await startTestApp();
    const upload = await t.app.inject({
      method: 'POST',
      url: '/v1/watchlists/acc',
      headers: { ...bearer(TOKENS.supervisor), 'content-type': 'application/x-ndjson' },
      payload: entries.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(upload.statusCode).toBe(200);
    const body = manifest([
      traveller({ ref: 'N1', surname: 'RENAULT', givenNames: 'MARION', dateOfBirth: '1988-09-30' }),
      traveller({ ref: 'N2', surname: 'WHITLOCK', givenNames: 'TED', dateOfBirth: '1966-02-19' }),
      traveller({ ref: 'N3', surname: 'MOKHTARBELMOKHTAR', givenNames: '', dateOfBirth: '1972-06-01' }),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: body as object,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().directives).toEqual([
      { ref: 'N1', directive: 'OK_TO_BOARD' },
      { ref: 'N2', directive: 'DO_NOT_BOARD' },
      { ref: 'N3', directive: expect.stringMatching(/CONTACT_AUTHORITY|DO_NOT_BOARD/) },
    ]);
    // The carrier learns nothing of why.
    expect(res.body).not.toMatch(/scoreParts|ACC-|equivalent|nickname/);

    const alerts = (
      await t.app.inject({ url: '/v1/alerts?status=open&limit=100', headers: bearer(TOKENS.officer) })
    ).json().items as Array<{ travellerRef: string; id: string }>;
    expect(alerts.map((a) => a.travellerRef).sort()).toEqual(['N2', 'N3']);
    const n2 = alerts.find((a) => a.travellerRef === 'N2') as { id: string };
    const detail = (await t.app.inject({ url: `/v1/alerts/${n2.id}`, headers: bearer(TOKENS.officer) })).json();
    const reason = detail.reasons.find((r: { type: string }) => r.type === 'watchlist');
    expect(reason.explanation.tokens).toEqual(
      expect.arrayContaining([expect.objectContaining({ listed: 'THEODORE', travelled: 'TED', how: 'equivalent' })]),
    );
    expect(reason.explanation.scoreParts).toMatchObject({ dateOfBirth: 8 });
    // The parts add up to the score (which never exceeds 100).
    expect(Math.min(100, reason.explanation.scoreParts.name + reason.explanation.scoreParts.dateOfBirth)).toBeCloseTo(
      reason.score,
      0,
    );
  });
});
