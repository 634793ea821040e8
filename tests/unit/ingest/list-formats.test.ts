import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOfacSdn, parseSdnDates, parseSdnRemarks, splitSdnName } from '../../../src/ingest/ofac-sdn.ts';
import { importSimpleCsv, parseCsvDate } from '../../../src/ingest/simple-csv.ts';
import { readJsonLinesText } from '../../../src/ingest/watchlist-jsonl.ts';

const fixtures = new URL('../../fixtures/', import.meta.url);
const opts = { list: 't', category: 'sanctions' as const, action: 'REFER' as const };

describe('OFAC SDN', () => {
  it('reads individuals with aliases, dates of birth, passports and nationality from the remarks', async () => {
    const r = await importOfacSdn(new URL('ofac-sdn/', fixtures).pathname, opts);
    expect(r.entries.map((e) => e.id).sort()).toEqual(['SDN-1572', 'SDN-2674', 'SDN-2676', 'SDN-6944', 'SDN-7203']);
    expect(r.skipped).toEqual([]);
    const zawahiri = r.entries.find((e) => e.id === 'SDN-2676');
    expect(zawahiri?.names[0]).toEqual({ surname: 'AL ZAWAHIRI', givenNames: 'Dr. Ayman' });
    expect(zawahiri?.names.length).toBeGreaterThan(1);
    expect(zawahiri?.dateOfBirth).toEqual(['1951-06-19']);
    expect(zawahiri?.documents).toEqual([
      { type: 'P', number: '1084010', issuingCountry: 'EGY' },
      { type: 'P', number: '19820215' },
    ]);
    const sharif = r.entries.find((e) => e.id === 'SDN-6944');
    expect(sharif?.dateOfBirth).toEqual(['1969', '1963', '1964-02-11']);
    expect(sharif?.nationality).toEqual(['SAU']);
    expect(sharif?.documents?.map((d) => d.number)).toEqual(['B 960789', 'G 649385']);
  });

  it('parses the date forms the list uses', () => {
    expect(parseSdnDates('10 Dec 1948')).toEqual(['1948-12-10']);
    expect(parseSdnDates('Dec 1948')).toEqual(['1948-12']);
    expect(parseSdnDates('circa 1960')).toEqual(['1960']);
    expect(parseSdnDates('1960 to 1962')).toEqual(['1960', '1961', '1962']);
    expect(parseSdnDates('sometime')).toEqual([]);
    expect(splitSdnName('NORIEGA, Manuel Antonio')).toEqual({ surname: 'NORIEGA', givenNames: 'Manuel Antonio' });
    expect(
      parseSdnRemarks(
        'DOB 1969; alt. DOB 11 Feb 1964; Passport L 191609 issued 28 Feb 1996 expires 27 Feb 2001 (Tunisia).',
      ).documents,
    ).toEqual([{ type: 'P', number: 'L 191609', issuingCountry: 'TUN' }]);
  });
});

describe('simple CSV (GTAS wl-NS.csv)', () => {
  it('reads every row, month-first dates and documents', () => {
    const r = importSimpleCsv(readFileSync(new URL('gtas/wl-NS.csv', fixtures), 'utf8'), {
      ...opts,
      category: 'wanted',
    });
    expect(r.entries).toHaveLength(7);
    expect(r.entries[1]).toMatchObject({
      names: [{ surname: 'benson', givenNames: 'ryan' }],
      dateOfBirth: '1975-11-10',
      documents: [{ number: '883456', type: 'V', issuingCountry: 'USA' }],
    });
    expect(r.entries[6]?.names[0]).toEqual({ surname: 'deo', givenNames: 'john KUMAR' });
    expect(r.entries[2]?.documents).toEqual([{ number: 'P123456', type: 'P' }]);
    expect(parseCsvDate('2-12-1965', 'mdy')).toBe('1965-02-12');
    expect(parseCsvDate('2-12-1965', 'dmy')).toBe('1965-12-02');
  });

  it('skips a row with an impossible date and says why', () => {
    const r = importSimpleCsv('firstname,lastname,dob\nA,B,13-45-1990\nC,D,01-02-1990\n', opts);
    expect(r.entries).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ line: 2 });
  });
});

describe('native JSON lines', () => {
  it('skips bad lines with their reasons and keeps the rest', () => {
    const text = [
      '# comment',
      JSON.stringify({ id: 'A', list: 'x', category: 'wanted', action: 'REFER', names: [{ surname: 'ONE' }] }),
      '{not json',
      JSON.stringify({ id: 'B', list: 'x', category: 'unknown', action: 'REFER', names: [{ surname: 'TWO' }] }),
      JSON.stringify({ id: 'A', list: 'x', category: 'wanted', action: 'REFER', names: [{ surname: 'DUP' }] }),
    ].join('\n');
    const r = readJsonLinesText(text);
    expect(r.entries.map((e) => e.id)).toEqual(['A']);
    expect(r.skipped.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(r.skipped[1]?.reason).toMatch(/category/);
  });
});

describe('simple CSV with malformed lines', () => {
  it('skips and names a line with a stray or unclosed quote instead of failing the upload', () => {
    const text = 'firstname,lastname,dob\nANNA,"SMI"TH",1980-01-01\nJOHN,DOE,1970-05-06\nMARY,"UNCLOSED,1960-01-01\n';
    const r = importSimpleCsv(text, { list: 'x', category: 'wanted', action: 'REFER', dateOrder: 'ymd' });
    expect(r.entries.map((e) => e.names[0]?.surname)).toEqual(['DOE']);
    expect(r.skipped).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 2, reason: expect.stringMatching(/^not valid CSV/) })]),
    );
    expect(r.skipped.length).toBe(2);
  });
});
