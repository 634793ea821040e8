import type { Manifest, Traveller } from '../contracts/manifest.ts';
import { canonicalName } from '../names/normalise.ts';
import { normaliseDocumentNumber } from '../matching/corroborate.ts';

/**
 * One traveller on one earlier journey, as history rules read it. The store keeps these rows (one per
 * screened traveller) and hands the rules the ones that concern the travellers of a new manifest.
 */
export interface PastTravel {
  journeyKey: string;
  serviceNumber: string;
  departureAt: string;
  departurePort: string;
  departureCountry: string;
  arrivalPort: string;
  arrivalCountry: string;
  ref: string;
  role: 'passenger' | 'crew';
  identity: string;
  documentKeys: string[];
  surname: string;
  givenNames: string;
  dateOfBirth: string | null;
  bookingRef: string | null;
  payerKey: string | null;
  contactKeys: string[];
  guardianKeys: string[];
}

/** Document number + issuing country: the strongest identity a manifest carries. */
export function documentKey(d: { number: string; issuingCountry: string }): string {
  return `${d.issuingCountry}:${normaliseDocumentNumber(d.number)}`;
}

/** Who a traveller is across journeys: their first document, else their name and date of birth. */
export function identityOf(t: Traveller): string {
  const d = t.documents[0];
  if (d) return `doc:${documentKey(d)}`;
  return `name:${canonicalName(t.surname)}|${canonicalName(t.givenNames)}|${t.dateOfBirth ?? '?'}`;
}

export function phoneKey(p: string): string {
  return `tel:${p.replace(/[^0-9]/g, '').replace(/^00/, '')}`;
}

export function emailKey(e: string): string {
  return `mail:${e.trim().toLowerCase()}`;
}

export function payerKey(payer: string): string {
  return `payer:${canonicalName(payer)}`;
}

/** Keys of whoever collects an unaccompanied minor: their name and their contact. */
export function guardianKeys(t: Traveller): string[] {
  const um = t.unaccompaniedMinor;
  if (!um) return [];
  const keys: string[] = [];
  if (um.collectedBy) keys.push(`guardian:${canonicalName(um.collectedBy)}`);
  if (um.contact) keys.push(/@/.test(um.contact) ? emailKey(um.contact) : phoneKey(um.contact));
  return keys;
}

export function contactKeys(t: Traveller): string[] {
  const c = t.booking?.contact;
  const keys: string[] = [];
  if (c?.phone) keys.push(phoneKey(c.phone));
  if (c?.email) keys.push(emailKey(c.email));
  return keys;
}

export function toPastTravel(m: Manifest, journeyKey: string, t: Traveller): PastTravel {
  const j = m.journey;
  return {
    journeyKey,
    serviceNumber: j.serviceNumber,
    departureAt: j.departure.scheduled,
    departurePort: j.departure.port,
    departureCountry: j.departure.country,
    arrivalPort: j.arrival.port,
    arrivalCountry: j.arrival.country,
    ref: t.ref,
    role: t.role,
    identity: identityOf(t),
    documentKeys: t.documents.map(documentKey),
    surname: t.surname,
    givenNames: t.givenNames,
    dateOfBirth: t.dateOfBirth,
    bookingRef: t.booking?.ref ?? null,
    payerKey: t.booking?.payer ? payerKey(t.booking.payer) : null,
    contactKeys: contactKeys(t),
    guardianKeys: guardianKeys(t),
  };
}

/** What the store is asked for: rows sharing any of these keys, plus the co-travellers of their bookings. */
export interface HistoryQuery {
  since: string;
  before: string;
  identities: string[];
  documentKeys: string[];
  payerKeys: string[];
  contactKeys: string[];
  guardianKeys: string[];
}

export function historyQueryFor(m: Manifest, retentionDays: number): HistoryQuery {
  const at = Date.parse(m.journey.departure.scheduled);
  const q: HistoryQuery = {
    since: new Date(at - retentionDays * 86_400_000).toISOString(),
    before: m.journey.departure.scheduled,
    identities: [],
    documentKeys: [],
    payerKeys: [],
    contactKeys: [],
    guardianKeys: [],
  };
  for (const t of m.travellers) {
    q.identities.push(identityOf(t));
    q.documentKeys.push(...t.documents.map(documentKey));
    if (t.booking?.payer) q.payerKeys.push(payerKey(t.booking.payer));
    q.contactKeys.push(...contactKeys(t));
    q.guardianKeys.push(...guardianKeys(t));
  }
  return q;
}
