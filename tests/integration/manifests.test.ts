import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, sampleManifest, traveller } from '../helpers/manifests.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PAXSCREEN_MAX_TRAVELLERS: '50', PAXSCREEN_MAX_BODY_BYTES: '65536' });
});
afterAll(async () => t.close());

async function count(table: string): Promise<number> {
  const url = t.runtime.config.databaseUrl;
  if (url) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return Number((await c.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
    } finally {
      await c.end();
    }
  }
  const db = new DatabaseSync(join(t.dir, 'paxscreen.sqlite'), { readOnly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function post(body: unknown, token = TOKENS.carrierBA) {
  return t.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(token), payload: body as object });
}

describe('POST /v1/manifests', () => {
  it('answers one directive per traveller, in order, and only directives', async () => {
    const res = await post(sampleManifest());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['complete', 'directives', 'elapsedMs', 'manifestId']);
    expect(body.complete).toBe(true);
    const byRef = Object.fromEntries(
      body.directives.map((d: { ref: string; directive: string }) => [d.ref, d.directive]),
    );
    expect(body.directives.map((d: { ref: string }) => d.ref)).toEqual([
      'P001',
      'P002',
      'P003',
      'P004',
      'P005',
      'P006',
      'P007',
      'C001',
    ]);
    expect(byRef).toEqual({
      P001: 'CONTACT_AUTHORITY', // wanted (REFER): MUELLER JURGEN for MÜLLER JÜRGEN KARL
      P002: 'OK_TO_BOARD',
      P003: 'OK_TO_BOARD',
      P004: 'OK_TO_BOARD',
      P005: 'OK_TO_BOARD', // trafficking indicator: alert only, never a changed directive
      P006: 'DO_NOT_BOARD', // stolen passport number
      P007: 'CONTACT_AUTHORITY', // SALKE YUSSUF ~ SALEK YUSUF, a DO_NOT_BOARD entry below the strong threshold
      C001: 'OK_TO_BOARD',
    });
    // A carrier never learns why: no list names, entry ids, scores or reasons in the answer.
    expect(res.body).not.toMatch(/DEMO-|score|reason|watchlist|demo/i);
  });

  it('replays an identical resubmission without a second manifest', async () => {
    const m = manifest([
      traveller({ ref: 'A1' }),
      traveller({ ref: 'A2', surname: 'SALEK', givenNames: 'YUSUF', dateOfBirth: '1988-07-21' }),
    ]);
    const first = await post(m);
    const manifests = await count('manifests');
    const alerts = await count('alerts');
    const second = await post(m);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await count('manifests')).toBe(manifests);
    expect(await count('alerts')).toBe(alerts);
  });

  it('refuses the same messageRef for a different message with 409', async () => {
    const m = manifest([traveller({ ref: 'B1' })]);
    expect((await post(m)).statusCode).toBe(200);
    const res = await post({ ...m, travellers: [traveller({ ref: 'B2' })] });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MESSAGE_REF_REUSED');
  });

  it('applies a change to the travellers it names and keeps the others', async () => {
    const journey = manifest([]).journey;
    journey.serviceNumber = 'BA0777';
    const c1 = traveller({ ref: 'C1' });
    const first = await post(
      manifest([c1, traveller({ ref: 'C2', surname: 'ORDINARY', givenNames: 'PERSON' })], { journey }),
    );
    expect(first.json().directives.map((d: { directive: string }) => d.directive)).toEqual([
      'OK_TO_BOARD',
      'OK_TO_BOARD',
    ]);
    const alertsBefore = await count('alerts');
    const versionsBefore = await count('traveller_versions');
    const changed = await post(
      manifest(
        [c1, traveller({ ref: 'C2', surname: 'PAPADOPOULOS', givenNames: 'GEORGIOS', dateOfBirth: '1990-02-14' })],
        { kind: 'change', journey },
      ),
    );
    // C1 resent unchanged keeps its directive without being screened again; C2 is now a listed person.
    expect(changed.json().directives).toEqual([
      { ref: 'C1', directive: 'OK_TO_BOARD' },
      { ref: 'C2', directive: 'CONTACT_AUTHORITY' },
    ]);
    expect(await count('alerts')).toBe(alertsBefore + 1);
    expect(await count('traveller_versions')).toBe(versionsBefore + 1);
  });

  it('withdraws the travellers a cancel names, and a whole journey when it names none', async () => {
    const journey = manifest([]).journey;
    journey.serviceNumber = 'BA0555';
    await post(manifest([traveller({ ref: 'D1' }), traveller({ ref: 'D2' }), traveller({ ref: 'D3' })], { journey }));
    const cancelOne = await post(manifest([traveller({ ref: 'D2' })], { kind: 'cancel', journey }));
    expect(cancelOne.statusCode).toBe(200);
    expect(cancelOne.json().directives).toEqual([]);
    const key = `BA|BA0555|CDG|2026-12-05`;
    const status = async () => Object.fromEntries((await t.store.currentTravellers(key)).map((c) => [c.ref, c.status]));
    expect(await status()).toEqual({ D1: 'active', D2: 'withdrawn', D3: 'active' });
    await post(manifest([], { kind: 'cancel', journey }));
    expect(await status()).toEqual({ D1: 'withdrawn', D2: 'withdrawn', D3: 'withdrawn' });
  });

  it('lets a carrier act only on its own journeys', async () => {
    const res = await post(manifest([traveller({ ref: 'E1' })]), TOKENS.carrierXF);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CARRIER_MISMATCH');
  });

  it('needs a carrier token', async () => {
    const m = manifest([traveller({ ref: 'F1' })]);
    expect((await t.app.inject({ method: 'POST', url: '/v1/manifests', payload: m })).statusCode).toBe(401);
    expect((await post(m, 'not-a-real-token-at-all')).json().code).toBe('UNAUTHENTICATED');
    const asOfficer = await post(m, TOKENS.officer);
    expect(asOfficer.statusCode).toBe(403);
    expect(asOfficer.json().code).toBe('FORBIDDEN');
  });
});

