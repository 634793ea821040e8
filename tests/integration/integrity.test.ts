/**
 * Screening integrity (issue 13): no path clears a traveller that the lists in force would flag.
 * Everything here goes through HTTP as a carrier, a supervisor and an officer would.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

let t: TestApp | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A journey two days out: not yet arrived, so re-screening looks at it whatever day the tests run. */
function upcoming() {
  const dep = new Date(Date.now() + 2 * 86_400_000);
  dep.setUTCMinutes(0, 0, 0);
  const arr = new Date(dep.getTime() + 2 * 3_600_000);
  return {
    mode: 'air' as const,
    carrier: 'BA',
    serviceNumber: `BA${String(Math.floor(Math.random() * 9000) + 1000)}`,
    departure: { port: 'CDG', country: 'FRA', scheduled: dep.toISOString().replace('.000Z', 'Z') },
    arrival: { port: 'LHR', country: 'GBR', scheduled: arr.toISOString().replace('.000Z', 'Z') },
  };
}

const listed = () =>
  traveller({
    ref: 'P9',
    surname: 'VANTERPOOL',
    givenNames: 'OSWIN BARNABY',
    dateOfBirth: '1971-08-30',
    documents: [{ type: 'P', number: 'Q55512345', issuingCountry: 'NLD' }],
  });
const entry = {
  id: 'X-1',
  list: 'ignored',
  category: 'excluded',
  action: 'DO_NOT_BOARD',
  names: [{ surname: 'VANTERPOOL', givenNames: 'OSWIN BARNABY' }],
  dateOfBirth: '1971-08-30',
  nationality: null,
  documents: null,
  notes: null,
};

const post = (app: TestApp['app'], body: unknown, url = '/v1/manifests') =>
  app.inject({ method: 'POST', url, headers: bearer(TOKENS.carrierBA), payload: body as object });
const upload = (app: TestApp['app'], name: string, lines: object[], query = '') =>
  app.inject({
    method: 'POST',
    url: `/v1/watchlists/${name}${query}`,
    headers: { ...bearer(TOKENS.supervisor), 'content-type': 'application/x-ndjson' },
    payload: lines.map((l) => JSON.stringify(l)).join('\n'),
  });
const openAlerts = async (app: TestApp['app']) =>
  (await app.inject({ url: '/v1/alerts?status=open&limit=100', headers: bearer(TOKENS.officer) })).json()
    .items as Array<
    Record<string, unknown> & {
      travellerRef: string;
      reasons: Array<{ type: string; entryId?: string; cause?: string }>;
    }
  >;

