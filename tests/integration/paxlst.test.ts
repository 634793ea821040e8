import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../src/ingest/paxlst/tokenizer.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

let t: TestApp;
beforeAll(async () => {
  // The fixtures' journeys have fixed dates: the check-in window (tested in checkin-limits.test.ts)
  // is off here, where check-ins test PAXLST reading and batch recognition.
  t = await startTestApp({ PAXSCREEN_CHECKIN_WINDOW_HOURS: '0' });
});
afterAll(async () => t.close());

// The WCO example, re-badged to carrier BA so the demo BA token may send it.
const wco = readFileSync(
  new URL('../fixtures/paxlst/wco-guide-single-sector-d15b.edi', import.meta.url),
  'latin1',
).replace('TDT+20+ZZ123+++ZZ', 'TDT+20+BA123+++BA');

describe('PAXLST on POST /v1/manifests', () => {
  it('screens an EDIFACT manifest and reports mapping warnings in the JSON answer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
      payload: wco,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.directives).toEqual([{ ref: 'ABC123', directive: 'OK_TO_BOARD' }]);
    expect(body.warnings).toContainEqual(expect.objectContaining({ tag: 'CNT' }));
  });

  it('answers in CUSRES when asked, keyed by the carrier references', async () => {
    const msg = wco
      .replace('RFF+TN:1234567890', 'RFF+TN:CUSRES-TEST')
      .replace('WILLIAMS:JOHN:DONALD', 'SALEK:YUSUF')
      .replace('DTM+329:720907', 'DTM+329:880721');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'text/plain', accept: 'application/edifact' },
      payload: msg,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/edifact/);
    const segs = tokenize(res.body).segments;
    expect(segs.map((s) => s.tag)).toEqual(
      expect.arrayContaining(['UNB', 'UNH', 'BGM', 'ERP', 'RFF', 'ERC', 'UNT', 'UNZ']),
    );
    expect(segs.find((s) => s.tag === 'ERC')?.elements[1]?.[0]).toBe('1Z');
    expect(res.body).not.toMatch(/DEMO|score|excluded/i);
  });

  it('rejects an unusable message with a 400 that says why', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
      payload: "UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/no journey/);
  });
});

describe('interactive check-in', () => {
  it('screens one traveller and the later batch recognises them without a second alert', async () => {
    const batch = manifest([
      traveller({ ref: 'I1', surname: 'PAPADOPOULOS', givenNames: 'GEORGIOS', dateOfBirth: '1990-02-14' }),
      traveller({ ref: 'I2' }),
    ]);
    batch.journey.serviceNumber = 'BA0444';
    const check = await t.app.inject({
      method: 'POST',
      url: '/v1/travellers/check',
      headers: bearer(TOKENS.carrierBA),
      payload: { journey: batch.journey, traveller: batch.travellers[0] },
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ ref: 'I1', directive: 'CONTACT_AUTHORITY', complete: true });
    const alertsAfterCheck = (
      await t.app.inject({ url: '/v1/alerts?limit=200', headers: bearer(TOKENS.officer) })
    ).json().items.length;

    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: batch,
    });
    expect(res.json().directives).toEqual([
      { ref: 'I1', directive: 'CONTACT_AUTHORITY' },
      { ref: 'I2', directive: 'OK_TO_BOARD' },
    ]);
    const alertsAfterBatch = (
      await t.app.inject({ url: '/v1/alerts?limit=200', headers: bearer(TOKENS.officer) })
    ).json().items.length;
    expect(alertsAfterBatch).toBe(alertsAfterCheck);
  });

  it('accepts a one-traveller PAXLST', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/travellers/check',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
      payload: wco.replace('RFF+ABO:ABC123', 'RFF+ABO:CHK1').replace('RFF+TN:1234567890', 'RFF+TN:CHECK-1'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ref: 'CHK1', directive: 'OK_TO_BOARD' });
  });
});

describe('PAXLST integrity limits', () => {
  const edifact = (payload: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
      payload,
    });

  it('answers CONTACT_AUTHORITY with a warning for a traveller whose name has nothing to match, and alerts an officer', async () => {
    const msg = wco.replace('RFF+TN:1234567890', 'RFF+TN:NONAME-1').replace(/NAD\+FL\+\+\+[^+']+/, 'NAD+FL+++.');
    const res = await edifact(msg);
    expect(res.statusCode).toBe(200);
    expect(res.json().directives[0].directive).toBe('CONTACT_AUTHORITY');
    expect(res.json().warnings).toContainEqual(
      expect.objectContaining({ tag: 'NAD', reason: expect.stringMatching(/no usable letter/) }),
    );
    const alerts = (
      await t.app.inject({ url: '/v1/alerts?status=open&limit=100', headers: bearer(TOKENS.officer) })
    ).json().items;
    expect(
      alerts.some((a: { reasons: Array<{ type: string; cause?: string }> }) =>
        a.reasons.some((r) => r.type === 'incomplete' && r.cause === 'name-unusable'),
      ),
    ).toBe(true);
  });

  it('lists at most 50 problems for a body of junk, with the count', async () => {
    const junk = `UNH+1+PAXLST:D:05B:UN:IATA'${"ZZZ+junk'".repeat(40_000)}UNT+1+1'`;
    const res = await edifact(junk);
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.length).toBeLessThanOrEqual(50);
    expect(res.json().message).toMatch(/problems; the first 50 are listed/);
    expect(res.body.length).toBeLessThan(20_000);
  });

  it('refuses a message past the segment cap with a 400 naming the cap', async () => {
    const res = await edifact(`UNH+1+PAXLST'${"FTX+AAA'".repeat(60_000)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/more than 50000 segments/);
  });

  it('parses a multi-megabyte body off the event loop', async () => {
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const h = monitorEventLoopDelay({ resolution: 5 });
    const body = `UNH+1+PAXLST:D:05B:UN:IATA'${"FTX+AAA+++free text that carriers send'".repeat(120_000)}UNT+1+1'`;
    expect(body.length).toBeGreaterThan(4_600_000);
    h.enable();
    const res = await edifact(body);
    h.disable();
    expect(res.statusCode).toBe(400);
    // Generous under a loaded test run; bench:paxlst reports the figure on a quiet machine.
    expect(h.max / 1e6).toBeLessThan(250);
  });
});
