/**
 * POST /v1/bookings (issue 18): PNRGOV pushes and their JSON form, with the same authentication,
 * carrier scope, idempotency and refusals as manifests. Screening and linking of booking data are
 * not part of this file yet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { paxlstMessage, pnrgovMessage } from '../helpers/pnrgov.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const push = (
  body: string | object,
  token = TOKENS.carrierBA,
  type = typeof body === 'string' ? 'application/edifact' : 'application/json',
) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/bookings',
    headers: { ...bearer(token), 'content-type': type },
    payload: body as string,
  });

const message = (ref: string, extra: string[] = []) =>
  pnrgovMessage({
    ref,
    carrier: 'BA',
    flight: '0117',
    from: 'LHR',
    to: 'JFK',
    date: '051226',
    time: '0830',
    bookings: [
      {
        locator: 'ABC123',
        created: '041226:2200',
        payment: 'CA',
        travellers: [
          { surname: 'DOYLE', given: 'MARTIN', dob: '24DEC71', passport: 'PX1234567', nationality: 'IRL' },
          {
            surname: 'ROSSETTI',
            given: 'GIULIA',
            type: 'C',
            dob: '11FEB13',
            passport: 'YA0012345',
            nationality: 'ITA',
          },
        ],
        extra,
      },
    ],
  });

describe('POST /v1/bookings', () => {
  it('stores a PNRGOV push and answers a summary (no directive); a resend is a replay; another body under the same reference is refused', async () => {
    const res = await push(message('R1'));
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({
      function: 'push',
      flight: { carrier: 'BA', serviceNumber: 'BA0117', from: 'LHR', to: 'JFK' },
      bookings: 1,
      travellers: 2,
      journeys: 1,
    });
    expect(summary.directives).toBeUndefined();
    const again = await push(message('R1'));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().pushId).toBe(summary.pushId);
    const other = await push(message('R1', ['IFT+4:28::BA+ANOTHER BODY']));
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('MESSAGE_REF_REUSED');
    const stored = await t.store.bookingsForFlight('BA|117|LHR|2026-12-05');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      recordLocator: 'ABC123',
      ticket: 'one-way',
      payment: { kind: 'cash' },
      createdAt: '2026-12-04T22:00:00.000Z',
    });
  });

  it('a later push of the same booking replaces it', async () => {
    const changed = pnrgovMessage({
      ref: 'R2',
      carrier: 'BA',
      flight: '117',
      from: 'LHR',
      to: 'JFK',
      date: '051226',
      time: '0830',
      bookings: [
        {
          locator: 'ABC123',
          created: '041226:2200',
          payment: 'CC',
          travellers: [
            { surname: 'DOYLE', given: 'MARTIN', dob: '24DEC71', passport: 'PX1234567', nationality: 'IRL' },
          ],
        },
      ],
    });
    expect((await push(changed)).statusCode).toBe(200);
    const stored = await t.store.bookingsForFlight('BA|117|LHR|2026-12-05');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.travellers).toHaveLength(1);
    expect(stored[0]?.payment).toEqual({ kind: 'card', cardIssuer: 'VI', cardLast4: '4410' });
  });

  it("a push for another carrier's flight is 403", async () => {
    const dl = readFileSync(new URL('../fixtures/pnrgov/2_pnrs_basic.edi', import.meta.url), 'utf8');
    const res = await push(dl);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CARRIER_MISMATCH');
  });

  it('a truncated message is 400 naming the segment; something that is not PNRGOV is 400 too', async () => {
    const whole = message('R3');
    const res = await push(whole.slice(0, Math.floor(whole.length * 0.7)));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/without UNT/);
    expect(res.json().issues[0].path).toMatch(/^segment \d+ [A-Z]{3}$/);
    expect((await push("UNB+IATA:1+X'UNH+1+PAXLST:D:05B:UN:IATA'UNT+2+1'")).statusCode).toBe(400);
  });

  it('takes the JSON form described in OpenAPI, and names a bad field', async () => {
    const json = {
      messageRef: 'J1',
      function: 'push',
      flight: {
        carrier: 'BA',
        serviceNumber: 'BA0117',
        from: 'LHR',
        to: 'JFK',
        departure: '2026-12-05T08:30:00.000Z',
        arrival: null,
      },
      bookings: [],
    };
    expect((await push(json)).statusCode).toBe(200);
    const bad = await push({ ...json, messageRef: 'J2', function: 'sometimes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('function');
    expect((await push(json, TOKENS.officer)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/v1/bookings', payload: json })).statusCode).toBe(401);
  });

  it('never stores meal, medical or assistance requests: not in the database files', async () => {
    const sensitive = message('R4', [
      'SSR+KSML:HK:1:BA',
      'SSR+WCHR:HK:1:BA',
      'IFT+4:28::BA+PAX NEEDS MOML AND WHEELCHAIR AT JFK',
    ]);
    const res = await push(sensitive);
    expect(res.statusCode).toBe(200);
    expect(res.json().droppedSensitive).toBe(3);
    // Everything the store wrote: the SQLite files with their write-ahead log, or every PostgreSQL table that holds travellers.
    const url = t.runtime.config.databaseUrl;
    let bytes: string;
    if (url) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const tables = ['bookings', 'booking_pushes', 'traveller_versions', 'alerts', 'travel_history', 'manifests'];
      bytes = (
        await Promise.all(tables.map(async (x) => JSON.stringify((await c.query(`SELECT * FROM ${x}`)).rows)))
      ).join('');
      await c.end();
    } else
      bytes = readdirSync(t.dir)
        .filter((f) => f.startsWith('paxscreen.sqlite'))
        .map((f) => readFileSync(join(t.dir, f)).toString('latin1'))
        .join('');
    expect(bytes).toContain('ABC123');
    expect(bytes).not.toMatch(/KSML|WCHR|MOML|WHEELCHAIR/);
  });
});

describe('booking data feeds screening', () => {
  const DOYLE = { surname: 'DOYLE', given: 'MARTIN', dob: '24DEC71', passport: 'PX7654321', nationality: 'IRL' };
  const kids = [
    {
      surname: 'ROSSETTI',
      given: 'GIULIA',
      type: 'C' as const,
      dob: '11FEB13',
      passport: 'YA0099887',
      nationality: 'ITA',
    },
    {
      surname: 'KOWALSKI',
      given: 'PIOTR',
      type: 'C' as const,
      dob: '02MAR16',
      passport: 'EK7766554',
      nationality: 'POL',
    },
  ];
  const alertsOn = async (service: string) =>
    (
      await t.app.inject({
        url: `/v1/alerts?serviceNumber=${service}&status=open&limit=50`,
        headers: bearer(TOKENS.officer),
      })
    ).json().items as Array<{
      id: string;
      travellerRef: string;
      directive: string;
      reasons: Array<{ type: string; ruleId?: string; facts?: Record<string, unknown> }>;
    }>;

  it('a cash one-way booking made ten hours before departure by an adult for two children of other families raises rule alerts with those facts; the later PAXLST gives directives and no second alert', async () => {
    // Departs 5 Dec 2026 08:30 London; booked 4 Dec 22:30: ten hours before.
    const pnr = pnrgovMessage({
      ref: 'P-ESC-1',
      carrier: 'BA',
      flight: '0331',
      from: 'LHR',
      to: 'JFK',
      date: '051226',
      time: '0830',
      bookings: [{ locator: 'ESC001', created: '041226:2230', payment: 'CA', travellers: [DOYLE, ...kids] }],
    });
    const res = await push(pnr);
    expect(res.statusCode).toBe(200);
    expect(res.json().directives).toBeUndefined();
    const first = await alertsOn('BA0331');
    expect(first.map((a) => a.travellerRef).sort()).toEqual(['PNR-ESC001-2', 'PNR-ESC001-3']);
    const reasons = first[0]?.reasons ?? [];
    expect(reasons.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['minor-with-unrelated-adults', 'late-cash-booking', 'minor-one-way']),
    );
    expect(reasons.find((r) => r.ruleId === 'late-cash-booking')?.facts).toMatchObject({
      booking: 'ESC001',
      hoursBefore: 10,
      payment: 'cash',
    });
    expect(
      (await t.app.inject({ url: `/v1/alerts/${first[0]?.id}`, headers: bearer(TOKENS.officer) })).json().booking.basis,
    ).toBe('booking-only');

    // The same flight's passenger list: directives, the booking travellers linked, one alert each.
    const api = paxlstMessage({
      ref: 'API-ESC-1',
      carrier: 'BA',
      flight: 'BA0331',
      from: 'LHR',
      to: 'JFK',
      departs: '2612050830',
      arrives: '2612051130',
      travellers: [
        {
          ref: 'A1',
          surname: 'DOYLE',
          given: 'MARTIN',
          sex: 'M',
          dob: '711224',
          nationality: 'IRL',
          passport: 'PX7654321',
        },
        {
          ref: 'A2',
          surname: 'ROSSETTI',
          given: 'GIULIA',
          sex: 'F',
          dob: '130211',
          nationality: 'ITA',
          passport: 'YA0099887',
        },
        {
          ref: 'A3',
          surname: 'KOWALSKI',
          given: 'PIOTR',
          sex: 'M',
          dob: '160302',
          nationality: 'POL',
          passport: 'EK7766554',
        },
      ],
    });
    const answer = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
      payload: api,
    });
    expect(answer.statusCode).toBe(200);
    expect(
      answer
        .json()
        .directives.map((d: { ref: string }) => d.ref)
        .sort(),
    ).toEqual(['A1', 'A2', 'A3']);
    const after = await alertsOn('BA0331');
    expect(after.map((a) => a.travellerRef).sort()).toEqual(['A2', 'A3']);
    // The API travellers carry the booking facts: the same rules, from the booking.
    expect(after[0]?.reasons.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['minor-with-unrelated-adults', 'late-cash-booking']),
    );
    const detail = (await t.app.inject({ url: `/v1/alerts/${after[0]?.id}`, headers: bearer(TOKENS.officer) })).json();
    // The officer sees the booking beside the passenger data, and how the two were linked.
    expect(detail.booking).toMatchObject({
      basis: 'document',
      record: { recordLocator: 'ESC001', payment: { kind: 'cash' }, ticket: 'one-way' },
    });
    const journey = (
      await t.app.inject({ url: `/v1/journeys/${detail.journey.id}`, headers: bearer(TOKENS.officer) })
    ).json();
    expect(journey.travellers.map((x: { ref: string }) => x.ref).sort()).toEqual(['A1', 'A2', 'A3']);
  });

  it('a family with a gendered surname (NOWAK, NOWAKOWA) paying by card raises nothing', async () => {
    const pnr = pnrgovMessage({
      ref: 'P-FAM-1',
      carrier: 'BA',
      flight: '0333',
      from: 'LHR',
      to: 'WAW',
      date: '061226',
      time: '0900',
      bookings: [
        {
          locator: 'FAM001',
          created: '011126:1000',
          payment: 'CC',
          travellers: [
            { surname: 'NOWAK', given: 'JAN', dob: '02FEB80', passport: 'AB1000001', nationality: 'POL' },
            { surname: 'NOWAKOWA', given: 'ANNA', dob: '03MAR82', passport: 'AB1000002', nationality: 'POL' },
            {
              surname: 'NOWAKOWA',
              given: 'ZOFIA',
              type: 'C',
              dob: '04APR15',
              passport: 'AB1000003',
              nationality: 'POL',
            },
          ],
          legs: ['061226:0900+LHR+WAW+BA+0333', '201226:1200+WAW+LHR+BA+0334'],
        },
      ],
    });
    expect((await push(pnr)).statusCode).toBe(200);
    expect(await alertsOn('BA0333')).toEqual([]);
  });

  it('booking travellers are screened against the watch-lists too (an alert, no directive); one dropped by a later push is withdrawn', async () => {
    const listed = { surname: 'SALEK', given: 'YUSUF', dob: '21JUL88', passport: 'N0000099', nationality: 'TUR' };
    const first = pnrgovMessage({
      ref: 'P-WL-1',
      carrier: 'BA',
      flight: '0335',
      from: 'LHR',
      to: 'IST',
      date: '071226',
      time: '1000',
      bookings: [
        {
          locator: 'WL0001',
          created: '011126:1000',
          payment: 'CC',
          travellers: [
            listed,
            { surname: 'BROWN', given: 'AMY', dob: '01JAN90', passport: 'GB5550001', nationality: 'GBR' },
          ],
        },
      ],
    });
    expect((await push(first)).statusCode).toBe(200);
    const raised = await alertsOn('BA0335');
    expect(raised.map((a) => a.travellerRef)).toEqual(['PNR-WL0001-1']);
    expect(raised[0]?.reasons[0]?.type).toBe('watchlist');
    const second = pnrgovMessage({
      ref: 'P-WL-2',
      carrier: 'BA',
      flight: '0335',
      from: 'LHR',
      to: 'IST',
      date: '071226',
      time: '1000',
      bookings: [
        {
          locator: 'WL0001',
          created: '011126:1000',
          payment: 'CC',
          travellers: [
            { surname: 'BROWN', given: 'AMY', dob: '01JAN90', passport: 'GB5550001', nationality: 'GBR', ref: '2' },
          ],
        },
      ],
    });
    expect((await push(second)).statusCode).toBe(200);
    const alert = (await t.app.inject({ url: `/v1/alerts/${raised[0]?.id}`, headers: bearer(TOKENS.officer) })).json();
    const flight = (
      await t.app.inject({ url: `/v1/journeys/${alert.journey.id}`, headers: bearer(TOKENS.officer) })
    ).json();
    expect(flight.travellers.map((x: { ref: string }) => x.ref)).toEqual(['PNR-WL0001-2']);
  });
});

describe('API data first, then the booking', () => {
  it('a booking pushed after the passenger list adds its facts to the same travellers: no traveller from the booking alone, rules fire on the API travellers', async () => {
    const api = paxlstMessage({
      ref: 'API-LATE-1',
      carrier: 'BA',
      flight: 'BA0337',
      from: 'LHR',
      to: 'JFK',
      departs: '2612081030',
      arrives: '2612081330',
      travellers: [
        {
          ref: 'B1',
          surname: 'HARLOW',
          given: 'DEREK',
          sex: 'M',
          dob: '700101',
          nationality: 'GBR',
          passport: 'GB7000001',
        },
        {
          ref: 'B2',
          surname: 'MENDES',
          given: 'RITA',
          sex: 'F',
          dob: '140505',
          nationality: 'PRT',
          passport: 'PT7000002',
        },
      ],
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/manifests',
          headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
          payload: api,
        })
      ).statusCode,
    ).toBe(200);
    const pnr = pnrgovMessage({
      ref: 'P-LATE-1',
      carrier: 'BA',
      flight: '0337',
      from: 'LHR',
      to: 'JFK',
      date: '081226',
      time: '1030',
      bookings: [
        {
          locator: 'LATE01',
          created: '081226:0030',
          payment: 'CA',
          travellers: [
            { surname: 'HARLOW', given: 'DEREK', dob: '01JAN70', passport: 'GB7000001', nationality: 'GBR' },
            { surname: 'MENDES', given: 'RITA', type: 'C', dob: '05MAY14', passport: 'PT7000002', nationality: 'PRT' },
          ],
        },
      ],
    });
    expect((await push(pnr)).statusCode).toBe(200);
    const alerts = (
      await t.app.inject({ url: '/v1/alerts?serviceNumber=BA0337&limit=50', headers: bearer(TOKENS.officer) })
    ).json().items as Array<{ travellerRef: string; reasons: Array<{ ruleId?: string }> }>;
    expect(alerts.map((a) => a.travellerRef)).toEqual(['B2']);
    expect(alerts[0]?.reasons.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['minor-with-unrelated-adults', 'late-cash-booking']),
    );
  });
});

describe('a large push', () => {
  it('is read in a worker thread (over 32 KB) with the same result; a refusal still names the segment', async () => {
    const many = pnrgovMessage({
      ref: 'P-BIG-1',
      carrier: 'BA',
      flight: '0339',
      from: 'LHR',
      to: 'JFK',
      date: '091226',
      time: '0900',
      bookings: Array.from({ length: 120 }, (_, i) => ({
        locator: `BIG${String(i).padStart(3, '0')}`,
        created: '011126:1000',
        payment: 'CC' as const,
        travellers: [
          {
            surname: `TRAVELLER${i}`,
            given: 'ALEX',
            dob: '01JAN80',
            passport: `GB9${String(i).padStart(6, '0')}`,
            nationality: 'GBR',
          },
        ],
        extra: ['IFT+4:28::BA+CTCE SOMEONE//EXAMPLE.COM'],
      })),
    });
    expect(many.length).toBeGreaterThan(32_768);
    const res = await push(many);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ bookings: 120, travellers: 120 });
    const cut = await push(many.slice(0, many.length - 200));
    expect(cut.statusCode).toBe(400);
    expect(cut.json().issues[0].path).toMatch(/^segment \d+/);
  });
});

describe('one flight, however its number is written', () => {
  it('a booking for BA0341 and a passenger list for BA341 are one journey: the booking traveller gives way to the passenger', async () => {
    const pnr = pnrgovMessage({
      ref: 'P-SPELL-1',
      carrier: 'BA',
      flight: '0341',
      from: 'LHR',
      to: 'JFK',
      date: '101226',
      time: '0900',
      bookings: [
        {
          locator: 'SPL001',
          created: '011126:1000',
          payment: 'CC',
          travellers: [{ surname: 'SALEK', given: 'YUSUF', dob: '21JUL88', passport: 'N0000777', nationality: 'TUR' }],
        },
      ],
    });
    expect((await push(pnr)).statusCode).toBe(200);
    const api = paxlstMessage({
      ref: 'API-SPELL-1',
      carrier: 'BA',
      flight: 'BA341',
      from: 'LHR',
      to: 'JFK',
      departs: '2612100900',
      arrives: '2612101200',
      travellers: [
        {
          ref: 'S1',
          surname: 'SALEK',
          given: 'YUSUF',
          sex: 'M',
          dob: '880721',
          nationality: 'TUR',
          passport: 'N0000777',
        },
      ],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
      payload: api,
    });
    expect(res.statusCode).toBe(200);
    const open = (
      await t.app.inject({ url: '/v1/alerts?status=open&limit=200', headers: bearer(TOKENS.officer) })
    ).json().items as Array<{ travellerRef: string; journey: { id: string } }>;
    const mine = open.filter((a) => a.travellerRef === 'S1' || a.travellerRef === 'PNR-SPL001-1');
    expect(mine.map((a) => a.travellerRef)).toEqual(['S1']);
  });
});

describe('history', () => {
  it('counts a booking once however many pushes it had', async () => {
    const booking = {
      locator: 'HIS001',
      created: '011126:1000',
      payment: 'CC' as const,
      travellers: [{ surname: 'ONCE', given: 'ONLY', dob: '01JAN80', passport: 'GB8800001', nationality: 'GBR' }],
    };
    for (const ref of ['P-HIS-1', 'P-HIS-2', 'P-HIS-3'])
      expect(
        (
          await push(
            pnrgovMessage({
              ref,
              carrier: 'BA',
              flight: '0343',
              from: 'LHR',
              to: 'JFK',
              date: '111226',
              time: '0900',
              bookings: [booking],
            }),
          )
        ).statusCode,
      ).toBe(200);
    const rows = await t.store.travelHistory({
      identities: [],
      documentKeys: ['GBR:GB8800001'],
      contactKeys: [],
      guardianKeys: [],
      payerKeys: [],
      since: '2026-01-01T00:00:00Z',
      before: '2027-12-31T00:00:00Z',
    });
    expect(rows.filter((r) => r.ref === 'PNR-HIS001-1')).toHaveLength(1);
  });
});
