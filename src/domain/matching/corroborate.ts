import type { PartialDate } from '../dates/partial-date.ts';
import { parsePartialDate } from '../dates/partial-date.ts';
import type { DobVerdict } from '../contracts/alert.ts';

export type { DobVerdict } from '../contracts/alert.ts';

export interface DateEvidence {
  verdict: DobVerdict;
  /** Points added to (or taken from) the name score: a date tilts a name match, it never makes one. */
  adjustment: number;
}

/**
 * The grading. Two full dates with nothing in common take an exact common name (100) well under the
 * alert threshold (75); dates that agree in part are a typo more often than another person, so they
 * cost less; a partial date can only agree on what it gives, so it earns less and costs less.
 * Each grade is a row: its verdict (what officers read) and its points.
 */
const GRADES: ReadonlyArray<readonly [DobVerdict, number]> = [
  ['exact', 8], // 0: both full, identical
  ['day-month-swapped', 4], // 1
  ['same-year-and-month', -8], // 2: another day
  ['same-year-and-day', -10], // 3: another month
  ['same-day-and-month', -6], // 4: a year apart
  ['same-day-and-month', -12], // 5: further apart
  ['same-year', -30], // 6
  ['within-one-year', -35], // 7: nothing else in common
  ['different', -40], // 8
  ['year-only', 3], // 9: a partial date agrees as far as it goes
  ['same-year', -20], // 10: partial, same year, another month
  ['within-one-year', -15], // 11: partial, a year apart
  ['different', -30], // 12: partial, further apart
];
const NO_MONTH = 0;
/** The most any date comparison adds: what candidate ranking may assume a date could still give. */
export const BEST_DATE_ADJUSTMENT = Math.max(...GRADES.map(([, points]) => points));

/** The grade of two dates given as numbers (0 for a month or day not given): no allocation. */
function grade(ty: number, tm: number, td: number, ly: number, lm: number, ld: number): number {
  const gap = Math.abs(ty - ly);
  if (td !== NO_MONTH && ld !== NO_MONTH) {
    const year = gap === 0;
    const month = tm === lm;
    const day = td === ld;
    if (year && month && day) return 0;
    if (year && tm === ld && td === lm) return 1;
    if (year && month) return 2;
    if (year && day) return 3;
    if (month && day) return gap === 1 ? 4 : 5;
    if (year) return 6;
    return gap === 1 ? 7 : 8;
  }
  if (gap === 1) return 11;
  if (gap > 1) return 12;
  if (tm !== NO_MONTH && lm !== NO_MONTH && tm !== lm) {
    // A full date's day typed as the month on the other side is still a swap.
    return tm === ld || td === lm ? 1 : 10;
  }
  return 9;
}

/** The points a packed listed date (year*10000 + month*100 + day) gives against the traveller's. */
export function packedDateAdjustment(t: PartialDate, packed: number): number {
  const ly = Math.floor(packed / 10000);
  return (
    GRADES[
      grade(t.year, t.month ?? NO_MONTH, t.day ?? NO_MONTH, ly, Math.floor(packed / 100) % 100, packed % 100)
    ] as readonly [DobVerdict, number]
  )[1];
}

export function compareDates(t: PartialDate, l: PartialDate): DateEvidence {
  const [verdict, adjustment] = GRADES[
    grade(t.year, t.month ?? NO_MONTH, t.day ?? NO_MONTH, l.year, l.month ?? NO_MONTH, l.day ?? NO_MONTH)
  ] as readonly [DobVerdict, number];
  return { verdict, adjustment };
}

const UNKNOWN: DateEvidence = { verdict: 'unknown', adjustment: 0 };
/**
 * A near name (not the listed name exactly) with no date to compare counts for a little less: there
 * is nothing to tell a typo of the listed person from someone else with a similar name.
 */
export const NEAR_NAME_WITHOUT_DATE = -5;

/** The date adjustment, with the near-name rule applied when no date could be compared. */
export function withNameEvidence(e: DateEvidence, exactName: boolean): DateEvidence {
  return e.verdict === 'unknown' && !exactName ? { verdict: 'unknown', adjustment: NEAR_NAME_WITHOUT_DATE } : e;
}

/** Best agreement between the traveller's date of birth and any the list gives for the person. */
export function compareDatesOfBirth(travelled: string | null, listed: string[]): DateEvidence {
  const t = travelled ? parsePartialDate(travelled) : null;
  return compareParsedDates(
    t,
    listed.map(parsePartialDate).filter((d): d is PartialDate => d !== null),
  );
}

export function compareParsedDates(t: PartialDate | null, ls: readonly PartialDate[]): DateEvidence {
  if (!t || ls.length === 0) return UNKNOWN;
  let best: DateEvidence | null = null;
  for (const l of ls) {
    const e = compareDates(t, l);
    if (!best || e.adjustment > best.adjustment) best = e;
  }
  return best ?? UNKNOWN;
}

/** NFKC first, so full-width digits and letters (Ｘ９９８８) fold to A–Z and 0–9 before anything is dropped. */
export function normaliseDocumentNumber(n: string): string {
  return n
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}
