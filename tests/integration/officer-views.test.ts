/**
 * The officer workstation's API (issue 16): reasons in words, the listed record beside the
 * traveller, the journey and booking views, search, decisions that carry forward, the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, sampleManifest, traveller } from '../helpers/manifests.ts';

let t: TestApp;
const get = (url: string, token = TOKENS.officer) => t.app.inject({ url, headers: bearer(token) });
const post = (url: string, token: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

interface Item {
  id: string;
  travellerRef: string;
  status: string;
  directive: string;
  journey: { id: string };
  reasons: Array<{ type: string; ruleId?: string; entryId?: string }>;
}
const alertOf = async (ref: string, token = TOKENS.officer, status = 'open'): Promise<Item | undefined> =>
  ((await get(`/v1/alerts?status=${status}&limit=200`, token)).json().items as Item[]).find(
    (a) => a.travellerRef === ref,
  );

beforeAll(async () => {
  t = await startTestApp();
  expect((await post('/v1/manifests', TOKENS.carrierBA, sampleManifest())).statusCode).toBe(200);
});
afterAll(async () => t.close());

/** Every string in a nested value. */
const texts = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(texts)
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(texts)
        : [];

describe('the alert in words', () => {
  it('a rule alert reads in words: labels, units, times on the port clock; no raw field name, no ISO timestamp', async () => {
    const a = await alertOf('P005');
    const detail = (await get(`/v1/alerts/${a?.id}`)).json();
    const lines = detail.presentation.reasonLines.filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    const shown = texts(lines);
    expect(shown.some((s) => ISO_TIME.test(s))).toBe(false);
    for (const raw of ['hoursBefore', 'bookedAt', 'companionsFrom', 'travelDate', 'minorAgeBelow'])
      expect(shown).not.toContain(raw);
    expect(shown).toContain('Booked before departure');
    expect(shown).toContain('11.5 hours');
    // Booked 22:00 UTC = 23:00 in Frankfurt, the departure port.
    expect(shown).toContain('30 Nov 2026, 23:00 UTC+1');
    expect(detail.presentation.times).toMatchObject({
      departureZone: 'Europe/Berlin',
      arrivalZone: 'Europe/London',
      arrivalLocal: '1 Dec 2026, 10:45 UTC+0',
    });
  });

  it('a watch-list alert carries the listed record as it stood: names, dates, nationality, remarks', async () => {
    const a = await alertOf('P001');
    const detail = (await get(`/v1/alerts/${a?.id}`)).json();
    const reason = detail.reasons.find((r: { type: string }) => r.type === 'watchlist');
    expect(reason.listed).toMatchObject({
      names: ['MÜLLER, JÜRGEN KARL'],
      datesOfBirth: ['1968'],
      nationalities: ['DEU'],
      notes: 'European arrest warrant (fictional)',
    });
    expect(reason.listed.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('journey and booking', () => {
  it('from an alert to its flight: every traveller with the directive given and the alert in force, linked back', async () => {
    const a = (await alertOf('P005')) as Item;
    const res = await get(`/v1/journeys/${a.journey.id}`);
    expect(res.statusCode).toBe(200);
    const j = res.json();
    expect(j.journey).toMatchObject({
      carrier: 'BA',
      serviceNumber: 'BA0123',
      times: { arrivalZone: 'Europe/London' },
    });
    expect(j.travellers).toHaveLength(8);
    const p005 = j.travellers.find((x: { ref: string }) => x.ref === 'P005');
    expect(p005).toMatchObject({ directive: 'OK_TO_BOARD', alert: { id: a.id, status: 'open' } });
    expect(j.travellers.find((x: { ref: string }) => x.ref === 'P002')).toMatchObject({
      directive: 'OK_TO_BOARD',
      alert: null,
    });
    const booking = (await get(`/v1/journeys/${a.journey.id}?booking=GHI789`)).json();
    expect(booking.travellers.map((x: { ref: string }) => x.ref).sort()).toEqual(['P004', 'P005']);
    expect((await get('/v1/journeys/nope')).statusCode).toBe(404);
  });
});

describe('search', () => {
  it('finds an unflagged traveller by surname (fuzzy), by document, by booking and by flight; audited with hashed terms', async () => {
    const bySurname = (await get('/v1/travellers/search?name=SMYTH')).json();
    const refs = bySurname.items.map((i: { traveller: { ref: string } }) => i.traveller.ref);
    expect(refs).toEqual(expect.arrayContaining(['P002', 'P003']));
    expect(bySurname.items[0].traveller.alert).toBeNull();
    expect(bySurname.items[0].nameScore).toBeGreaterThan(50);
    expect(
      (await get('/v1/travellers/search?document=5333-77201'))
        .json()
        .items.map((i: { traveller: { ref: string } }) => i.traveller.ref),
    ).toEqual(['P002']);
    expect((await get('/v1/travellers/search?booking=ghi789')).json().items).toHaveLength(2);
    expect((await get('/v1/travellers/search?service=BA0123')).json().items).toHaveLength(8);
    expect((await get('/v1/travellers/search?name=ZZZZQQQ')).json().items).toHaveLength(0);
    const bad = await get('/v1/travellers/search');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({
      path: 'querystring.name',
      message: 'give a name, a document, a booking or a service',
    });
    const audit = (await get('/v1/audit?action=travellers.search', TOKENS.auditor)).json().items;
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(audit)).not.toMatch(/SMYTH|533377201|GHI789/);
  });
});

describe('decisions that carry forward', () => {
  it('a false match closed for one passport is not raised again for it, but is for another passport; a supervisor sees and revokes it', async () => {
    const first = (await alertOf('P001')) as Item;
    expect((await post(`/v1/alerts/${first.id}/claim`, TOKENS.officer)).statusCode).toBe(200);
    expect(
      (
        await post(`/v1/alerts/${first.id}/disposition`, TOKENS.officer, {
          outcome: 'false-match',
          note: 'Different man: date of birth and photo checked',
        })
      ).statusCode,
    ).toBe(200);
    const carried = (await get(`/v1/alerts/${first.id}`)).json().carriedForward;
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({
      entryId: 'DEMO-0002',
      documentNumber: 'C01X00T47',
      dateOfBirth: '1968-05-02',
      state: 'active',
    });

    // A week later, the same man on another flight, and a namesake with another passport.
    const sameMan = traveller({
      ref: 'R1',
      surname: 'MUELLER',
      givenNames: 'JURGEN',
      dateOfBirth: '1968-05-02',
      nationality: 'DEU',
      documents: [{ type: 'P', number: 'C01X00T47', issuingCountry: 'DEU' }],
    });
    const otherPassport = traveller({
      ref: 'R2',
      surname: 'MUELLER',
      givenNames: 'JURGEN',
      dateOfBirth: '1968-05-02',
      nationality: 'DEU',
      documents: [{ type: 'P', number: 'C99Y00Z11', issuingCountry: 'DEU' }],
    });
    const next = manifest([sameMan, otherPassport], {
      journey: {
        mode: 'air',
        carrier: 'BA',
        serviceNumber: 'BA0907',
        departure: { port: 'MUC', country: 'DEU', scheduled: '2026-12-08T09:00:00Z' },
        arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-08T10:30:00Z' },
      },
    });
    const answer = (await post('/v1/manifests', TOKENS.carrierBA, next)).json();
    expect(answer.directives).toEqual([
      { ref: 'R1', directive: 'OK_TO_BOARD' },
      { ref: 'R2', directive: 'CONTACT_AUTHORITY' },
    ]);
    expect(await alertOf('R1')).toBeUndefined();
    expect(await alertOf('R2')).toMatchObject({ status: 'open' });

    // Officers do not see the suppressed record; supervisors do, linked to the decision.
    expect((await get('/v1/alerts?status=suppressed')).statusCode).toBe(403);
    const suppressed = (await alertOf('R1', TOKENS.supervisor, 'suppressed')) as Item & {
      suppressions: Array<{ decidedAlertId: string; suppressionId: string }>;
    };
    expect(suppressed.suppressions[0]?.decidedAlertId).toBe(first.id);
    expect((await post(`/v1/alerts/${suppressed.id}/claim`, TOKENS.supervisor)).statusCode).toBe(409);
    const list = (await get('/v1/suppressions', TOKENS.supervisor)).json();
    expect(list.items.map((s: { id: string }) => s.id)).toContain(carried[0].id);
    expect((await get('/v1/suppressions')).statusCode).toBe(403);

    // Revoked: the record returns to the queue.
    const revoked = await post(`/v1/suppressions/${carried[0].id}/revoke`, TOKENS.supervisor, {
      note: 'Intelligence says this may be him after all',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().reopened).toEqual([suppressed.id]);
    expect(await alertOf('R1')).toMatchObject({ id: suppressed.id, status: 'open' });
    const actions = (await get('/v1/audit?limit=500', TOKENS.auditor))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['suppression.create', 'suppression.apply', 'suppression.revoke']));
    expect(
      (await post(`/v1/suppressions/${carried[0].id}/revoke`, TOKENS.supervisor, { note: 'again' })).statusCode,
    ).toBe(409);
  });

  it('a rule alert closed as a false match carries nothing forward', async () => {
    const a = (await alertOf('P005')) as Item;
    await post(`/v1/alerts/${a.id}/claim`, TOKENS.officer);
    expect(
      (
        await post(`/v1/alerts/${a.id}/disposition`, TOKENS.officer, {
          outcome: 'false-match',
          note: 'Aunt travelling with her niece',
        })
      ).statusCode,
    ).toBe(200);
    expect((await get(`/v1/alerts/${a.id}`)).json().carriedForward).toEqual([]);
  });
});

describe('supervisor and auditor', () => {
  it('rule performance lists every rule in force, the ones that never fired with zero', async () => {
    const perf = (await get('/v1/rules/performance', TOKENS.supervisor)).json();
    const ids = perf.rules.map((r: { ruleId: string }) => r.ruleId);
    expect(ids).toEqual(
      expect.arrayContaining(['repeat-payer', 'arrive-leave-without', 'minor-with-unrelated-adults']),
    );
    expect(perf.rules.find((r: { ruleId: string }) => r.ruleId === 'repeat-payer')).toMatchObject({
      alerts: 0,
      confirmedShare: null,
      title: expect.any(String),
    });
  });

  it('the audit log names the traveller in words, filters by target, pages, and exports as CSV (the export audited)', async () => {
    const a = (await alertOf('R2')) as Item;
    await get(`/v1/alerts/${a.id}`);
    const rows = (await get(`/v1/audit?target=${a.id}&action=alert.view`, TOKENS.auditor)).json().items;
    expect(rows).toHaveLength(1);
    expect(rows[0].targetWords).toBe('MUELLER, JURGEN (BA BA0907 arriving 8 Dec 2026, 10:30 UTC)');
    const page1 = (await get('/v1/audit?limit=2', TOKENS.auditor)).json();
    const page2 = (await get(`/v1/audit?limit=2&cursor=${page1.nextCursor}`, TOKENS.auditor)).json();
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);
    const csv = await get('/v1/audit/export?action=alert.view', TOKENS.auditor);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('id,at,principal,role,action,target,purpose,target in words');
    expect(csv.body).toContain('"MUELLER, JURGEN (BA BA0907 arriving 8 Dec 2026, 10:30 UTC)"');
    expect((await get('/v1/audit?action=audit.export', TOKENS.auditor)).json().items).toHaveLength(1);
    expect((await get('/v1/audit/export')).statusCode).toBe(403);
  });
});

describe('a suppression that no longer holds', () => {
  it('when the listed entry changes, re-screening raises the finding again', async () => {
    const entry = (notes: string) =>
      JSON.stringify({
        id: 'X-1',
        list: 'extra',
        category: 'wanted',
        action: 'REFER',
        names: [{ surname: 'BRANDT', givenNames: 'KLAUS' }],
        dateOfBirth: '1975-02-03',
        notes,
      });
    const upload = (notes: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/watchlists/extra',
        headers: { ...bearer(TOKENS.supervisor), 'content-type': 'application/x-ndjson' },
        payload: `${entry(notes)}\n`,
      });
    expect((await upload('first version')).statusCode).toBe(200);
    const brandt = (ref: string) =>
      traveller({
        ref,
        surname: 'BRANDT',
        givenNames: 'KLAUS',
        dateOfBirth: '1975-02-03',
        nationality: 'DEU',
        documents: [{ type: 'P', number: 'K7001002', issuingCountry: 'DEU' }],
      });
    const journey = (service: string, day: string) => ({
      mode: 'air' as const,
      carrier: 'BA',
      serviceNumber: service,
      departure: { port: 'HAM', country: 'DEU', scheduled: `2026-12-${day}T09:00:00Z` },
      arrival: { port: 'LHR', country: 'GBR', scheduled: `2026-12-${day}T10:30:00Z` },
    });
    await post('/v1/manifests', TOKENS.carrierBA, manifest([brandt('K1')], { journey: journey('BA0961', '10') }));
    const first = (await alertOf('K1')) as Item;
    await post(`/v1/alerts/${first.id}/claim`, TOKENS.officer);
    expect(
      (
        await post(`/v1/alerts/${first.id}/disposition`, TOKENS.officer, {
          outcome: 'false-match',
          note: 'Not the listed man',
        })
      ).statusCode,
    ).toBe(200);
    const again = (
      await post('/v1/manifests', TOKENS.carrierBA, manifest([brandt('K2')], { journey: journey('BA0963', '12') }))
    ).json();
    expect(again.directives).toEqual([{ ref: 'K2', directive: 'OK_TO_BOARD' }]);
    expect(await alertOf('K2', TOKENS.supervisor, 'suppressed')).toBeDefined();

    // The list changes the entry: the decision was about the old version.
    expect((await upload('second version: new intelligence')).statusCode).toBe(200);
    await t.runtime.watchlists.reload('test');
    await t.runtime.rescreen.trigger('test');
    const raised = await alertOf('K2');
    expect(raised).toMatchObject({ status: 'open', directive: 'CONTACT_AUTHORITY' });
    expect(await alertOf('K2', TOKENS.supervisor, 'suppressed')).toBeUndefined();
  });
});
