/**
 * Check-ins cannot be used as a list oracle (issue 15): per carrier token, a bounded rate; and a
 * metric of hits per carrier beside check-ins per carrier, for an alerting rule on the ratio.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { traveller } from '../helpers/manifests.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const journeyDeparting = (hours: number) => ({
  mode: 'air' as const,
  carrier: 'BA',
  serviceNumber: 'BA777',
  departure: { port: 'CDG', country: 'FRA', scheduled: inHours(hours) },
  arrival: { port: 'LHR', country: 'GBR', scheduled: inHours(hours + 1) },
});
const journey = journeyDeparting(20);

describe('check-in limits', () => {
  it('refuses a carrier token past its rate with 429, per token, and counts hits per carrier', async () => {
    t = await startTestApp({ PAXSCREEN_CHECKIN_RATE_PER_MINUTE: '5' });
    const listed = { surname: 'KOVALENKO', givenNames: 'DMYTRO OLEKSANDROVYCH', dateOfBirth: '1979-04-12' };
    const check = (token: string, ref: string, who: object = { surname: 'ORDINARY', givenNames: 'PERSON' }) =>
      (t as TestApp).app.inject({
        method: 'POST',
        url: '/v1/travellers/check',
        headers: bearer(token),
        payload: {
          journey: { ...journey, carrier: token === TOKENS.carrierXF ? 'XF' : 'BA' },
          traveller: traveller({ ref, ...who }),
        },
      });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await check(TOKENS.carrierBA, `C${i}`, i === 0 ? listed : undefined)).statusCode);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const refused = await check(TOKENS.carrierBA, 'C9');
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    // Another carrier's token has its own allowance.
    expect((await check(TOKENS.carrierXF, 'X1')).statusCode).toBe(200);
    // A check-in answered as CUSRES counts like one answered in JSON.
    const edifact = await t.app.inject({
      method: 'POST',
      url: '/v1/travellers/check',
      headers: { ...bearer(TOKENS.carrierXF), accept: 'application/edifact' },
      payload: { journey: { ...journey, carrier: 'XF' }, traveller: traveller({ ref: 'X2' }) },
    });
    expect(edifact.statusCode).toBe(200);
    expect(edifact.body).toMatch(/^UNA/);
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/paxscreen_checkins_total\{carrier="BA"\} 5/);
    expect(metrics).toMatch(/paxscreen_checkin_hits_total\{carrier="BA"\} 1/);
    expect(metrics).toMatch(/paxscreen_checkins_total\{carrier="XF"\} 2/);
  });

  it('takes check-ins only for journeys departing within the window (72 h by default)', async () => {
    t = await startTestApp();
    const check = (hours: number) =>
      (t as TestApp).app.inject({
        method: 'POST',
        url: '/v1/travellers/check',
        headers: bearer(TOKENS.carrierBA),
        payload: { journey: journeyDeparting(hours), traveller: traveller({ ref: `W${hours}` }) },
      });
    expect((await check(48)).statusCode).toBe(200);
    expect((await check(-6)).statusCode).toBe(200);
    const far = await check(24 * 30);
    expect(far.statusCode).toBe(400);
    expect(far.json().issues[0].path).toBe('journey.departure.scheduled');
    expect((await check(-48)).statusCode).toBe(400);
  });
});