describe('answers hold only for the lists in force', () => {
  it('re-screens travellers still to arrive when a list changes: the alert appears with no carrier message, and resends get the new directive', async () => {
    t = await startTestApp();
    const app = t.app;
    const journey = upcoming();
    const body = manifest([listed(), traveller({ ref: 'P1', surname: 'ORDINARY', givenNames: 'ANNE' })], { journey });
    const first = await post(app, body);
    expect(first.json().directives).toEqual([
      { ref: 'P9', directive: 'OK_TO_BOARD' },
      { ref: 'P1', directive: 'OK_TO_BOARD' },
    ]);
    const check = { journey, traveller: listed() };
    expect((await post(app, check, '/v1/travellers/check')).json().directive).toBe('OK_TO_BOARD');

    // 48 hours out: the person is added to an exclusion list (an entry written with nulls, as exporters do).
    expect((await upload(app, 'exclusions', [entry])).statusCode).toBe(200);

    // Officers are told without any carrier message.
    await expect
      .poll(async () => (await openAlerts(app)).filter((a) => a.travellerRef === 'P9').length, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(1);
    const alert = (await openAlerts(app)).find((a) => a.travellerRef === 'P9');
    expect(alert).toMatchObject({ raisedBy: 're-screening', directive: 'DO_NOT_BOARD' });
    expect(alert?.reasons[0]).toMatchObject({ type: 'watchlist', entryId: 'X-1' });
    expect(alert?.listVersion).toMatch(/^wl-/);

    // The same manifest resent (same messageRef) and the same check-in body: the new directive, not the stored one.
    const again = await post(app, body);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json().directives[0]).toEqual({ ref: 'P9', directive: 'DO_NOT_BOARD' });
    expect(again.json().manifestId).toBe(first.json().manifestId);
    const checkAgain = await post(app, check, '/v1/travellers/check');
    expect(checkAgain.json().directive).toBe('DO_NOT_BOARD');
    // Now current: a further resend is an idempotent replay of the new answer, and raises nothing new.
    const third = await post(app, body);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.json().directives[0].directive).toBe('DO_NOT_BOARD');
    expect((await openAlerts(app)).filter((a) => a.travellerRef === 'P9')).toHaveLength(1);

    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/paxscreen_rescreen_travellers [1-9]/);
    expect(metrics).toMatch(/paxscreen_rescreen_alerts_raised [1-9]/);
  });

  it('re-screens when the rules change, and leaves journeys already arrived alone', async () => {
    const rulesDir = mkdtempSync(join(tmpdir(), 'paxscreen-rules-'));
    dirs.push(rulesDir);
    const source = new URL('../../rules/', import.meta.url);
    const files = readdirSync(source).filter((f) => f.endsWith('.json'));
    for (const f of files.slice(1)) writeFileSync(join(rulesDir, f), readFileSync(new URL(f, source)));
    t = await startTestApp({ PAXSCREEN_RULES_DIR: rulesDir });
    const app = t.app;
    const past = {
      ...upcoming(),
      serviceNumber: 'BA0001',
      departure: { port: 'CDG', country: 'FRA', scheduled: '2026-01-05T08:00:00Z' },
      arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-01-05T09:10:00Z' },
    };
    const future = upcoming();
    await post(app, manifest([traveller({ ref: 'F1' })], { journey: future }));
    await post(app, manifest([traveller({ ref: 'A1' })], { journey: past }));
    const before = t.runtime.rules.current()?.version;

    writeFileSync(join(rulesDir, files[0] as string), readFileSync(new URL(files[0] as string, source)));
    expect(
      (await app.inject({ method: 'POST', url: '/v1/rules/reload', headers: bearer(TOKENS.supervisor) })).statusCode,
    ).toBe(200);
    const after = t.runtime.rules.current()?.version;
    expect(after).not.toBe(before);
    await t.runtime.rescreen.trigger('test');
    const key = (j: typeof future) =>
      [j.carrier, j.serviceNumber, j.departure.port, j.departure.scheduled.slice(0, 10)].join('|');
    expect((await t.store.currentTravellers(key(future)))[0]?.rulesVersion).toBe(after);
    expect((await t.store.currentTravellers(key(past)))[0]?.rulesVersion).toBe(before);
  });
});

describe('list loading never hides a failure', () => {
  it('loads entries written with nulls and lower-case codes; counts and shows what it skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-list-'));
    dirs.push(dir);
    const file = join(dir, 'list.jsonl');
    const lines = Array.from({ length: 200 }, (_, i) => ({
      id: `N-${i}`,
      list: 'nulls',
      category: i % 2 ? 'Wanted' : 'excluded',
      action: i % 3 ? 'do_not_board' : 'REFER',
      names: [{ surname: `ZYXWORTH${i}`, givenNames: null }],
      dateOfBirth: null,
      nationality: null,
      documents: null,
      notes: null,
    }));
    writeFileSync(file, [...lines.map((l) => JSON.stringify(l)), JSON.stringify(lines[0])].join('\n'));
    t = await startTestApp({ PAXSCREEN_WATCHLISTS: file });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().watchlists.lists[0]).toMatchObject({
      entries: 200,
      skipped: 1,
      skippedByKind: { 'duplicate id': 1 },
    });
    const res = await post(
      t.app,
      manifest([traveller({ ref: 'Z', surname: 'ZYXWORTH7', givenNames: '' })], { journey: upcoming() }),
    );
    expect(res.json().directives[0].directive).toBe('DO_NOT_BOARD');
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('paxscreen_watchlist_skipped_records{source=');
  });

  it('is not ready when a configured list file is missing, and says which', async () => {
    t = await startTestApp({ PAXSCREEN_WATCHLISTS: '/nonexistent/list.jsonl' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().watchlists.refused[0]).toMatch(/list\.jsonl: cannot be read \(ENOENT\)/);
    expect((await post(t.app, manifest([traveller({ ref: 'A' })]))).statusCode).toBe(503);
  });

  it('refuses a reload that would empty a list, and the old list keeps matching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-list-'));
    dirs.push(dir);
    const file = join(dir, 'list.jsonl');
    writeFileSync(file, JSON.stringify({ ...entry, list: 'file' }));
    t = await startTestApp({ PAXSCREEN_WATCHLISTS: file });
    writeFileSync(file, '{"id":"broken"}\nnot json\n');
    const reload = await t.app.inject({
      method: 'POST',
      url: '/v1/watchlists/reload',
      headers: bearer(TOKENS.supervisor),
    });
    expect(reload.statusCode).toBe(422);
    expect(
      reload
        .json()
        .issues.map((i: { message: string }) => i.message)
        .join(' '),
    ).toMatch(/no usable entry/);
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const res = await post(t.app, manifest([listed()], { journey: upcoming() }));
    expect(res.json().directives[0].directive).toBe('DO_NOT_BOARD');
    // The refusal stays visible to operators while the old list serves.
    expect((await t.app.inject({ url: '/readyz' })).json().watchlists.refused.length).toBeGreaterThan(0);
  });
});

