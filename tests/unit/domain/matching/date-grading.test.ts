import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../../../../src/domain/dates/partial-date.ts';
import { daysInMonth } from '../../../../src/domain/dates/partial-date.ts';
import { compareDates, compareParsedDates } from '../../../../src/domain/matching/corroborate.ts';
import { nameEditDistance } from '../../../../src/domain/matching/edit-distance.ts';

const fullDate = fc
  .record({
    year: fc.integer({ min: 1920, max: 2020 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map((d) => ({ ...d, day: Math.min(d.day, daysInMonth(d.year, d.month)) }));
const partialDate = fc.oneof(
  fullDate,
  fullDate.map(({ year, month }): PartialDate => ({ year, month })),
  fullDate.map(({ year }): PartialDate => ({ year })),
);
const agrees = (t: PartialDate, l: PartialDate) =>
  t.year === l.year &&
  (t.month === undefined || l.month === undefined || t.month === l.month) &&
  (t.day === undefined || l.day === undefined || t.day === l.day);
const swapped = (t: PartialDate, l: PartialDate) =>
  t.year === l.year && t.month !== undefined && (t.month === l.day || t.day === l.month);

describe('date-of-birth grading (properties)', () => {
  it('never raises a score when the dates disagree (a day-month swap aside)', () => {
    fc.assert(
      fc.property(partialDate, partialDate, (t, l) => {
        if (agrees(t, l) || swapped(t, l)) return;
        expect(compareDates(t, l).adjustment).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('agreeing on one more part of two full dates never lowers the score (a swap aside)', () => {
    fc.assert(
      fc.property(fullDate, fullDate, fc.constantFrom('year', 'month', 'day'), (t, l, part) => {
        const closer = { ...t, [part]: l[part] } as Required<PartialDate>;
        if (closer.day > daysInMonth(closer.year, closer.month) || swapped(t, l) || swapped(closer, l)) return;
        expect(compareDates(closer, l).adjustment).toBeGreaterThanOrEqual(compareDates(t, l).adjustment);
      }),
    );
  });

  it('an identical full date is the best evidence there is; several listed dates take the best', () => {
    fc.assert(
      fc.property(fullDate, fc.array(partialDate, { maxLength: 4 }), (t, others) => {
        expect(compareParsedDates(t, [...others, t])).toEqual({ verdict: 'exact', adjustment: 8 });
        for (const o of others) expect(compareDates(t, o).adjustment).toBeLessThanOrEqual(8);
      }),
    );
  });

  it('full dates sharing nothing cost more than any partial agreement', () => {
    fc.assert(
      fc.property(fullDate, fullDate, (t, l) => {
        const { verdict, adjustment } = compareDates(t, l);
        if (verdict === 'different') expect(adjustment).toBeLessThanOrEqual(-40);
        if (verdict.startsWith('same-')) expect(adjustment).toBeGreaterThan(-40);
      }),
    );
  });
});

/** Optimal string alignment by the textbook full matrix: the reference for the banded one. */
function referenceOsa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      let v = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('name edit distance (properties)', () => {
  it('equals the optimal-string-alignment distance, and within a limit answers exactly or "over"', () => {
    const word = fc.string({ unit: fc.constantFrom('A', 'B', 'C', 'D'), maxLength: 10 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, limit) => {
        const expected = referenceOsa(a, b);
        expect(nameEditDistance(a, b)).toBe(expected);
        const bounded = nameEditDistance(a, b, limit);
        if (expected <= limit) expect(bounded).toBe(expected);
        else expect(bounded).toBeGreaterThan(limit);
      }),
      { numRuns: 2000 },
    );
  });
});
