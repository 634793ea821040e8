import type { Booking, BookingLeg, BookingTraveller } from '../../domain/contracts/booking.ts';
import { airport, localToUtc } from '../paxlst/airports.ts';
import type { Segment } from '../paxlst/tokenizer.ts';

/** Field-level readers of PNRGOV segments: dates, flight legs, names, documents, contacts. */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const TITLES = /\s+(MRS|MR|MS|MISS|MSTR|DR|PROF|CHD|INF)$/;
/** Titles run into the name (JOHNMR): stripped only where no common name ends so (not MS, DR: ALEXANDR). */
const RUN_TOGETHER = /^(.{3,}?)(MRS|MSTR|MR)$/;

export function givenWithoutTitle(text: string): string {
  const spaced = text.replace(TITLES, '');
  if (spaced !== text) return spaced;
  return RUN_TOGETHER.exec(text)?.[1] ?? text;
}

export const c = (s: Segment, e: number, k = 0): string => (s.elements[e]?.[k] ?? '').trim();

/** DDMMYY with an optional HHMM, at a port's local time (UTC when the port is unknown). */
export function dateTime(date: string, time: string, port: string | null): string | null {
  const d = /^(\d{2})(\d{2})(\d{2})$/.exec(date.replace(/\s/g, ''));
  if (!d) return null;
  const t = /^(\d{2})(\d{2})$/.exec(time.replace(/\s/g, '')) ?? ['', '00', '00'];
  const local = { y: 2000 + Number(d[3]), mo: Number(d[2]), d: Number(d[1]), h: Number(t[1]), mi: Number(t[2]) };
  if (local.mo < 1 || local.mo > 12 || local.d < 1 || local.d > 31 || local.h > 23 || local.mi > 59) return null;
  const tz = port ? airport(port)?.tz : null;
  return (
    tz ? localToUtc(local, tz) : new Date(Date.UTC(local.y, local.mo - 1, local.d, local.h, local.mi))
  ).toISOString();
}

/** 12JUL64: a two-digit year in the century that does not put a birth after `before`. */
export function docDate(text: string, kind: 'birth' | 'expiry', before: number): string | null {
  const m = /^(\d{1,2})([A-Z]{3})(\d{2}|\d{4})$/.exec(text.trim().toUpperCase());
  if (!m) return null;
  const month = MONTHS.indexOf(m[2] as string) + 1;
  if (month === 0) return null;
  let year = Number(m[3]);
  if ((m[3] as string).length === 2) {
    const ref = new Date(before).getUTCFullYear();
    year = kind === 'birth' ? (2000 + year > ref ? 1900 + year : 2000 + year) : 2000 + year;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(Number(m[1])).padStart(2, '0')}`;
}

/** TVL: departure date:time[:arrival date:arrival time] + from + to + carrier + number[:class]. */
export function leg(s: Segment): BookingLeg | null {
  const from = c(s, 2).toUpperCase();
  const to = c(s, 3).toUpperCase();
  const carrier = c(s, 4).toUpperCase();
  const number = c(s, 5).toUpperCase();
  if (!/^[A-Z]{3}$/.test(from) || !/^[A-Z]{3}$/.test(to) || !carrier) return null;
  // date:time:arrival date:arrival time, or date:time::arrival time, or date:time:arrival time.
  const third = c(s, 1, 2);
  const arrivalDate = /^\d{6}$/.test(third) ? third : c(s, 1, 0);
  const arrivalTime = /^\d{6}$/.test(third) ? c(s, 1, 3) : c(s, 1, 3) || (/^\d{4}$/.test(third) ? third : '');
  const departure = dateTime(c(s, 1, 0), c(s, 1, 1), from);
  let arrival = arrivalTime ? dateTime(arrivalDate, arrivalTime, to) : null;
  // No arrival date and an arrival before the departure: the next day.
  if (arrival && departure && !/^\d{6}$/.test(third) && Date.parse(arrival) < Date.parse(departure))
    arrival = new Date(Date.parse(arrival) + 86_400_000).toISOString();
  return {
    carrier,
    serviceNumber: /^\d/.test(number) ? `${carrier}${number.padStart(4, '0')}` : number,
    from,
    to,
    departure,
    arrival,
  };
}

export const digits = (s: string) => s.replace(/[^0-9+]/g, '');
export const addUnique = (list: string[], v: string) => {
  if (v && !list.includes(v)) list.push(v);
};

/** CTCE NAME//DOMAIN.COM (IATA: // for @, .. for _), CTCM/CTCH phone numbers, in SSR or free text. */
export function contactsFrom(text: string, b: Booking) {
  const t = text.toUpperCase();
  for (const m of t.matchAll(/CTCE\s*\/?\s*([A-Z0-9._-]+(?:\.\.[A-Z0-9._-]+)*\/\/[A-Z0-9.-]+)/g))
    addUnique(b.contacts.emails, (m[1] as string).replace('//', '@').replace(/\.\./g, '_').toLowerCase());
  for (const m of t.matchAll(/CTC[MHBP]\s*\/?\s*(\+?[0-9][0-9 -]{5,})/g))
    addUnique(b.contacts.phones, digits(m[1] as string));
}

/** SSR DOCS free text: /type/issuer/number/nationality/birth/sex/expiry/surname/given/. */
export function applyDocs(text: string, t: BookingTraveller, sent: number) {
  // Exactly one leading slash: empty fields after it (////GBR/…) are fields, not padding.
  const f = (text.startsWith('/') ? text.slice(1) : text).split('/');
  const [type, issuer, number, nationality, birth, , expiry, surname, given] = f.map((x) =>
    (x ?? '').trim().toUpperCase(),
  );
  if (number && !t.documents.some((d) => d.number === number))
    t.documents.push({
      type: type || 'P',
      number,
      issuingCountry: /^[A-Z]{3}$/.test(issuer ?? '') ? (issuer as string) : null,
      expiry: docDate(expiry ?? '', 'expiry', sent),
    });
  if (/^[A-Z]{3}$/.test(nationality ?? '')) t.nationality = nationality as string;
  t.dateOfBirth = docDate(birth ?? '', 'birth', sent) ?? t.dateOfBirth;
  // The document's name is the one screening should read (TIF names carry titles run together).
  if (surname) t.surname = surname;
  if (given) t.givenNames = givenWithoutTitle(given);
}

/** An infant's DOCS (sex MI/FI) is filed under the adult whose lap it travels on. */
export const isInfantDocs = (text: string) =>
  /^(MI|FI|UI)$/.test(((text.startsWith('/') ? text.slice(1) : text).split('/')[5] ?? '').trim().toUpperCase());
