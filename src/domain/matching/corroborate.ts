import type { PartialDate } from '../dates/partial-date.ts';
import { parsePartialDate } from '../dates/partial-date.ts';

export type DobVerdict = 'exact' | 'year-only' | 'day-month-swapped' | 'within-one-year' | 'different' | 'unknown';

/** Score adjustments: a date of birth tilts a name match, it never makes one. */
export const DOB_ADJUSTMENT: Record<DobVerdict, number> = {
  exact: 8,
  'day-month-swapped': 5,
  'year-only': 4,
  'within-one-year': 0,
  unknown: 0,
  different: -25,
};

const RANK: DobVerdict[] = ['exact', 'day-month-swapped', 'year-only', 'within-one-year', 'unknown', 'different'];

function compareOne(t: PartialDate, l: PartialDate): DobVerdict {
  const bothFull = t.day !== undefined && l.day !== undefined;
  if (t.year === l.year) {
    if (bothFull) {
      if (t.month === l.month && t.day === l.day) return 'exact';
      if (t.month === l.day && t.day === l.month) return 'day-month-swapped';
      return 'different';
    }
    if (t.month !== undefined && l.month !== undefined && t.month !== l.month) {
      return t.month === l.day || t.day === l.month ? 'day-month-swapped' : 'different';
    }
    return 'year-only';
  }
  if (Math.abs(t.year - l.year) === 1) return 'within-one-year';
  return 'different';
}

/** Best agreement between the traveller's date of birth and any the list gives for the person. */
export function compareDatesOfBirth(travelled: string | null, listed: string[]): DobVerdict {
  const t = travelled ? parsePartialDate(travelled) : null;
  return compareParsedDates(t, listed.map(parsePartialDate).filter((d): d is PartialDate => d !== null));
}

export function compareParsedDates(t: PartialDate | null, ls: PartialDate[]): DobVerdict {
  if (!t || ls.length === 0) return 'unknown';
  let best: DobVerdict = 'different';
  for (const l of ls) {
    const v = compareOne(t, l);
    if (RANK.indexOf(v) < RANK.indexOf(best)) best = v;
  }
  return best;
}

/** NFKC first, so full-width digits and letters (Ｘ９９８８) fold to A–Z and 0–9 before anything is dropped. */
export function normaliseDocumentNumber(n: string): string {
  return n.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
}
