/**
 * The PNRGOV reader on the 22 GTAS test messages (tests/fixtures/pnrgov/, see NOTICE.md): every one
 * is read with no error, and each test names what it checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePnrgov, PnrgovUnusable } from '../../../../src/ingest/pnrgov/parse.ts';

const dir = new URL('../../../fixtures/pnrgov/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => !f.endsWith('.md'))
  .sort();
const read = (f: string) => parsePnrgov(readFileSync(new URL(f, dir), 'utf8'), Date.parse('2026-01-01T00:00:00Z'));
const only = (f: string) => {
  const r = read(f);
  expect(r.push.bookings.length).toBeGreaterThan(0);
  return r;
};

describe('PNRGOV samples', () => {
  it('has the 22 GTAS messages', () => expect(files).toHaveLength(22));

  for (const f of files) {
    it(`${f}: read with no error, at least one booking with travellers, every traveller named`, () => {
      const r = read(f);
      expect(r.push.bookings.length).toBeGreaterThan(0);
      for (const b of r.push.bookings) {
        expect(b.recordLocator).not.toBe('');
        for (const t of b.travellers) expect(t.surname.length).toBeGreaterThan(0);
      }
      expect(['10.1', '11.1', '13.1']).toContain(r.version);
    });
  }

  it('2_pnrs_basic.edi: two bookings; the flight, the itinerary without the history after ABI, one-way LHR-JFK-YVR', () => {
    const r = only('2_pnrs_basic.edi');
    expect(r.push.flight).toMatchObject({
      carrier: 'DL',
      serviceNumber: 'DL0324',
      from: 'LHR',
      to: 'JFK',
      departure: '2010-12-12T09:15:00.000Z',
    });
    const [b] = r.push.bookings;
    expect(b?.recordLocator).toBe('MFN4TI');
    expect(b?.itinerary.map((l) => `${l.from}-${l.to}`)).toEqual(['LHR-JFK', 'JFK-YVR']);
    expect(b?.ticket).toBe('one-way');
    expect(b?.partySize).toBe(2);
    expect(b?.agency).toEqual({ id: '52519950', location: 'ATL' });
  });

  it('2_pnrs_basic.edi: a card payment keeps the issuer and the last four digits, never the number', () => {
    const [b] = only('2_pnrs_basic.edi').push.bookings;
    expect(b?.payment).toEqual({ kind: 'card', cardIssuer: 'VI', cardLast4: '1186' });
    expect(JSON.stringify(b)).not.toContain('XXXXXXXX1186');
  });

  it('2_pnrs_basic.edi: meal requests (SSR AVML) and free text naming them never reach the booking', () => {
    const r = only('2_pnrs_basic.edi');
    expect(r.droppedSensitive).toBeGreaterThan(0);
    expect(JSON.stringify(r.push)).not.toMatch(/AVML|KSML|MOML|WCHR/);
  });

  it('2_pnrs_basic.edi: SSR DOCS gives the document, nationality and birth date; empty DOCS fields stay in place', () => {
    const [b] = only('2_pnrs_basic.edi').push.bookings;
    expect(b?.travellers[0]).toMatchObject({
      dateOfBirth: '1964-07-12',
      nationality: 'GBR',
      documents: [{ type: 'P', number: '123456789', issuingCountry: 'GBR', expiry: '2019-08-23' }],
    });
    expect(b?.travellers[1]).toMatchObject({ surname: 'JONES', dateOfBirth: '1964-07-12', documents: [] });
  });

  it('infant.edi: an infant (TIF IN) travels with its adult and gets the DOCS filed under the adult (sex FI)', () => {
    const r = only('infant.edi');
    const [b] = r.push.bookings;
    const infant = b?.travellers.find((t) => t.type === 'infant');
    expect(infant).toMatchObject({
      surname: 'BELT',
      withAdult: '2',
      dateOfBirth: '2012-09-20',
      documents: [{ number: '512731999' }],
    });
    expect(b?.travellers.find((t) => t.ref === '2')?.documents.map((d) => d.number)).toEqual(['509229987']);
  });

  it('infant.edi: a UNA declaring a terminator the message never uses is read with the one it uses, and says so', () => {
    expect(only('infant.edi').warnings.some((w) => w.tag === 'UNA' && /terminator/.test(w.reason))).toBe(true);
  });

  it('codeshare.edi: a five-character UNA (no decimal mark) is read, and the operating flight numbers are not warnings', () => {
    const r = only('codeshare.edi');
    expect(r.warnings.some((w) => w.tag === 'UNA' && /five characters/.test(w.reason))).toBe(true);
    expect(r.warnings.some((w) => w.tag === 'TVL')).toBe(false);
  });

  it('danglingMetaCharacter.txt: other separators (element "-", segment "*") are read from the UNA', () => {
    expect(only('danglingMetaCharacter.txt').push.flight?.from).toMatch(/^[A-Z]{3}$/);
  });

  it('3_pnrs.edi and bigbigPnr.txt: multi-PNR pushes split per booking', () => {
    expect(only('3_pnrs.edi').push.bookings).toHaveLength(3);
    expect(only('bigbigPnr.txt').push.bookings).toHaveLength(47);
  });

  it('multiple_flight_leg_pnr.txt: a return itinerary, e-mail contacts in IATA form (// for @, .. for _), cash', () => {
    const [b] = only('multiple_flight_leg_pnr.txt').push.bookings;
    expect(b?.ticket).toBe('return');
    expect(b?.contacts.emails).toContain('stacy_chennapragada@gmail.com');
    expect(b?.payment.kind).toBe('cash');
    expect(b?.travellers[0]?.givenNames).toBe('STACY');
  });

  it('pnrWithDoco.txt: a visa from SSR DOCO beside the passport', () => {
    const [b] = only('pnrWithDoco.txt').push.bookings;
    expect(b?.travellers[0]?.documents.map((d) => d.type)).toEqual(['P', 'V']);
  });

  it('refuses what is not PNRGOV, and a message cut before its UNT (naming the segment)', () => {
    expect(() => parsePnrgov("UNB+IATA:1+X'UNH+1+PAXLST:D:05B:UN:IATA'UNT+2+1'")).toThrow(/not PNRGOV/);
    const whole = readFileSync(new URL('pnr4.txt', dir), 'utf8');
    const cut = whole.slice(0, Math.floor(whole.length * 0.6));
    try {
      parsePnrgov(cut);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PnrgovUnusable);
      expect((e as PnrgovUnusable).segment).toBeGreaterThan(0);
      expect((e as Error).message).toMatch(/without UNT/);
    }
  });
});
