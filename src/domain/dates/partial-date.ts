/**
 * Dates as carriers and watch-lists really send them: a full date, a year and month, or a year alone.
 * Kept as strings at the edges; parsed into this shape for arithmetic.
 */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses YYYY, YYYY-MM or YYYY-MM-DD; returns null for anything else or a date that does not exist. */
export function parsePartialDate(text: string): PartialDate | null {
  const m = PARTIAL_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1800 || year > 2200) return null;
  if (m[2] === undefined) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isFullDate(d: PartialDate): d is Required<PartialDate> {
  return d.month !== undefined && d.day !== undefined;
}

/**
 * Age in whole years on a given day, as a range because a partial date of birth leaves it uncertain.
 * `min` assumes the latest possible birthday, `max` the earliest.
 */
export function ageRangeOn(dob: PartialDate, on: Date): { min: number; max: number } {
  const y = on.getUTCFullYear();
  const m = on.getUTCMonth() + 1;
  const d = on.getUTCDate();
  const ageFor = (bm: number, bd: number) => y - dob.year - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (dob.month === undefined) return { min: ageFor(12, 31), max: ageFor(1, 1) };
  if (dob.day === undefined)
    return { min: ageFor(dob.month, daysInMonth(dob.year, dob.month)), max: ageFor(dob.month, 1) };
  const exact = ageFor(dob.month, dob.day);
  return { min: exact, max: exact };
}
