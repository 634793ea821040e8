import { ageRangeOn, parsePartialDate } from '../dates/partial-date.ts';
import type { PastTravel } from './history.ts';
import type { KinshipPerson } from './kinship.ts';
import type { ManifestView, TravellerView } from './manifest-view.ts';
import { identityOf } from './history.ts';

/** Earlier journeys, indexed the ways rules look them up. */
export interface HistoryIndex {
  rows: PastTravel[];
  byIdentity(identity: string): PastTravel[];
  byDocument(key: string): PastTravel[];
  byKey(key: string): PastTravel[];
  /** Everyone on the same booking of the same earlier journey. */
  companions(row: PastTravel): PastTravel[];
}

function group<K>(rows: PastTravel[], keys: (r: PastTravel) => K[]): Map<K, PastTravel[]> {
  const m = new Map<K, PastTravel[]>();
  for (const r of rows) {
    for (const k of keys(r)) {
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
  }
  return m;
}

export function indexHistory(rows: PastTravel[]): HistoryIndex {
  const byIdentity = group(rows, (r) => [r.identity]);
  const byDocument = group(rows, (r) => r.documentKeys);
  const byKey = group(rows, (r) => [...r.contactKeys, ...r.guardianKeys, ...(r.payerKey ? [r.payerKey] : [])]);
  const byBooking = group(rows, (r) => (r.bookingRef ? [`${r.journeyKey}|${r.bookingRef}`] : []));
  return {
    rows,
    byIdentity: (i) => byIdentity.get(i) ?? [],
    byDocument: (k) => byDocument.get(k) ?? [],
    byKey: (k) => byKey.get(k) ?? [],
    companions: (r) =>
      r.bookingRef ? (byBooking.get(`${r.journeyKey}|${r.bookingRef}`) ?? []).filter((o) => o !== r) : [],
  };
}

export interface RuleContext {
  view: ManifestView;
  history: HistoryIndex;
}

const ageCache = new Map<string, { min: number; max: number } | null>();
export function ageAt(dateOfBirth: string | null, on: string): { min: number; max: number } | null {
  if (!dateOfBirth) return null;
  const key = `${dateOfBirth}|${on}`;
  let a = ageCache.get(key);
  if (a === undefined) {
    if (ageCache.size > 100_000) ageCache.clear();
    const d = parsePartialDate(dateOfBirth);
    a = d ? ageRangeOn(d, new Date(on)) : null;
    ageCache.set(key, a);
  }
  return a;
}

export function isMinorAt(dateOfBirth: string | null, on: string, below: number): boolean {
  const a = ageAt(dateOfBirth, on);
  return a !== null && a.max < below;
}

export function isAdultAt(dateOfBirth: string | null, on: string, from: number): boolean {
  const a = ageAt(dateOfBirth, on);
  return a !== null && a.min >= from;
}

export function kinOfView(v: TravellerView): KinshipPerson {
  return {
    surname: v.traveller.surname,
    givenNames: v.traveller.givenNames,
    bookingRef: v.bookingRef,
    contact: v.traveller.booking?.contact,
  };
}

/** Past rows carry contact keys, not raw contacts: kinship compares them through the same keys. */
export function kinOfRow(r: PastTravel): KinshipPerson {
  return {
    surname: r.surname,
    givenNames: r.givenNames,
    bookingRef: r.bookingRef ?? undefined,
    contact: r.contactKeys.length ? { phone: r.contactKeys.join(',') } : undefined,
  };
}

export function identityOfView(v: TravellerView): string {
  return identityOf(v.traveller);
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** A school trip or sports team booked through an agency as a group: exempt from escort patterns. */
export function agencyGroup(v: TravellerView, minSize: number): boolean {
  const b = v.traveller.booking;
  return Boolean(b?.agency) && (b?.partySize ?? 0) >= minSize;
}

/** Companions on the same booking in this manifest (every traveller when there is no booking data). */
export function bookingCompanions(view: ManifestView, v: TravellerView): TravellerView[] {
  const pool = v.bookingRef ? (view.byBooking.get(v.bookingRef) ?? []) : view.travellers;
  return pool.filter((o) => o !== v && o.traveller.role === 'passenger');
}
