/**
 * POST /v1/bookings (issue 18): PNRGOV pushes and their JSON form, with the same authentication,
 * carrier scope, idempotency and refusals as manifests. Screening and linking of booking data are
 * not part of this file yet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { pnrgovMessage } from '../helpers/pnrgov.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const push = (body: string | object, token = TOKENS.carrierBA, type = typeof body === 'string' ? 'application/edifact' : 'application/json') =>
  t.app.inject({ method: 'POST', url: '/v1/bookings', headers: { ...bearer(token), 'content-type': type }, payload: body as string });

const message = (ref: string, extra: string[] = []) =>
  pnrgovMessage({
    ref, carrier: 'BA', flight: '0117', from: 'LHR', to: 'JFK', date: '051226', time: '0830',
    bookings: [{ locator: 'ABC123', created: '041226:2200', payment: 'CA', travellers: [{ surname: 'DOYLE', given: 'MARTIN', dob: '24DEC71', passport: 'PX1234567', nationality: 'IRL' }, { surname: 'ROSSETTI', given: 'GIULIA', type: 'C', dob: '11FEB13', passport: 'YA0012345', nationality: 'ITA' }], extra }],
  });

describe('POST /v1/bookings', () => {
  it('stores a PNRGOV push and answers a summary (no directive); a resend is a replay; another body under the same reference is refused', async () => {
    const res = await push(message('R1'));
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({ function: 'push', flight: { carrier: 'BA', serviceNumber: 'BA0117', from: 'LHR', to: 'JFK' }, bookings: 1, travellers: 2, journeys: 1 });
    expect(summary.directives).toBeUndefined();
    const again = await push(message('R1'));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().pushId).toBe(summary.pushId);
    const other = await push(message('R1', ['IFT+4:28::BA+ANOTHER BODY']));
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('MESSAGE_REF_REUSED');
    const stored = await t.store.bookingsForFlight('BA|117|LHR|2026-12-05');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ recordLocator: 'ABC123', ticket: 'one-way', payment: { kind: 'cash' }, createdAt: '2026-12-04T22:00:00.000Z' });
  });

  it('a later push of the same booking replaces it', async () => {
    const changed = pnrgovMessage({ ref: 'R2', carrier: 'BA', flight: '117', from: 'LHR', to: 'JFK', date: '051226', time: '0830', bookings: [{ locator: 'ABC123', created: '041226:2200', payment: 'CC', travellers: [{ surname: 'DOYLE', given: 'MARTIN', dob: '24DEC71', passport: 'PX1234567', nationality: 'IRL' }] }] });
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
    const json = { messageRef: 'J1', function: 'push', flight: { carrier: 'BA', serviceNumber: 'BA0117', from: 'LHR', to: 'JFK', departure: '2026-12-05T08:30:00.000Z', arrival: null }, bookings: [] };
    expect((await push(json)).statusCode).toBe(200);
    const bad = await push({ ...json, messageRef: 'J2', function: 'sometimes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('function');
    expect((await push(json, TOKENS.officer)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/v1/bookings', payload: json })).statusCode).toBe(401);
  });

  it('never stores meal, medical or assistance requests: not in the database files', async () => {
    const sensitive = message('R4', ['SSR+KSML:HK:1:BA', 'SSR+WCHR:HK:1:BA', 'IFT+4:28::BA+PAX NEEDS MOML AND WHEELCHAIR AT JFK']);
    const res = await push(sensitive);
    expect(res.statusCode).toBe(200);
    expect(res.json().droppedSensitive).toBe(3);
    // Everything the store wrote, including the write-ahead log.
    const bytes = readdirSync(t.dir).filter((f) => f.startsWith('paxscreen.sqlite')).map((f) => readFileSync(join(t.dir, f)).toString('latin1')).join('');
    expect(bytes).toContain('ABC123');
    expect(bytes).not.toMatch(/KSML|WCHR|MOML|WHEELCHAIR/);
  });
});
