/**
 * Retention (issue 15): once a journey leaves the window, its travellers are gone from every table
 * and from the data folder's bytes (database and WAL); alerts keep their decision and score but not
 * the person; an alert decided as a referral keeps everything until the longer window.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/contracts/alert.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const journey = (serviceNumber: string, day: number) => ({
  mode: 'air' as const,
  carrier: 'BA',
  serviceNumber,
  departure: {
    port: 'CDG',
    country: 'FRA',
    scheduled: new Date(Date.UTC(2026, 11, day, 8)).toISOString().replace('.000Z', 'Z'),
  },
  arrival: {
    port: 'LHR',
    country: 'GBR',
    scheduled: new Date(Date.UTC(2026, 11, day, 10)).toISOString().replace('.000Z', 'Z'),
  },
});

/** Every byte of every file in the folder, as latin1 text: what a disk image would show. */
function folderBytes(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath, d.name)).toString('latin1'))
    .join('\n');
}

describe('retention', () => {
  it('removes travellers from every table and from the files; keeps decisions; keeps referrals for the longer window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-retention-'));
    dirs.push(dir);
    const t = await startTestApp({}, { dir, keepDir: true });
    const app = t.app;
    // Listed spellings differ from the travelled ones: the list itself is not personal data to purge.
    const list = [
      {
        id: 'R-1',
        list: 'ret',
        category: 'wanted',
        action: 'REFER',
        names: [{ surname: 'QWERTOLANIZ', givenNames: 'MIRABEL' }],
        dateOfBirth: '1970-03-04',
      },
      {
        id: 'R-2',
        list: 'ret',
        category: 'wanted',
        action: 'REFER',
        names: [{ surname: 'PRYMNOVSKY', givenNames: 'HELGA' }],
        dateOfBirth: '1975-06-07',
      },
    ];
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/watchlists/ret',
          headers: { ...bearer(TOKENS.supervisor), 'content-type': 'application/x-ndjson' },
          payload: list.map((e) => JSON.stringify(e)).join('\n'),
        })
      ).statusCode,
    ).toBe(200);
    const post = (body: object) =>
      app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: body });
    expect(
      (
        await post(
          manifest(
            [
              traveller({ ref: 'A1', surname: 'QWERTOLANIS', givenNames: 'MIRABEL', dateOfBirth: '1970-03-04' }),
              traveller({
                ref: 'A2',
                surname: 'ZZORBANEK',
                givenNames: 'ULRIKA',
                dateOfBirth: '1981-01-02',
                documents: [{ type: 'P', number: 'ZZ9911223', issuingCountry: 'DEU' }],
              }),
            ],
            { journey: journey('BA301', 5) },
          ),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(
          manifest([traveller({ ref: 'B1', surname: 'PRYMNOVSKA', givenNames: 'HELGA', dateOfBirth: '1975-06-07' })], {
            journey: journey('BA302', 6),
          }),
        )
      ).statusCode,
    ).toBe(200);

    const open = (await app.inject({ url: '/v1/alerts?status=open', headers: bearer(TOKENS.officer) })).json()
      .items as Alert[];
    const a1 = open.find((a) => a.travellerRef === 'A1') as Alert;
    const b1 = open.find((a) => a.travellerRef === 'B1') as Alert;
    const decide = async (id: string, outcome: string, note: string) => {
      expect(
        (await app.inject({ method: 'POST', url: `/v1/alerts/${id}/claim`, headers: bearer(TOKENS.officer) }))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/v1/alerts/${id}/disposition`,
            headers: bearer(TOKENS.officer),
            payload: { outcome, note },
          })
        ).statusCode,
      ).toBe(200);
    };
    await decide(a1.id, 'false-match', 'NOTEWORDABC spoke with her, a namesake');
    await decide(b1.id, 'police-referral', 'NOTEWORDXYZ referred');

    // The journeys are in the in-memory journey cache (the next message for them would read it).
    const journeys = await t.store.activeJourneys('2000-01-01T00:00:00Z');
    for (const j of journeys) expect((await t.store.currentTravellers(j.key)).length).toBeGreaterThan(0);

    // Both journeys are past the window; the referral's longer window has not passed.
    const report = await t.store.purgeRetained({
      before: new Date(Date.now() + 800 * 86_400_000).toISOString(),
      referralsBefore: '2000-01-01T00:00:00Z',
    });
    expect(report).toMatchObject({ journeys: 2, alerts: 1, referralAlerts: 0 });
    expect(report.travellerVersions).toBeGreaterThanOrEqual(3);
    expect(report.manifests).toBe(2);
    // Gone from memory too, not only from the file.
    for (const j of journeys) expect(await t.store.currentTravellers(j.key)).toEqual([]);

    const purged = (await app.inject({ url: `/v1/alerts/${a1.id}`, headers: bearer(TOKENS.officer) })).json() as Alert;
    expect(purged.depersonalisedAt).toEqual(expect.any(String));
    expect(purged.traveller).toMatchObject({ givenNames: '', dateOfBirth: null, documents: [] });
    expect(purged.outcome).toBe('false-match');
    const reason = purged.reasons.find((r) => r.type === 'watchlist');
    expect(reason).toMatchObject({
      entryId: 'R-1',
      score: expect.any(Number),
      explanation: { tokens: [], matchedName: '' },
    });
    expect(purged.events.every((e) => e.note === null)).toBe(true);
    const kept = (await app.inject({ url: `/v1/alerts/${b1.id}`, headers: bearer(TOKENS.officer) })).json() as Alert;
    expect(kept.depersonalisedAt ?? null).toBeNull();
    expect(kept.traveller.surname).toBe('PRYMNOVSKA');
    // It says why it is kept.
    expect(kept.retention).toBe('referral');
    expect(purged.retention).toBe('standard');

    await t.close();
    const bytes = folderBytes(dir);
    for (const gone of ['QWERTOLANIS', 'ZZORBANEK', 'ZZ9911223', 'NOTEWORDABC', '1981-01-02'])
      expect(bytes.includes(gone), gone).toBe(false);
    // The control: what the policy keeps is still there, so the search can find things.
    for (const still of ['PRYMNOVSKA', 'NOTEWORDXYZ']) expect(bytes.includes(still), still).toBe(true);
  });
});