describe('names that vanish, padded names', () => {
  it('refuses a JSON name with nothing to match, naming the field', async () => {
    t = await startTestApp();
    for (const surname of ['-', '.', '\u200b\u200b', '\u200d-\u200d']) {
      const res = await post(t.app, manifest([traveller({ ref: 'V', surname, givenNames: '' })]));
      expect(res.statusCode, JSON.stringify(surname)).toBe(400);
      expect(res.json().issues[0]).toMatchObject({ path: 'travellers[0].surname' });
    }
    const check = await post(
      t.app,
      { journey: upcoming(), traveller: traveller({ ref: 'V', surname: '.', givenNames: '' }) },
      '/v1/travellers/check',
    );
    expect(check.statusCode).toBe(400);
    expect(check.json().issues[0].path).toBe('traveller.surname');
  });

  it('finds a listed person padded with six extra given names, strongly', async () => {
    t = await startTestApp();
    await upload(t.app, 'exclusions', [entry]);
    const padded = traveller({
      ref: 'PAD',
      surname: 'VANTERPOOL',
      givenNames: 'ALPHA OSWIN BRAVO CHARLIE BARNABY DELTA ECHO FOXTROT',
      dateOfBirth: '1971-08-30',
    });
    const res = await post(t.app, manifest([padded], { journey: upcoming() }));
    expect(res.json().directives[0].directive).toBe('DO_NOT_BOARD');
    // Beyond what the matcher screens in full: never a silent skip.
    const long = traveller({
      ref: 'LONG',
      surname: 'VANTERPOOL',
      givenNames: Array.from({ length: 30 }, (_, i) => `N${String.fromCharCode(65 + (i % 26))}${i}`).join(' '),
      dateOfBirth: '1971-08-30',
    });
    const res2 = await post(t.app, manifest([long], { journey: upcoming() }));
    expect(res2.json().directives[0].directive).not.toBe('OK_TO_BOARD');
    const alert = (await openAlerts(t.app)).find((a) => a.travellerRef === 'LONG');
    expect(alert?.reasons.some((r) => r.type === 'incomplete' && r.cause === 'name-too-long')).toBe(true);
  });
});

describe('pending screening survives a restart', () => {
  it('resumes screening cut off by a restart: the incomplete alert is followed up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-restart-'));
    dirs.push(dir);
    t = await startTestApp(
      { PAXSCREEN_BATCH_BUDGET_MS: '100' },
      { workerFile: new URL('../fixtures/stalling-worker.ts', import.meta.url), dir, keepDir: true },
    );
    const kovalenko = traveller({
      ref: 'K',
      surname: 'KOVALENKO',
      givenNames: 'DMYTRO OLEKSANDROVYCH',
      dateOfBirth: '1979-04-12',
    });
    const res = await post(
      t.app,
      manifest([kovalenko, traveller({ ref: 'Q', surname: 'QUIETLY', givenNames: 'SAM' })], { journey: upcoming() }),
    );
    expect(res.json().complete).toBe(false);
    expect((await openAlerts(t.app)).map((a) => a.reasons[0]?.cause).sort()).toEqual(['budget', 'budget']);
    // Stopped before the stalled workers answer: the late results never arrive.
    await t.close();
    t = await startTestApp({}, { dir, keepDir: true });
    await t.runtime.rescreen.trigger('test: after restart');
    const alerts = await openAlerts(t.app);
    expect(alerts.map((a) => a.travellerRef)).toEqual(['K']);
    expect(alerts[0]).toMatchObject({ raisedBy: 're-screening', directive: 'DO_NOT_BOARD' });
    const closed = (await t.app.inject({ url: '/v1/alerts?status=closed', headers: bearer(TOKENS.officer) })).json()
      .items;
    expect(closed.map((a: { travellerRef: string }) => a.travellerRef)).toEqual(['Q']);
    // The next carrier message gets the finished answer.
    const next = await post(
      t.app,
      manifest([kovalenko], {
        journey: res.json() && (await t.store.activeJourneys(new Date().toISOString()))[0]?.journey,
      }),
    );
    expect(next.json().directives[0].directive).toBe('DO_NOT_BOARD');
  });
});
