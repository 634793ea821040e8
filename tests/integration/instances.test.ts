/**
 * Several instances on one PostgreSQL database behave as one service (issue 17): two apps, each
 * with its own worker pool and registries, share a fresh database; notifications between them go
 * through LISTEN/NOTIFY.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../contract/store-backends.ts';
import { manifest, traveller } from '../helpers/manifests.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';

const available = Boolean(process.env.PAXSCREEN_TEST_DATABASE_URL);
if (!available) console.warn('instances: skipped (no PostgreSQL: apt-get install postgresql)');

let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: TestApp;
let b: TestApp;
let rulesDir: string;

const until = async (what: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe.skipIf(!available)('several instances on one database', () => {
  beforeAll(async () => {
    db = await freshDatabase();
    rulesDir = mkdtempSync(join(tmpdir(), 'paxscreen-rules-'));
    cpSync(new URL('../../rules', import.meta.url).pathname, rulesDir, { recursive: true });
    const env = {
      PAXSCREEN_DATABASE_URL: db.url,
      PAXSCREEN_AUDIT_KEY: 'instances-test-audit-key-0123456789ab',
      PAXSCREEN_RULES_DIR: rulesDir,
      PAXSCREEN_OPS_TOKEN: 'instances-ops-token-0123',
    };
    a = await startTestApp(env);
    b = await startTestApp(env);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    if (rulesDir) rmSync(rulesDir, { recursive: true, force: true });
    rmSync(rulesDir, { recursive: true, force: true });
  });

  const post = (app: TestApp, body: object, token = TOKENS.carrierBA) =>
    app.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(token), payload: body });
  const rows = async (sql: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end();
    }
  };

  it('screens a manifest posted to either instance once; the same messageRef at both at once is stored once', async () => {
    const m = manifest([
      traveller({ ref: 'S1', surname: 'SALEK', givenNames: 'YUSUF', dateOfBirth: '1988-07-21' }),
      traveller({ ref: 'S2' }),
    ]);
    const [ra, rb] = await Promise.all([post(a, m), post(b, m)]);
    expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
    expect(ra.json().manifestId).toBe(rb.json().manifestId);
    expect(ra.json().directives).toEqual(rb.json().directives);
    expect(await rows('SELECT id FROM manifests WHERE message_ref = $1', [m.messageRef])).toHaveLength(1);
    // Either instance's officers see the one alert.
    const fromB = (await b.app.inject({ url: '/v1/alerts?limit=50', headers: bearer(TOKENS.officer) }))
      .json()
      .items.filter((x: { travellerRef: string }) => x.travellerRef === 'S1');
    expect(fromB).toHaveLength(1);
  });

  it('/readyz names the store and its latency', async () => {
    const r = (await a.app.inject({ url: '/readyz', headers: bearer('instances-ops-token-0123') })).json();
    expect(r.store).toMatchObject({ kind: 'postgres', up: true, latencyMs: expect.any(Number) });
  });

  it('history rules on one instance see journeys screened by the other', async () => {
    const scenario = JSON.parse(
      readFileSync(new URL('../../fixtures/scenarios/04-repeat-escort.json', import.meta.url), 'utf8'),
    ) as { journeys: Array<{ messageRef: string }> };
    const apps = [a, b, a];
    for (const [i, j] of scenario.journeys.entries())
      expect(
        (await post(apps[i] as TestApp, { ...j, messageRef: `${j.messageRef}-inst` }, TOKENS.carrierXF)).statusCode,
      ).toBe(200);
    const alerts = (await b.app.inject({ url: '/v1/alerts?limit=200', headers: bearer(TOKENS.officer) })).json()
      .items as Array<{ travellerRef: string; reasons: Array<{ ruleId?: string }> }>;
    expect(alerts.some((x) => x.travellerRef === 'A1' && x.reasons.some((r) => r.ruleId === 'repeat-escort'))).toBe(
      true,
    );
  });

  it('a claim on one instance holds on the other; sessions and the sign-in throttle are shared', async () => {
    const [alert] = (
      await a.app.inject({ url: '/v1/alerts?status=open&limit=1', headers: bearer(TOKENS.officer) })
    ).json().items as Array<{ id: string }>;
    expect(
      (await a.app.inject({ method: 'POST', url: `/v1/alerts/${alert?.id}/claim`, headers: bearer(TOKENS.officer) }))
        .statusCode,
    ).toBe(200);
    const other = await b.app.inject({
      method: 'POST',
      url: `/v1/alerts/${alert?.id}/claim`,
      headers: bearer(TOKENS.supervisor),
    });
    expect(other.statusCode).toBe(409);

    const signIn = (app: TestApp, password: string) =>
      app.app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'auditor', password } });
    const ok = await signIn(a, 'auditor-demo-pass');
    const cookie = String(ok.headers['set-cookie']).split(';')[0] as string;
    expect((await b.app.inject({ url: '/v1/session', headers: { cookie } })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await signIn(i % 2 ? a : b, 'wrong')).statusCode).toBe(401);
    const delayed = await signIn(b, 'auditor-demo-pass');
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json().code).toBe('SIGN_IN_DELAYED');
  });

  it('a list uploaded through one instance reaches the other within seconds, and travellers are re-screened once', async () => {
    const m = manifest(
      [traveller({ ref: 'W1', surname: 'VANTERPOOL', givenNames: 'ORLA', dateOfBirth: '1970-03-04' })],
      {
        journey: {
          mode: 'air',
          carrier: 'BA',
          serviceNumber: 'BA0777',
          departure: { port: 'CDG', country: 'FRA', scheduled: '2026-12-20T08:00:00Z' },
          arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-20T09:10:00Z' },
        },
      },
    );
    expect((await post(b, m)).json().directives).toEqual([{ ref: 'W1', directive: 'OK_TO_BOARD' }]);
    const versionB = b.runtime.watchlists.status().version;
    const entry = {
      id: 'NEW-1',
      list: 'late',
      category: 'wanted',
      action: 'REFER',
      names: [{ surname: 'VANTERPOOL', givenNames: 'ORLA' }],
      dateOfBirth: '1970-03-04',
    };
    const up = await a.app.inject({
      method: 'POST',
      url: '/v1/watchlists/late',
      headers: { ...bearer(TOKENS.supervisor), 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(entry)}\n`,
    });
    expect(up.statusCode).toBe(200);
    expect(
      await until(
        async () =>
          b.runtime.watchlists.status().version !== versionB &&
          b.runtime.watchlists.status().version === a.runtime.watchlists.status().version,
      ),
    ).toBe(true);
    // Both instances are told; one re-screens, the other finds nothing left to do.
    await Promise.all([a.runtime.rescreen.trigger('test'), b.runtime.rescreen.trigger('test')]);
    expect(await until(async () => (await rows("SELECT id FROM alerts WHERE traveller_ref = 'W1'")).length > 0)).toBe(
      true,
    );
    await Promise.all([a.runtime.rescreen.trigger('test again'), b.runtime.rescreen.trigger('test again')]);
    expect(await rows("SELECT id FROM alerts WHERE traveller_ref = 'W1'")).toHaveLength(1);
    // One version for the carrier message, one for the re-screening: not one per instance.
    expect(await rows("SELECT id FROM traveller_versions WHERE ref = 'W1'")).toHaveLength(2);
  });

  it('rules reloaded through one instance are reloaded by the other', async () => {
    const file = join(rulesDir, 'late-cash-booking.json');
    const rule = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...rule, params: { withinHours: 24 } }, null, 2));
    const before = b.runtime.rules.status().version;
    expect(
      (await a.app.inject({ method: 'POST', url: '/v1/rules/reload', headers: bearer(TOKENS.supervisor) })).statusCode,
    ).toBe(200);
    expect(
      await until(
        async () =>
          b.runtime.rules.status().version !== before &&
          b.runtime.rules.status().version === a.runtime.rules.status().version,
      ),
    ).toBe(true);
  });

  it('a decision carried forward on one instance is applied by the other', async () => {
    const t = traveller({
      ref: 'F1',
      surname: 'SALEK',
      givenNames: 'YUSUF',
      dateOfBirth: '1988-07-21',
      documents: [{ type: 'P', number: 'F0000001', issuingCountry: 'TUR' }],
    });
    const first = manifest([t], {
      journey: {
        mode: 'air',
        carrier: 'BA',
        serviceNumber: 'BA0811',
        departure: { port: 'IST', country: 'TUR', scheduled: '2026-12-21T08:00:00Z' },
        arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-21T12:00:00Z' },
      },
    });
    await post(a, first);
    const [alert] = (
      await a.app.inject({ url: '/v1/alerts?serviceNumber=BA0811', headers: bearer(TOKENS.officer) })
    ).json().items as Array<{ id: string }>;
    await a.app.inject({ method: 'POST', url: `/v1/alerts/${alert?.id}/claim`, headers: bearer(TOKENS.officer) });
    expect(
      (
        await a.app.inject({
          method: 'POST',
          url: `/v1/alerts/${alert?.id}/disposition`,
          headers: bearer(TOKENS.officer),
          payload: { outcome: 'false-match', note: 'different man' },
        })
      ).statusCode,
    ).toBe(200);
    expect(await until(async () => b.runtime.suppressions.current().size > 0)).toBe(true);
    const later = manifest([{ ...t, ref: 'F2' }], {
      journey: {
        mode: 'air',
        carrier: 'BA',
        serviceNumber: 'BA0813',
        departure: { port: 'IST', country: 'TUR', scheduled: '2026-12-28T08:00:00Z' },
        arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-28T12:00:00Z' },
      },
    });
    expect((await post(b, later)).json().directives).toEqual([{ ref: 'F2', directive: 'OK_TO_BOARD' }]);
  });
});
