import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Manifest } from '../../../../src/domain/contracts/manifest.ts';
import { writeCusres } from '../../../../src/ingest/paxlst/cusres.ts';
import { parseDate, parsePaxlst, PaxlstUnusable } from '../../../../src/ingest/paxlst/map.ts';
import { tokenize } from '../../../../src/ingest/paxlst/tokenizer.ts';
import { costRatio } from '../../../helpers/growth.ts';

const file = (name: string) => readFileSync(new URL(`../../../fixtures/paxlst/${name}`, import.meta.url), 'latin1');

const WCO = file('wco-guide-single-sector-d15b.edi');

describe('every shared PAXLST file parses into a valid manifest', () => {
  const cases: Array<[string, number, string, string, string]> = [
    ['wco-guide-single-sector-d15b.edi', 1, 'ZZ123', 'SYD', 'HNL'],
    ['apisMessage.txt', 2, 'AA124', 'ORD', 'JFK'],
    ['multiple_flight_leg_apis.txt', 2, 'QQ827', 'JFK', 'CDG'],
    ['Test1.txt', 8, 'UA0989', 'FRA', 'IAD'],
    ['Test3.txt', 260, 'UA0989', 'FRA', 'IAD'],
    ['airline2.edi', 10, 'TN506', 'BRE', 'YEU'],
    ['flight1.txt', 10, 'LA532', 'SCL', 'JFK'],
    ['flight2.txt', 10, 'FI615', 'KEF', 'JFK'],
    ['flight3.txt', 10, 'YY123', 'IAD', 'BRU'],
  ];
  for (const [name, travellers, service, from, to] of cases) {
    it(`${name}: ${travellers} travellers on ${service} ${from}→${to}`, () => {
      const r = parsePaxlst(file(name));
      const m = Manifest.parse(r.manifest);
      expect(m.travellers).toHaveLength(travellers);
      expect(m.journey).toMatchObject({ serviceNumber: service, departure: { port: from }, arrival: { port: to } });
      for (const t of m.travellers) expect(t.surname.length).toBeGreaterThan(0);
    });
  }

  it('reads every field of the WCO worked example', () => {
    const { manifest, version, warnings } = parsePaxlst(WCO);
    const m = Manifest.parse(manifest);
    expect(version).toBe('D15B');
    expect(m.messageRef).toBe('1234567890');
    expect(m.journey).toEqual({
      mode: 'air',
      carrier: 'ZZ',
      serviceNumber: 'ZZ123',
      departure: { port: 'SYD', country: 'AUS', scheduled: '2013-06-20T23:00:00Z' },
      arrival: { port: 'HNL', country: 'USA', scheduled: '2013-06-22T08:00:00Z' },
    });
    expect(m.travellers[0]).toMatchObject({
      ref: 'ABC123',
      role: 'passenger',
      surname: 'WILLIAMS',
      givenNames: 'JOHN DONALD',
      sex: 'M',
      dateOfBirth: '1972-09-07',
      nationality: 'GBR',
      documents: [{ type: 'P', number: 'MB140241', issuingCountry: 'GBR', expiry: '2015-12-31' }],
      booking: { ref: 'TYR123' },
    });
    // The worked example's CNT says 160 travellers for a one-traveller excerpt: a warning, not a refusal.
    expect(warnings).toContainEqual(expect.objectContaining({ tag: 'CNT' }));
  });

  it('reads crew (NAD+FM), change messages and the Type-B-safe separators', () => {
    const crew = parsePaxlst(file('Test1.txt')).manifest;
    expect(crew.travellers.every((t) => t.role === 'crew')).toBe(true);
    const edi = parsePaxlst(file('airline2.edi'));
    expect(edi.manifest.travellers[0]?.surname).toBeTruthy();
    const multi = parsePaxlst(file('Test3.txt'));
    expect(multi.part).toEqual({ sequence: '01', last: false });
  });
});