describe('bad input', () => {
  const before = async () => ({
    manifests: await count('manifests'),
    versions: await count('traveller_versions'),
    alerts: await count('alerts'),
  });

  it('rejects a body that is not JSON', async () => {
    const b = await before();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/json' },
      payload: '{"messageRef": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_JSON');
    expect(await before()).toEqual(b);
  });

  it('lists every invalid field by path', async () => {
    const b = await before();
    const m = manifest([
      traveller({ ref: 'G1', dateOfBirth: '2026-02-30' }),
      {
        ...traveller({ ref: 'G2' }),
        documents: [{ type: 'P', number: 12345 as unknown as string, issuingCountry: 'gb' }],
      },
      { ...traveller({ ref: 'G3' }), surname: undefined as unknown as string },
    ]);
    const res = await post({
      ...m,
      kind: 'amend',
      journey: { ...m.journey, departure: { ...m.journey.departure, scheduled: 'tomorrow' } },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('INVALID_REQUEST');
    const paths = body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'kind',
        'journey.departure.scheduled',
        'travellers[0].dateOfBirth',
        'travellers[1].documents[0].number',
        'travellers[1].documents[0].issuingCountry',
        'travellers[2].surname',
      ]),
    );
    const dob = body.issues.find((i: { path: string }) => i.path === 'travellers[0].dateOfBirth');
    expect(dob.message).toMatch(/not a real calendar date/);
    expect(await before()).toEqual(b);
  });

  it('rejects duplicate traveller refs and an arrival before departure', async () => {
    const m = manifest([traveller({ ref: 'H1' }), traveller({ ref: 'H1' })]);
    m.journey.arrival.scheduled = '2026-12-04T08:00:00Z';
    const res = await post(m);
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['travellers[1].ref', 'journey.arrival.scheduled']));
  });

  it('rejects a manifest over the size limit with 413', async () => {
    const b = await before();
    const m = manifest([traveller({ ref: 'J1', givenNames: 'X'.repeat(100) })]);
    const res = await post({ ...m, padding: 'y'.repeat(70_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await before()).toEqual(b);
  });

  it('rejects more travellers than configured', async () => {
    const m = manifest(
      Array.from({ length: 51 }, (_, i) => ({ ref: `K${i}`, role: 'passenger' as const, surname: 'X' })),
    );
    const res = await post(m);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TOO_MANY_TRAVELLERS', issues: [{ path: 'travellers' }] });
  });

  it('rejects a new manifest with no travellers', async () => {
    const res = await post(manifest([]));
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('travellers');
  });
});
