/**
 * The store contract (src/store/store.ts), run against every back end: what one back end does,
 * the other must do too. PostgreSQL is skipped with a message only when no server is available.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reason, WatchlistReason } from '../../src/domain/contracts/alert.ts';
import type { Manifest, Traveller } from '../../src/domain/contracts/manifest.ts';
import { Manifest as ManifestSchema } from '../../src/domain/contracts/manifest.ts';
import { toPastTravel } from '../../src/domain/rules/history.ts';
import { journeyKey } from '../../src/screening/submit-manifest.ts';
import type { ManifestRecord, NewAlert, Store } from '../../src/store/store.ts';
import { openPostgresStore } from '../../src/store/postgres/pg-store.ts';
import { PG_MIGRATIONS } from '../../src/store/postgres/schema.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { BACKENDS, freshDatabase } from './store-backends.ts';

if (!BACKENDS[1]?.available)
  console.warn(
    'store contract: PostgreSQL skipped (no PAXSCREEN_TEST_DATABASE_URL and no cluster started: apt-get install postgresql)',
  );

let counter = 0;
const person = (ref: string, extra: Partial<Record<string, unknown>> = {}) => ({
  ref,
  role: 'passenger',
  surname: 'TESTER',
  givenNames: 'ALEX',
  dateOfBirth: '1980-01-01',
  nationality: 'GBR',
  documents: [{ type: 'P', number: `D${++counter}`, issuingCountry: 'GBR' }],
  ...extra,
});

function manifestOf(
  travellers: unknown[],
  o: { service?: string; day?: string; carrier?: string; ref?: string } = {},
): Manifest {
  return ManifestSchema.parse({
    messageRef: o.ref ?? `M${++counter}`,
    kind: 'new',
    journey: {
      mode: 'air',
      carrier: o.carrier ?? 'BA',
      serviceNumber: o.service ?? 'BA0100',
      departure: { port: 'CDG', country: 'FRA', scheduled: `2026-12-${o.day ?? '10'}T08:00:00Z` },
      arrival: { port: 'LHR', country: 'GBR', scheduled: `2026-12-${o.day ?? '10'}T09:00:00Z` },
    },
    travellers,
  });
}

const watchReason = (entryId = 'E1', score = 90): WatchlistReason => ({
  type: 'watchlist',
  entryId,
  list: 'demo',
  category: 'wanted',
  action: 'REFER',
  score,
  listed: {
    names: ['TESTER, ALEX'],
    datesOfBirth: ['1980-01-01'],
    nationalities: [],
    documents: [],
    notes: null,
    fingerprint: 'f00dfeedf00dfeed',
  },
  explanation: {
    summary: 's',
    matchedName: 'TESTER, ALEX',
    tokens: [],
    dateOfBirth: 'exact',
    nationality: 'unknown',
    document: 'unknown',
  },
});

function alertFor(t: Traveller, reasons: Reason[] = [watchReason()], o: Partial<NewAlert> = {}): NewAlert {
  return {
    id: randomUUID(),
    travellerRef: t.ref,
    traveller: t,
    directive: 'CONTACT_AUTHORITY',
    priority: 'high',
    score: 90,
    reasons,
    raisedBy: 'carrier-message',
    listVersion: 'L1',
    rulesVersion: 'R1',
    ...o,
  };
}

function record(
  m: Manifest,
  o: {
    alerts?: (m: Manifest) => NewAlert[];
    withdrawn?: string[];
    replay?: boolean;
    manifestId?: string;
    bodySha256?: string;
  } = {},
): ManifestRecord {
  const key = journeyKey(m);
  return {
    replay: o.replay ?? false,
    manifestId: o.manifestId ?? randomUUID(),
    carrier: m.journey.carrier,
    messageRef: m.messageRef,
    bodySha256: o.bodySha256 ?? `sha-${m.messageRef}`,
    kind: m.kind,
    journey: m.journey,
    journeyKey: key,
    receivedAt: new Date().toISOString(),
    response: {
      manifestId: 'x',
      complete: true,
      elapsedMs: 1,
      directives: m.travellers.map((t) => ({ ref: t.ref, directive: 'OK_TO_BOARD' as const })),
    },
    outcomes: m.travellers.map((t) => ({
      traveller: t,
      dataSha256: `h-${t.ref}-${t.surname}`,
      directive: 'OK_TO_BOARD' as const,
      complete: true,
      listVersion: 'L1',
      rulesVersion: 'R1',
    })),
    withdrawn: o.withdrawn ?? [],
    alerts: o.alerts?.(m) ?? [],
    history: m.travellers.map((t) => toPastTravel(m, key, t)),
    listVersion: 'L1',
    rulesVersion: 'R1',
  };
}

const officer = { id: 'officer-1', role: 'officer' };
const other = { id: 'officer-2', role: 'officer' };
const supervisor = { id: 'sup-1', role: 'supervisor' };

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`store contract: ${backend.name}`, () => {
    const opened: Array<{ dispose(): Promise<void> }> = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.dispose();
    });
    const fresh = async (o?: { claimMinutes?: number }): Promise<Store> => {
      const x = await backend.open(o);
      opened.push(x);
      return x.store;
    };

    it('stores a manifest once per carrier and messageRef, and replays its receipt', async () => {
      const s = await fresh();
      const m = manifestOf([person('T1')]);
      expect(await s.recordManifest(record(m))).toEqual({ stored: true });
      const again = await s.recordManifest(record(m));
      expect(again.stored).toBe(false);
      const receipt = await s.findReceipt('BA', m.messageRef);
      expect(receipt).toMatchObject({ bodySha256: `sha-${m.messageRef}`, listVersion: 'L1', rulesVersion: 'R1' });
      expect(await s.findReceipt('XF', m.messageRef)).toBeNull();
    });

    it('the same messageRef written twice at once stores one manifest', async () => {
      const s = await fresh();
      const m = manifestOf([person('T1')]);
      const results = await Promise.all([
        s.recordManifest(record(m)),
        s.recordManifest(record(m)),
        s.recordManifest(record(m)),
      ]);
      expect(results.filter((r) => r.stored)).toHaveLength(1);
      expect(await s.currentTravellers(journeyKey(m))).toHaveLength(1);
    });

    it('keeps traveller versions: the latest per ref is current, a withdrawal ends it', async () => {
      const s = await fresh();
      const m1 = manifestOf([person('T1'), person('T2')]);
      await s.recordManifest(record(m1));
      const m2 = {
        ...manifestOf([person('T1', { surname: 'CHANGED' })]),
        journey: m1.journey,
        kind: 'change' as const,
      };
      await s.recordManifest(record(m2, { withdrawn: ['T2'] }));
      const current = new Map((await s.currentTravellers(journeyKey(m1))).map((c) => [c.ref, c]));
      expect(current.get('T1')?.traveller?.surname).toBe('CHANGED');
      expect(current.get('T1')).toMatchObject({
        status: 'active',
        complete: true,
        directive: 'OK_TO_BOARD',
        listVersion: 'L1',
      });
      expect(current.get('T2')?.status).toBe('withdrawn');
      expect((await s.activeJourneys('2026-01-01T00:00:00Z')).map((j) => j.key)).toEqual([journeyKey(m1)]);
    });

    it('lists alerts by priority then arrival, pages by cursor, filters, supersedes, and counts', async () => {
      const s = await fresh();
      const early = manifestOf([person('A'), person('B')], { day: '05', service: 'BA0005' });
      const late = manifestOf([person('C')], { day: '20', service: 'BA0020' });
      await s.recordManifest(
        record(early, {
          alerts: (m) => [
            alertFor(m.travellers[0] as Traveller, undefined, { priority: 'medium' }),
            alertFor(m.travellers[1] as Traveller, undefined, { priority: 'critical' }),
          ],
        }),
      );
      await s.recordManifest(
        record(late, { alerts: (m) => [alertFor(m.travellers[0] as Traveller, undefined, { priority: 'critical' })] }),
      );
      const all = await s.listAlerts({ limit: 10 });
      expect(all.items.map((a) => a.travellerRef)).toEqual(['B', 'C', 'A']);
      const p1 = await s.listAlerts({ limit: 2 });
      const p2 = await s.listAlerts({ limit: 2, cursor: p1.nextCursor as string });
      expect([...p1.items, ...p2.items].map((a) => a.travellerRef)).toEqual(['B', 'C', 'A']);
      expect(p2.nextCursor).toBeNull();
      expect((await s.listAlerts({ limit: 10, serviceNumber: 'BA0020' })).items.map((a) => a.travellerRef)).toEqual([
        'C',
      ]);
      expect((await s.listAlerts({ limit: 10, arrivalDate: '2026-12-05', arrivalPort: 'LHR' })).items).toHaveLength(2);
      await expect(s.listAlerts({ limit: 10, cursor: 'bogus' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      // A newer alert for the same traveller supersedes the older one.
      const change = { ...manifestOf([early.travellers[0]]), journey: early.journey, kind: 'change' as const };
      await s.recordManifest(
        record(change, { alerts: (m) => [alertFor(m.travellers[0] as Traveller, [watchReason('E2')])] }),
      );
      const refsA = (await s.listAlerts({ limit: 10 })).items.filter((a) => a.travellerRef === 'A');
      expect(refsA).toHaveLength(1);
      expect((refsA[0]?.reasons[0] as WatchlistReason).entryId).toBe('E2');
      expect(await s.queueCounts()).toEqual({ open: 3, 'in-review': 0, closed: 0, suppressed: 0 });
      const current = await s.currentAlerts(journeyKey(early));
      expect([...current.keys()].sort()).toEqual(['A', 'B']);
    });

    it('runs the alert state machine: claim, refuse another officer, dispose, reopen, four eyes, release', async () => {
      const s = await fresh();
      const m = manifestOf([person('A')]);
      await s.recordManifest(record(m, { alerts: (x) => [alertFor(x.travellers[0] as Traveller)] }));
      const [a] = (await s.listAlerts({ limit: 5 })).items;
      const id = a?.id as string;
      expect(await s.claimAlert(id, officer)).toMatchObject({ status: 'in-review', claimedBy: 'officer-1' });
      await expect(s.claimAlert(id, other)).rejects.toMatchObject({ code: 'ALERT_CLAIMED' });
      await expect(s.disposeAlert(id, other, 'no-concern', 'mine now')).rejects.toMatchObject({
        code: 'ALERT_CLAIMED',
      });
      expect(await s.disposeAlert(id, officer, 'no-concern', 'checked')).toMatchObject({
        status: 'closed',
        outcome: 'no-concern',
        claimedBy: null,
      });
      await expect(s.disposeAlert(id, officer, 'no-concern', 'again')).rejects.toMatchObject({ code: 'ALERT_STATE' });
      expect(await s.reopenAlert(id, supervisor, 'second look')).toMatchObject({ status: 'open', outcome: null });
      await expect(s.disposeAlert(id, supervisor, 'no-concern', 'my own reopen')).rejects.toMatchObject({
        code: 'FOUR_EYES',
      });
      await s.claimAlert(id, other);
      await expect(s.releaseAlert(id, supervisor, 'shift over')).resolves.toMatchObject({
        status: 'open',
        claimedBy: null,
      });
      const events = (await s.getAlert(id))?.events.map((e) => e.action);
      expect(events).toEqual(['claim', 'dispose', 'reopen', 'claim', 'release']);
      const audit = (await s.listAudit({ limit: 50 })).items.map((e) => e.action);
      expect(audit).toEqual(expect.arrayContaining(['alert.claim', 'alert.dispose', 'alert.reopen', 'alert.release']));
      await expect(s.claimAlert('nope', officer)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lets a lapsed claim be taken over', async () => {
      const s = await fresh({ claimMinutes: 0 });
      const m = manifestOf([person('A')]);
      await s.recordManifest(record(m, { alerts: (x) => [alertFor(x.travellers[0] as Traveller)] }));
      const id = (await s.listAlerts({ limit: 1 })).items[0]?.id as string;
      await s.claimAlert(id, officer);
      expect(await s.claimAlert(id, other)).toMatchObject({ claimedBy: 'officer-2' });
    });

    it('appends and pages the audit log, filtered, newest first', async () => {
      const s = await fresh();
      for (let i = 0; i < 5; i++)
        await s.appendAudit({
          at: `2026-11-0${i + 1}T00:00:00Z`,
          principal: i % 2 ? 'p1' : 'p2',
          role: 'officer',
          action: 'alert.view',
          target: `alert-${i}`,
        });
      const p1 = await s.listAudit({ limit: 2 });
      expect(p1.items.map((e) => e.target)).toEqual(['alert-4', 'alert-3']);
      const p2 = await s.listAudit({ limit: 10, cursor: p1.nextCursor as string });
      expect(p2.items.map((e) => e.target)).toEqual(['alert-2', 'alert-1', 'alert-0']);
      expect((await s.listAudit({ limit: 10, principal: 'p1' })).items).toHaveLength(2);
      expect((await s.listAudit({ limit: 10, target: 'alert-3' })).items).toHaveLength(1);
      expect(
        (await s.listAudit({ limit: 10, from: '2026-11-03T00:00:00Z', to: '2026-11-05T00:00:00Z' })).items,
      ).toHaveLength(2);
    });

    it('keeps sessions until they expire or are deleted', async () => {
      const s = await fresh();
      await s.createSession({ id: 'h1', principal: 'officer-1', csrf: 'c', expiresAt: '2099-01-01T00:00:00Z' });
      expect(await s.getSession('h1', new Date().toISOString())).toEqual({ principal: 'officer-1', csrf: 'c' });
      expect(await s.getSession('h1', '2100-01-01T00:00:00Z')).toBeNull();
      await s.deleteSession('h1');
      expect(await s.getSession('h1', new Date().toISOString())).toBeNull();
    });

    it('reads travel history as the rules do: by identity, by document and contact keys, with booking companions', async () => {
      const s = await fresh();
      const adult = person('A', {
        surname: 'ESCORT',
        booking: {
          ref: 'BK1',
          bookedAt: '2026-11-01T00:00:00Z',
          payment: 'card',
          ticket: 'return',
          contact: { phone: '+440001' },
        },
      });
      const child = person('C', {
        surname: 'OTHER',
        dateOfBirth: '2015-01-01',
        booking: { ref: 'BK1', bookedAt: '2026-11-01T00:00:00Z', payment: 'card', ticket: 'return' },
      });
      const m = manifestOf([adult, child], { day: '02' });
      await s.recordManifest(record(m));
      const past = toPastTravel(m, journeyKey(m), m.travellers[0] as Traveller);
      const found = await s.travelHistory({
        identities: [past.identity],
        documentKeys: [],
        contactKeys: [],
        guardianKeys: [],
        payerKeys: [],
        since: '2026-01-01T00:00:00Z',
        before: '2027-01-01T00:00:00Z',
      });
      expect(found.map((r) => r.ref).sort()).toEqual(['A', 'C']);
      const byKey = await s.travelHistory({
        identities: [],
        documentKeys: past.documentKeys,
        contactKeys: [],
        guardianKeys: [],
        payerKeys: [],
        since: '2026-01-01T00:00:00Z',
        before: '2027-01-01T00:00:00Z',
      });
      expect(byKey.map((r) => r.ref)).toContain('A');
      const outside = await s.travelHistory({
        identities: [past.identity],
        documentKeys: [],
        contactKeys: [],
        guardianKeys: [],
        payerKeys: [],
        since: '2027-01-01T00:00:00Z',
        before: '2028-01-01T00:00:00Z',
      });
      expect(outside).toEqual([]);
      expect(await s.purgeHistoryBefore('2027-01-01T00:00:00Z')).toBe(2);
    });

    it('replaces stored watch-lists whole and versions them', async () => {
      const s = await fresh();
      const entry = (id: string) => ({
        id,
        list: 'local',
        category: 'wanted' as const,
        action: 'REFER' as const,
        names: [{ surname: 'X', givenNames: id }],
      });
      const v0 = await s.watchlistsVersion();
      const first = await s.replaceWatchlist('local', [entry('a'), entry('b')], {
        source: 'upload',
        importedBy: 'sup-1',
        audit: { actor: supervisor, action: 'watchlist.replace' },
      });
      expect(first).toMatchObject({ name: 'local', version: 1, entries: 2 });
      await s.replaceWatchlist('local', [entry('c')], { source: 'upload', importedBy: 'sup-1' });
      expect((await s.watchlistEntries()).map((e) => e.id)).toEqual(['c']);
      expect((await s.listWatchlists())[0]).toMatchObject({ version: 2, entries: 1 });
      expect(await s.watchlistsVersion()).not.toBe(v0);
      expect((await s.listAudit({ limit: 5, action: 'watchlist.replace' })).items[0]?.target).toBe('local@1');
      expect(await s.deleteWatchlist('local', supervisor)).toBe(true);
      expect(await s.deleteWatchlist('local', supervisor)).toBe(false);
      expect(await s.watchlistEntries()).toEqual([]);
      expect(await s.listWatchlists()).toEqual([]);
      expect((await s.listAudit({ limit: 5, action: 'watchlist.delete' })).items[0]?.target).toBe('local@2');
    });

    it('carries a false-match decision forward and revokes it', async () => {
      const s = await fresh();
      const t = person('A');
      const m = manifestOf([t]);
      await s.recordManifest(record(m, { alerts: (x) => [alertFor(x.travellers[0] as Traveller)] }));
      const id = (await s.listAlerts({ limit: 1 })).items[0]?.id as string;
      const v0 = await s.suppressionsVersion();
      await s.disposeAlert(id, officer, 'false-match', 'not him');
      const [sup] = await s.activeSuppressions(new Date().toISOString());
      expect(sup).toMatchObject({ list: 'demo', entryId: 'E1', decidedAlertId: id, dateOfBirth: '1980-01-01' });
      expect(await s.suppressionsVersion()).not.toBe(v0);
      // A later journey's record set aside by it.
      const later = manifestOf([{ ...t, ref: 'A2' }], { day: '15', service: 'BA0200' });
      await s.recordManifest(
        record(later, {
          alerts: (x) => [
            alertFor(x.travellers[0] as Traveller, undefined, {
              status: 'suppressed',
              suppressions: [{ suppressionId: sup?.id as string, decidedAlertId: id, list: 'demo', entryId: 'E1' }],
            }),
          ],
        }),
      );
      expect((await s.listAlerts({ limit: 10 })).items.map((a) => a.travellerRef)).not.toContain('A2');
      expect((await s.listAlerts({ limit: 10, status: 'suppressed' })).items.map((a) => a.travellerRef)).toEqual([
        'A2',
      ]);
      const revoked = await s.revokeSuppression(sup?.id as string, supervisor, 'new intelligence');
      expect(revoked.reopened).toHaveLength(1);
      expect(revoked.suppression.revokedBy).toBe('sup-1');
      expect(await s.activeSuppressions(new Date().toISOString())).toEqual([]);
      expect((await s.currentTravellers(journeyKey(later)))[0]?.complete).toBe(false);
      await expect(s.revokeSuppression(sup?.id as string, supervisor, 'again')).rejects.toMatchObject({
        code: 'ALERT_STATE',
      });
      expect(
        (await s.listSuppressions({ now: new Date().toISOString(), limit: 10, active: false })).items,
      ).toHaveLength(1);
    });

    it('reads journeys for officers: travellers with directives and alerts, search fields, co-travellers, targets in words', async () => {
      const s = await fresh();
      const a = person('A', {
        surname: 'SMITH',
        booking: { ref: 'BK9', bookedAt: '2026-11-01T00:00:00Z', payment: 'card', ticket: 'return' },
      });
      const b = person('B', {
        surname: 'JONES',
        booking: { ref: 'BK9', bookedAt: '2026-11-01T00:00:00Z', payment: 'card', ticket: 'return' },
      });
      const m = manifestOf([a, b]);
      await s.recordManifest(record(m, { alerts: (x) => [alertFor(x.travellers[0] as Traveller)] }));
      const alert = (await s.listAlerts({ limit: 1 })).items[0];
      const j = await s.journeyTravellers(alert?.journey.id as string);
      expect(j?.travellers.map((t) => [t.traveller.ref, t.directive, t.alert?.status ?? null])).toEqual([
        ['A', 'OK_TO_BOARD', 'open'],
        ['B', 'OK_TO_BOARD', null],
      ]);
      expect(await s.journeyTravellers('nope')).toBeNull();
      const searchable = await s.searchableTravellers('2026-01-01T00:00:00Z', 10);
      expect(searchable.map((r) => [r.surname, r.bookingRef, r.serviceNumber]).sort()).toEqual([
        ['JONES', 'BK9', 'BA0100'],
        ['SMITH', 'BK9', 'BA0100'],
      ]);
      const whole = await s.travellerVersions(searchable.map((r) => r.versionId));
      expect([...whole.values()].map((r) => r.traveller.ref).sort()).toEqual(['A', 'B']);
      expect((await s.coTravellers(alert?.id as string)).map((c) => c.ref)).toEqual(['B']);
      const words = await s.describeTargets([alert?.id as string, alert?.journey.id as string]);
      expect(words.get(alert?.id as string)).toMatchObject({ kind: 'alert', traveller: { surname: 'SMITH' } });
      expect(words.get(alert?.journey.id as string)).toMatchObject({ kind: 'journey', serviceNumber: 'BA0100' });
    });

    it('follows up: stale outcomes dropped, alerts raised, incomplete alerts closed', async () => {
      const s = await fresh();
      const m = manifestOf([person('A'), person('B')]);
      const key = journeyKey(m);
      await s.recordManifest(
        record(m, {
          alerts: (x) => [
            alertFor(x.travellers[1] as Traveller, [
              { type: 'incomplete', cause: 'budget', score: 0, explanation: 'x' },
            ]),
          ],
        }),
      );
      const incomplete = (await s.listAlerts({ limit: 5 })).items[0]?.id as string;
      const ta = m.travellers[0] as Traveller;
      await s.recordFollowUp({
        origin: 'late',
        journeyKey: key,
        outcomes: [
          {
            traveller: ta,
            dataSha256: `h-A-${ta.surname}`,
            directive: 'CONTACT_AUTHORITY',
            complete: true,
            listVersion: 'L2',
            rulesVersion: 'R1',
          },
          {
            traveller: m.travellers[1] as Traveller,
            dataSha256: 'stale-hash',
            directive: 'DO_NOT_BOARD',
            complete: true,
            listVersion: 'L2',
            rulesVersion: 'R1',
          },
        ],
        alerts: [alertFor(ta)],
        autoClose: [{ alertId: incomplete, note: 'found nothing' }],
      });
      const current = new Map((await s.currentTravellers(key)).map((c) => [c.ref, c]));
      expect(current.get('A')).toMatchObject({ directive: 'CONTACT_AUTHORITY', listVersion: 'L2' });
      expect(current.get('B')?.directive).toBe('OK_TO_BOARD');
      expect((await s.getAlert(incomplete))?.status).toBe('closed');
      expect((await s.listAlerts({ limit: 5, status: 'open' })).items.map((a) => a.travellerRef)).toEqual(['A']);
    });

    it('purges personal data past retention, keeping referrals for the longer window', async () => {
      const s = await fresh();
      const m = manifestOf([person('A'), person('B')], { day: '01' });
      await s.recordManifest(
        record(m, { alerts: (x) => [alertFor(x.travellers[0] as Traveller), alertFor(x.travellers[1] as Traveller)] }),
      );
      const [first, second] = (await s.listAlerts({ limit: 5 })).items;
      await s.claimAlert(first?.id as string, officer);
      await s.disposeAlert(first?.id as string, officer, 'police-referral', 'referred');
      const report = await s.purgeRetained({ before: '2027-01-01T00:00:00Z', referralsBefore: '2026-01-01T00:00:00Z' });
      expect(report).toMatchObject({ journeys: 1, manifests: 1, alerts: 1, referralAlerts: 0 });
      expect(report.travellerVersions).toBe(2);
      expect(await s.currentTravellers(journeyKey(m))).toEqual([]);
      expect((await s.getAlert(second?.id as string))?.depersonalisedAt).toBeTruthy();
      expect((await s.getAlert(first?.id as string))?.traveller.surname).toBe('TESTER');
      const later = await s.purgeRetained({ before: '2027-01-01T00:00:00Z', referralsBefore: '2027-01-01T00:00:00Z' });
      expect(later.referralAlerts).toBe(1);
    });

    it('stores a booking push once, files each booking per flight, replaces it on a later push, and purges it with its flight', async () => {
      const s = await fresh();
      const booking = (travellers: number, locator = 'LOC1') => ({
        carrier: 'BA',
        recordLocator: locator,
        createdAt: '2026-12-01T10:00:00.000Z',
        lastChangedAt: null,
        itinerary: [],
        ticket: 'one-way' as const,
        travellers: Array.from({ length: travellers }, (_, i) => ({
          ref: String(i + 1),
          surname: 'X',
          givenNames: 'Y',
          type: 'adult' as const,
          withAdult: null,
          dateOfBirth: null,
          nationality: null,
          documents: [],
          address: null,
        })),
        payment: { kind: 'cash' as const, cardIssuer: null, cardLast4: null },
        agency: null,
        contacts: { phones: [], emails: [] },
        partySize: travellers,
        tickets: [],
        freeText: [],
      });
      const summary = {
        pushId: 'p1',
        function: 'push' as const,
        flight: {
          carrier: 'BA',
          serviceNumber: 'BA0001',
          from: 'LHR',
          to: 'JFK',
          departure: '2026-12-05T08:00:00.000Z',
        },
        bookings: 1,
        travellers: 2,
        journeys: 1,
        droppedSensitive: 0,
      };
      const rec = (id: string, ref: string, travellers: number, sha = 'h') => ({
        id,
        carrier: 'BA',
        messageRef: ref,
        bodySha256: sha,
        receivedAt: '2026-12-01T12:00:00.000Z',
        summary: { ...summary, pushId: id },
        bookings: [
          { flightKey: 'BA|1|LHR|2026-12-05', departureAt: '2026-12-05T08:00:00.000Z', booking: booking(travellers) },
        ],
      });
      expect(await s.recordBookingPush(rec('p1', 'M1', 2))).toEqual({ stored: true });
      expect(await s.recordBookingPush(rec('p9', 'M1', 2))).toMatchObject({
        stored: false,
        existing: { id: 'p1', bodySha256: 'h' },
      });
      await s.recordBookingPush(rec('p2', 'M2', 1));
      const filed = await s.bookingsForFlight('BA|1|LHR|2026-12-05');
      expect(filed).toHaveLength(1);
      expect(filed[0]?.travellers).toHaveLength(1);
      const report = await s.purgeRetained({ before: '2027-01-01T00:00:00Z', referralsBefore: '2026-01-01T00:00:00Z' });
      expect(report.bookings).toBe(1);
      expect(await s.bookingsForFlight('BA|1|LHR|2026-12-05')).toEqual([]);
    });

    it('counts failed sign-ins until cleared', async () => {
      const s = await fresh();
      expect(await s.signInFailures('k')).toBeNull();
      await s.recordSignInFailure('k', 1000);
      await s.recordSignInFailure('k', 2000);
      expect(await s.signInFailures('k')).toEqual({ count: 2, lastAt: 2000 });
      await s.clearSignInFailures('k');
      expect(await s.signInFailures('k')).toBeNull();
    });

    it('runs exclusive work', async () => {
      const s = await fresh();
      let ran = 0;
      expect(await s.runExclusive('job', async () => void ran++)).toBe(true);
      expect(ran).toBe(1);
    });

    it('tallies rule performance', async () => {
      const s = await fresh();
      const m = manifestOf([person('A')]);
      await s.recordManifest(
        record(m, {
          alerts: (x) => [
            alertFor(x.travellers[0] as Traveller, [
              { type: 'rule', ruleId: 'minor-alone', title: 't', score: 50, context: false, facts: {} },
            ]),
          ],
        }),
      );
      const perf = await s.rulePerformance('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
      expect(perf).toEqual([{ ruleId: 'minor-alone', alerts: 1, disposed: 0, outcomes: {}, confirmedShare: null }]);
      expect(await s.ping()).toBe(true);
    });
  });
}

describe('schema versions', () => {
  it('SQLite refuses a database migrated by a newer release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-newer-'));
    const db = new DatabaseSync(join(dir, 'paxscreen.sqlite'));
    db.exec('PRAGMA user_version = 999');
    db.close();
    expect(() => openSqliteStore(join(dir, 'paxscreen.sqlite'), { auditKey: 'k'.repeat(32) })).toThrow(
      /schema is at version 999/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!process.env.PAXSCREEN_TEST_DATABASE_URL)(
    'PostgreSQL refuses a database migrated by a newer release, and migrates once when instances start together',
    async () => {
      const db = await freshDatabase();
      try {
        const stores = await Promise.all(
          [1, 2, 3].map(() => openPostgresStore(db.url, { auditKey: 'k'.repeat(32), poolSize: 2 })),
        );
        for (const s of stores) await s.close();
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        expect(
          (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version),
        ).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
        await c.query("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'future')");
        await c.end();
        await expect(openPostgresStore(db.url, { auditKey: 'k'.repeat(32), poolSize: 2 })).rejects.toThrow(
          /schema is at version 999/,
        );
      } finally {
        await db.drop();
      }
    },
  );
});