describe('deviations carriers really send', () => {
  it('uses the default separators without UNA, and honours the release character', () => {
    const { segments } = tokenize("UNB+UNOA:4+A+B+200101:1200+1'NAD+FL+++O?'BRIEN:SEAN'");
    expect(segments[1]?.elements[4]).toEqual(["O'BRIEN", 'SEAN']);
  });

  it('reads the Type-B-safe service string UNA:(.) - and CR/LF between segments', () => {
    const text =
      'UNA:(.) -\r\nUNH(1(PAXLST:D:05B:UN:IATA-\r\nBGM(745-\r\nTDT(20(XF9(((XF-\r\nLOC(125(CDG-\r\nDTM(189:2612011000:201-\r\nLOC(87(LHR-\r\nDTM(232:2612011030:201-\r\nNAD(FL(((DUPONT:MARIE-\r\nDTM(329:850101-\r\nDOC(P(12AB34567-\r\nLOC(91(FRA-\r\nUNT(12(1-\r\n';
    const r = parsePaxlst(text);
    const m = Manifest.parse(r.manifest);
    expect(m.travellers[0]).toMatchObject({
      surname: 'DUPONT',
      givenNames: 'MARIE',
      documents: [{ number: '12AB34567', issuingCountry: 'FRA' }],
    });
    expect(m.journey.departure.scheduled).toBe('2026-12-01T09:00:00Z');
    expect(r.warnings).toEqual([]);
  });

  it('resolves two-digit birth years against the travel date, and accepts lower case', () => {
    expect(parseDate('200101', new Date('2026-12-01'), 'birth')).toBe('2020-01-01');
    expect(parseDate('300101', new Date('2026-12-01'), 'birth')).toBe('1930-01-01');
    expect(parseDate('310231', new Date('2026-12-01'), 'birth')).toBeNull();
    const r = parsePaxlst(
      "unh+1+paxlst:d:02b:un:iata'bgm+745'tdt+20+xf9+++xf'loc+125+cdg'dtm+189:2612011000:201'loc+87+lhr'dtm+232:2612011030:201'nad+fl+++smith:anna'unt+9+1'",
    );
    expect(r.manifest.travellers[0]?.surname).toBe('smith');
    expect(r.manifest.journey.serviceNumber).toBe('XF9');
  });

  it('warns about wrong UNT and CNT counts and unknown segments instead of refusing', () => {
    const text = WCO.replace('UNT+30+PAX001', 'UNT+99+PAX001').replace("CNT+42:160'", "CNT+42:160'XYZ+1'");
    const r = parsePaxlst(text);
    expect(r.warnings.map((w) => w.tag)).toEqual(expect.arrayContaining(['UNT', 'CNT', 'XYZ']));
    expect(r.manifest.travellers).toHaveLength(1);
  });

  it('maps BGM message functions to change and cancel', () => {
    expect(parsePaxlst(WCO.replace('BGM+745', 'BGM+745+CP')).manifest.kind).toBe('change');
    expect(parsePaxlst(WCO.replace('BGM+745', 'BGM+745+XR')).manifest.kind).toBe('cancel');
  });

  it('refuses only an unusable message, saying why', () => {
    expect(() => parsePaxlst("UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++A:B'UNT+4+1'")).toThrow(PaxlstUnusable);
    expect(() => parsePaxlst("UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XF1'LOC+125+CDG'LOC+87+LHR'UNT+6+1'")).toThrow(
      /no travellers/,
    );
  });
});

