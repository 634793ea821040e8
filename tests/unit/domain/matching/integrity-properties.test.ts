/** Properties the matcher must keep whatever the input (issue 13): never scored on nationality or sex; padding never hides a listed person. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WatchlistEntry } from '../../../../src/domain/contracts/watchlist.ts';
import { buildMatcher } from '../../../../src/domain/matching/matcher.ts';
import { MAX_NAME_TOKENS } from '../../../../src/domain/names/usable.ts';
import { subjectOf } from '../../../../src/screening/screen-travellers.ts';
import { traveller } from '../../../helpers/manifests.ts';

const SYLLABLES = [
  'KA',
  'LO',
  'MIR',
  'ZEN',
  'TAR',
  'VEL',
  'OS',
  'BRI',
  'NU',
  'DAK',
  'SEM',
  'RI',
  'GHO',
  'PAL',
  'YU',
  'FEN',
];
const word = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 4 }).map((p) => p.join(''));
const date = fc
  .record({
    y: fc.integer({ min: 1940, max: 2010 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const person = fc.record({
  surname: word,
  given: fc.array(word, { minLength: 1, maxLength: 2 }),
  dob: date,
  nationality: fc.constantFrom('GBR', 'FRA', 'NGA', 'PAK', 'UKR'),
});

const filler: WatchlistEntry[] = Array.from({ length: 300 }, (_, i) => ({
  id: `F${i}`,
  list: 'f',
  category: 'wanted',
  action: 'MONITOR',
  names: [
    {
      surname: `${SYLLABLES[i % 16]}${SYLLABLES[(i * 7) % 16]}${SYLLABLES[(i * 3) % 16]}`,
      givenNames: `${SYLLABLES[(i * 5) % 16]}${SYLLABLES[(i * 11) % 16]}`,
    },
  ],
  dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
}));

describe('integrity properties of the matcher', () => {
  it('a score never depends on nationality, and sex never reaches the matcher', () => {
    fc.assert(
      fc.property(person, fc.constantFrom('GBR', 'FRA', 'NGA', 'PAK', 'USA', null), (p, other) => {
        const matcher = buildMatcher([
          {
            id: 'P',
            list: 't',
            category: 'wanted',
            action: 'REFER',
            names: [{ surname: p.surname, givenNames: p.given.join(' ') }],
            dateOfBirth: p.dob,
            nationality: p.nationality,
          },
          ...filler,
        ]);
        const subject = { surname: p.surname, givenNames: p.given.join(' '), dateOfBirth: p.dob, documents: [] };
        const a = matcher
          .match({ ...subject, nationality: p.nationality }, { threshold: 0 })
          .map((r) => [r.entryId, r.score]);
        const b = matcher.match({ ...subject, nationality: other }, { threshold: 0 }).map((r) => [r.entryId, r.score]);
        expect(b).toEqual(a);
      }),
      { numRuns: 150 },
    );
    const base = traveller({ ref: 'S' });
    for (const sex of ['M', 'F', 'X', null] as const)
      expect(subjectOf({ ...base, sex } as Parameters<typeof subjectOf>[0])).toEqual(
        subjectOf(base as Parameters<typeof subjectOf>[0]),
      );
  });

  it("a listed person's exact record always alerts, whatever extra given names are added (up to the limit)", () => {
    fc.assert(
      fc.property(
        person,
        fc.array(word, { minLength: 0, maxLength: MAX_NAME_TOKENS - 6 }),
        fc.integer({ min: 0, max: 100 }),
        (p, extra, seed) => {
          const matcher = buildMatcher([
            {
              id: 'P',
              list: 't',
              category: 'excluded',
              action: 'DO_NOT_BOARD',
              names: [{ surname: p.surname, givenNames: p.given.join(' ') }],
              dateOfBirth: p.dob,
            },
            ...filler,
          ]);
          // Extra names interleaved with the listed given names, in any position.
          const given = [...p.given];
          extra.forEach((x, i) => given.splice((seed + i) % (given.length + 1), 0, x));
          const hits = matcher.match(
            { surname: p.surname, givenNames: given.join(' '), dateOfBirth: p.dob, nationality: null, documents: [] },
            { threshold: 75 },
          );
          expect(hits.find((h) => h.entryId === 'P')?.score ?? 0).toBeGreaterThanOrEqual(75);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('six extra given names and the right date of birth still make a strong match', () => {
    const matcher = buildMatcher([
      {
        id: 'P',
        list: 't',
        category: 'excluded',
        action: 'DO_NOT_BOARD',
        names: [{ surname: 'VANTERPOOL', givenNames: 'OSWIN BARNABY' }],
        dateOfBirth: '1971-08-30',
      },
      ...filler,
    ]);
    const hit = matcher.match(
      {
        surname: 'VANTERPOOL',
        givenNames: 'ALPHA OSWIN BRAVO CHARLIE BARNABY DELTA ECHO',
        dateOfBirth: '1971-08-30',
        nationality: null,
        documents: [],
      },
      { threshold: 0 },
    )[0];
    expect(hit?.score).toBeGreaterThanOrEqual(90);
  });
});
