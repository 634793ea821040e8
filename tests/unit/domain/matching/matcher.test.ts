import { describe, expect, it } from 'vitest';
import type { WatchlistEntry } from '../../../../src/domain/contracts/watchlist.ts';
import { buildMatcher } from '../../../../src/domain/matching/matcher.ts';
import type { MatchSubject } from '../../../../src/domain/matching/matcher.ts';

const entries: WatchlistEntry[] = [
  {
    id: 'W1',
    list: 't',
    category: 'wanted',
    action: 'REFER',
    names: [{ surname: 'OKONKWO', givenNames: 'CHIBUZO EMEKA' }],
    dateOfBirth: '1985-11-03',
    nationality: 'NGA',
  },
  {
    id: 'W2',
    list: 't',
    category: 'excluded',
    action: 'DO_NOT_BOARD',
    names: [{ surname: 'SALEK', givenNames: 'YUSUF' }],
    dateOfBirth: '1988-07-21',
  },
  { id: 'W3', list: 't', category: 'sanctions', action: 'DO_NOT_BOARD', names: [{ full: 'MOHAMMED ALI HASSAN' }] },
  {
    id: 'W4',
    list: 't',
    category: 'lost-stolen-document',
    action: 'DO_NOT_BOARD',
    names: [{ surname: 'UNKNOWN' }],
    documents: [{ number: 'X99-887-76', issuingCountry: 'GBR' }],
  },
  {
    id: 'W5',
    list: 't',
    category: 'wanted',
    action: 'REFER',
    names: [{ surname: 'ABDULRAHMAN', givenNames: 'KHALID' }],
    dateOfBirth: '1970',
  },
  ...Array.from({ length: 200 }, (_, i): WatchlistEntry => ({
    id: `F${i}`,
    list: 't',
    category: 'wanted',
    action: 'MONITOR',
    names: [{ surname: `FILLER${i}`, givenNames: 'MOHAMMED' }],
  })),
];
const matcher = buildMatcher(entries);

const subject = (surname: string, givenNames: string, extra: Partial<MatchSubject> = {}): MatchSubject => ({
  surname,
  givenNames,
  dateOfBirth: null,
  nationality: null,
  documents: [],
  ...extra,
});
const top = (s: MatchSubject) => matcher.match(s, { threshold: 0 })[0];

describe('watch-list matcher', () => {
  it('finds a listed person under an exact name and corroborates the date of birth', () => {
    const m = top(subject('OKONKWO', 'CHIBUZO EMEKA', { dateOfBirth: '1985-11-03', nationality: 'NGA' }));
    expect(m).toMatchObject({ entryId: 'W1', score: 100 });
    expect(m?.explanation).toMatchObject({ dateOfBirth: 'exact', nationality: 'agrees' });
  });

  it('tolerates swapped order, a dropped middle name and a typo', () => {
    const m = top(subject('EMEKA', 'OKONKOW', { dateOfBirth: '1985-03-11' }));
    expect(m?.entryId).toBe('W1');
    expect(m?.score).toBeGreaterThanOrEqual(75);
    expect(m?.explanation.dateOfBirth).toBe('day-month-swapped');
    expect(m?.explanation.tokens).toEqual(
      expect.arrayContaining([expect.objectContaining({ listed: 'CHIBUZO', how: 'missing' })]),
    );
  });

  it('finds a transposed name within the typo budget', () => {
    const m = top(subject('SALKE', 'YUSUF'));
    expect(m?.entryId).toBe('W2');
    expect(m?.explanation.tokens).toEqual(
      expect.arrayContaining([{ listed: 'SALEK', travelled: 'SALKE', how: 'typo', distance: 1 }]),
    );
  });

  it('joins split words: ABDUL RAHMAN travels as ABDULRAHMAN', () => {
    expect(top(subject('ABDUL RAHMAN', 'KHALID'))?.entryId).toBe('W5');
  });

  it('lets a document number decide on its own', () => {
    const m = top(
      subject('HOLLAND', 'PETER', { documents: [{ type: 'P', number: 'X9988776', issuingCountry: 'GBR' }] }),
    );
    expect(m).toMatchObject({ entryId: 'W4', score: 100 });
    expect(m?.explanation.document).toBe('agrees');
    expect(m?.explanation.documentIssuer).toBe('agrees');
  });

  it('finds a listed document number whatever the issuer says or however its digits are typed', () => {
    for (const d of [
      { type: 'P', number: 'X9988776', issuingCountry: 'IRL' },
      { type: 'P', number: 'X9988776', issuingCountry: 'XXX' },
      { type: 'P', number: 'x 998-8776', issuingCountry: null },
      { type: 'P', number: 'Ｘ９９８８７７６', issuingCountry: 'GBR' },
    ]) {
      const hit = matcher.match(subject('NOBODY', 'ELSE', { documents: [d] }), { threshold: 50 })[0];
      expect(hit, JSON.stringify(d)).toMatchObject({ entryId: 'W4', score: 100 });
      expect(hit?.explanation.documentIssuer).toBe(
        d.issuingCountry === 'IRL' ? 'differs' : d.issuingCountry === 'GBR' ? 'agrees' : 'unknown',
      );
    }
  });

  it('weights a shared common word below a shared rare one', () => {
    const common = top(subject('HASSAN', 'MOHAMMED'));
    const rare = top(subject('OKONKWO', 'EMEKA'));
    expect(common?.score ?? 0).toBeLessThan(rare?.score ?? 0);
    expect(matcher.match(subject('SMITH', 'MOHAMMED'), { threshold: 75 })).toEqual([]);
  });

  it('lowers a strong name when the date of birth clearly differs', () => {
    const same = top(subject('SALEK', 'YUSUF', { dateOfBirth: '1988-07-21' }));
    const differs = top(subject('SALEK', 'YUSUF', { dateOfBirth: '1960-01-01' }));
    expect((same?.score ?? 0) - (differs?.score ?? 0)).toBeGreaterThanOrEqual(25);
  });

  it('does not match unrelated people', () => {
    expect(matcher.match(subject('SMITH', 'JOHN', { dateOfBirth: '1985-11-03' }), { threshold: 60 })).toEqual([]);
    expect(matcher.match(subject('SALAH', 'MOHAMED'), { threshold: 75 })).toEqual([]);
  });
});