describe('CUSRES', () => {
  it('round-trips PAXLST → manifest → CUSRES with one status per traveller reference', () => {
    const m = Manifest.parse(parsePaxlst(file('flight1.txt')).manifest);
    const directives = m.travellers.map((t, i) => ({
      ref: t.ref,
      directive: i === 0 ? ('DO_NOT_BOARD' as const) : ('OK_TO_BOARD' as const),
    }));
    const cusres = writeCusres({ recipient: 'LUFTHANSA', messageRef: m.messageRef, journey: m.journey, directives });
    const { segments } = tokenize(cusres);
    expect(segments[0]?.tag).toBe('UNB');
    const statuses: Array<[string, string]> = [];
    segments.forEach((s, i) => {
      if (s.tag === 'ERC') statuses.push([segments[i - 1]?.elements[1]?.[1] ?? '', s.elements[1]?.[0] ?? '']);
    });
    expect(statuses).toEqual(directives.map((d, i) => [d.ref, i === 0 ? '1Z' : '0Z']));
    const unt = segments.find((s) => s.tag === 'UNT');
    const unh = segments.findIndex((s) => s.tag === 'UNH');
    expect(Number(unt?.elements[1]?.[0])).toBe(segments.findIndex((s) => s.tag === 'UNT') - unh + 1);
  });

  it("answers departure and arrival in the ports' local times, exactly as the carrier's PAXLST gave them", () => {
    const text = file('flight1.txt');
    const sent = [...text.matchAll(/DTM\+(189|232):(\d{10}):201/g)].map((m) => `${m[1]}:${m[2]}`);
    const m = Manifest.parse(parsePaxlst(text).manifest);
    const cusres = writeCusres({ recipient: 'X', messageRef: m.messageRef, journey: m.journey, directives: [] });
    const answered = [...cusres.matchAll(/DTM\+(189|232):(\d{10}):201/g)].map((x) => `${x[1]}:${x[2]}`);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(answered).toEqual(sent.slice(0, 2));
  });

  it('writes a summer departure from London an hour ahead of UTC, and a port with no known zone in UTC', () => {
    const journey = {
      carrier: 'BA',
      serviceNumber: 'BA117',
      departure: { port: 'LHR', country: 'GBR', scheduled: '2026-07-01T09:05:00Z' },
      arrival: { port: 'ZZZ', country: 'USA', scheduled: '2026-07-01T17:30:00Z' },
      direction: 'outbound' as const,
    };
    const cusres = writeCusres({ recipient: 'BA', messageRef: 'R1', journey: journey as never, directives: [] });
    expect(cusres).toContain('DTM+189:2607011005:201');
    expect(cusres).toContain('DTM+232:2607011730:201');
  });
});

describe('fuzz', () => {
  const pieces = WCO.split("'").map((s) => `${s}'`);
  it('never throws anything but PaxlstUnusable on random and mutated input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc
            .array(
              fc.constantFrom(...pieces, "'", '+', ':', '?', 'UNA:+.? ', '\r\n', 'NAD+FL+++', 'DTM+329:', 'TDT+20+'),
              { maxLength: 60 },
            )
            .map((a) => a.join('')),
          fc
            .tuple(fc.nat(WCO.length), fc.nat(WCO.length), fc.string({ maxLength: 20 }))
            .map(([a, b, s]) => WCO.slice(0, Math.min(a, b)) + s + WCO.slice(Math.max(a, b))),
        ),
        (text) => {
          try {
            parsePaxlst(text);
          } catch (e) {
            if (!(e instanceof PaxlstUnusable)) throw e;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays linear in input size (a ratio of the fastest of interleaved runs, not a time)', () => {
    const big = file('Test3.txt');
    // Twelve copies (below the segment cap): about twelve times the time (GC adds up to half again
    // on this machine); quadratic would be 144.
    const twelve = big + big.replace(/^UNA.{6}/, '').repeat(11);
    expect(costRatio(big, twelve, parsePaxlst)).toBeLessThan(48);
  });
});

describe('PAXLST cost is bounded', () => {
  it('tokenizes runs of blanks and release characters in linear time (a ratio, not a time)', () => {
    for (const unit of ["? '", "  ?  ?  '", '?'.repeat(7) + ' '.repeat(9) + "'"]) {
      const small = `UNH+1'${unit.repeat(40_000)}`;
      const large = `UNH+1'${unit.repeat(640_000)}`;
      const tokenizeAll = (text: string) => tokenize(text, { maxSegments: 1e9, maxSegmentChars: 1e9 });
      // Sixteen times the input: about sixteen times the time; quadratic would be 256.
      expect(costRatio(small, large, tokenizeAll, 7), unit).toBeLessThan(64);
    }
  });

  it('refuses a message past its segment caps, naming the cap', () => {
    expect(() => parsePaxlst(`UNH+1+PAXLST'${"FTX+AAA'".repeat(60_000)}`)).toThrow(/more than 50000 segments/);
    expect(() => parsePaxlst(`UNH+1+PAXLST'NAD+FL+++${'A'.repeat(5000)}'`)).toThrow(/longer than 2000 characters/);
  });

  it('warns about a traveller whose name has nothing to match', () => {
    const text = WCO.replace(/NAD\+FL\+\+\+[^+']+/, 'NAD+FL+++-');
    const r = parsePaxlst(text);
    expect(r.warnings.some((w) => w.tag === 'NAD' && /no usable letter/.test(w.reason))).toBe(true);
  });
});
