import { describe, expect, it } from 'vitest';
import { ageRangeOn, parsePartialDate } from '../../../../src/domain/dates/partial-date.ts';

describe('partial dates', () => {
  it('parses full, year-month and year-only dates', () => {
    expect(parsePartialDate('1980-02-29')).toEqual({ year: 1980, month: 2, day: 29 });
    expect(parsePartialDate('1980-02')).toEqual({ year: 1980, month: 2 });
    expect(parsePartialDate('1980')).toEqual({ year: 1980 });
  });

  it('refuses dates that do not exist', () => {
    for (const bad of [
      '1981-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '26-01-01',
      '2026-1-1',
      '',
    ]) {
      expect(parsePartialDate(bad)).toBeNull();
    }
  });

  it('computes age on the travel date, not today', () => {
    const travel = new Date('2026-06-15T10:00:00Z');
    expect(ageRangeOn({ year: 2008, month: 6, day: 15 }, travel)).toEqual({ min: 18, max: 18 });
    expect(ageRangeOn({ year: 2008, month: 6, day: 16 }, travel)).toEqual({ min: 17, max: 17 });
    expect(ageRangeOn({ year: 2008 }, travel)).toEqual({ min: 17, max: 18 });
    expect(ageRangeOn({ year: 2008, month: 7 }, travel)).toEqual({ min: 17, max: 17 });
  });
});
