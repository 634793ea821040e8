import type { Manifest, Traveller } from '../contracts/manifest.ts';
import { ageRangeOn, parsePartialDate } from '../dates/partial-date.ts';

export type AgeBand = 'minor' | 'adult' | 'unknown';

export interface TravellerView {
  traveller: Traveller;
  /** Whole years on the travel date; null when the date of birth is missing. */
  age: { min: number; max: number } | null;
  bookingRef: string | undefined;
}

/** A manifest as rules read it: ages on the travel date and travellers grouped by booking. */
export interface ManifestView {
  manifest: Manifest;
  travelDate: Date;
  travellers: TravellerView[];
  byBooking: Map<string, TravellerView[]>;
}

export function viewManifest(manifest: Manifest): ManifestView {
  const travelDate = new Date(manifest.journey.departure.scheduled);
  const travellers = manifest.travellers.map((t): TravellerView => {
    const dob = t.dateOfBirth ? parsePartialDate(t.dateOfBirth) : null;
    return { traveller: t, age: dob ? ageRangeOn(dob, travelDate) : null, bookingRef: t.booking?.ref };
  });
  const byBooking = new Map<string, TravellerView[]>();
  for (const v of travellers) {
    if (!v.bookingRef) continue;
    const group = byBooking.get(v.bookingRef) ?? [];
    group.push(v);
    byBooking.set(v.bookingRef, group);
  }
  return { manifest, travelDate, travellers, byBooking };
}

/** A traveller is a minor or an adult only when the date of birth leaves no doubt; otherwise unknown. */
export function ageBand(v: TravellerView, minorBelow: number, adultFrom: number): AgeBand {
  if (!v.age) return 'unknown';
  if (v.age.max < minorBelow) return 'minor';
  if (v.age.min >= adultFrom) return 'adult';
  return 'unknown';
}

export function describeAge(v: TravellerView): string {
  if (!v.age) return 'unknown';
  return v.age.min === v.age.max ? String(v.age.min) : `${v.age.min}–${v.age.max}`;
}
