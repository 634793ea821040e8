import type { ManifestInput } from '../../domain/contracts/manifest.ts';
import { airport, localToUtc } from './airports.ts';

/** Field-level readers of PAXLST segments: local times, dates, message function, the leg screened. */
export interface Leg {
  flight: string;
  carrier: string | null;
  departure: { port: string; time: Date | null } | null;
  arrival: { port: string; time: Date | null } | null;
  route: Array<{ port: string; time: Date | null; qualifier: string }>;
  international: boolean;
}

export function parseDateTime(value: string, warn: (r: string) => void, port: string | null): Date | null {
  const digits = value.replace(/\s/g, '');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(
    digits.length === 10 || digits.length === 12 ? digits : '',
  );
  if (!m) {
    warn(`date-time "${value}" is not YYMMDDHHMM`);
    return null;
  }
  const y = (m[1] as string).length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  const local = { y, mo: Number(m[2]), d: Number(m[3]), h: Number(m[4]), mi: Number(m[5]) };
  const tz = port ? airport(port)?.tz : null;
  if (!tz) {
    warn(`no time zone known for ${port ?? 'this place'}: local time taken as UTC`);
    return new Date(Date.UTC(local.y, local.mo - 1, local.d, local.h, local.mi));
  }
  return localToUtc(local, tz);
}

/** YYMMDD or CCYYMMDD; a two-digit year is the latest century that does not put the date after `before`. */
export function parseDate(value: string, before: Date | null, kind: 'birth' | 'expiry'): string | null {
  const v = value.replace(/\s/g, '');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  let year = Number(m[1]);
  if ((m[1] as string).length === 2) {
    const ref = (before ?? new Date()).getUTCFullYear();
    if (kind === 'birth') year = 2000 + year > ref ? 1900 + year : 2000 + year;
    else year = 2000 + year > ref + 50 ? 1900 + year : 2000 + year;
  }
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${m[2]}-${m[3]}`;
}

export function kindOf(code: string, fn: string, warn: (r: string) => void): ManifestInput['kind'] {
  const f = fn.toUpperCase();
  if (!f || f === '9') return 'new';
  if (['CP', 'CH', 'C', '5'].includes(f)) return 'change';
  if (['CL', 'XR', 'X', '1'].includes(f)) return 'cancel';
  if (['DC', 'CLOB', 'DEP'].includes(f)) return 'departed';
  warn(`message function "${fn}" of document ${code} is not known: read as a new list`);
  return 'new';
}

export function chooseLeg(legs: Leg[]): Leg | undefined {
  return legs.find((l) => l.international) ?? legs[legs.length - 1];
}

/** A traveller as read, before it is checked and mapped. */
export interface Draft {
  segment: number;
  role: 'passenger' | 'crew';
  surname: string;
  given: string;
  sex: 'M' | 'F' | 'X' | null;
  dob: string | null;
  dobRaw: string | null;
  nationality: string | null;
  bookingRef: string | null;
  ref: string | null;
  seat: string | null;
  embark: string | null;
  disembark: string | null;
  documents: Array<{
    type: string;
    number: string;
    issuingCountry: string | null;
    expiry: string | null;
    issued: string | null;
  }>;
}
