import type { ListedRecord } from '../contracts/alert.ts';
import { fingerprint64 } from '../fingerprint.ts';

/** An alias list can run to hundreds: the officer sees the first ones, the primary name always. */
const MAX_NAMES_SHOWN = 20;

export interface ListedFacts {
  category: string;
  action: string;
  names: string[];
  datesOfBirth: string[];
  nationalities: string[];
  documents: Array<{ number: string; issuingCountry?: string }>;
  notes: string | null;
}

/** The listed record an officer reads beside the traveller; its fingerprint covers everything shown and everything matched on. */
export function listedRecord(f: ListedFacts): ListedRecord {
  const canonical = JSON.stringify([
    f.category,
    f.action,
    f.names,
    [...f.datesOfBirth].sort(),
    [...f.nationalities].sort(),
    f.documents.map((d) => `${d.issuingCountry ?? ''}:${d.number}`).sort(),
    f.notes ?? '',
  ]);
  return {
    names: f.names.slice(0, MAX_NAMES_SHOWN),
    datesOfBirth: f.datesOfBirth,
    nationalities: f.nationalities,
    documents: f.documents,
    notes: f.notes,
    fingerprint: fingerprint64(canonical),
  };
}

/** A date packed as year*10000 + month*100 + day (0 for a missing part), written as the list wrote it. */
export function packedDateText(p: number): string {
  const year = String(Math.floor(p / 10000)).padStart(4, '0');
  const month = Math.floor(p / 100) % 100;
  const day = p % 100;
  if (month === 0) return year;
  return day === 0
    ? `${year}-${String(month).padStart(2, '0')}`
    : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function packedCountryText(p: number): string {
  return String.fromCharCode((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
}
