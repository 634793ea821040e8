import type { Booking, BookingTraveller } from './contracts/booking.ts';
import type { Booking as TravellerBooking, Traveller, TravellerInput } from './contracts/manifest.ts';
import { normaliseDocumentNumber } from './matching/corroborate.ts';
import { canonicalName } from './names/normalise.ts';

/**
 * One traveller, two sources. A booking (PNR) knows who booked, paid and how, for which itinerary;
 * the API data (PAXLST, JSON manifests) knows who is on board, from the travel document. They are
 * joined per flight, and the basis of each link is kept for officers.
 */
export type LinkBasis = 'document' | 'name-and-birth-date' | 'booking-and-name';

/** A PNR-only traveller's reference in a journey: stable across pushes of the booking. */
export const pnrRef = (locator: string, ref: string) => `PNR-${locator}-${ref}`;
export const isPnrRef = (ref: string) => ref.startsWith('PNR-');

/** Names compared as the matcher reads them (case, accents, punctuation and titles aside). */
const words = canonicalName;

/**
 * The booking facts the rules read, as the manifest carries them. An itinerary the booking does
 * not show is not called one-way: a rule must not fire on a fact nobody sent.
 */
export function bookingFacts(b: Booking, travellers = b.travellers.length): TravellerBooking | undefined {
  const bookedAt = b.createdAt ?? b.lastChangedAt;
  if (!bookedAt) return undefined;
  const phone = b.contacts.phones[0];
  const email = b.contacts.emails[0];
  return {
    ref: b.recordLocator,
    bookedAt,
    payment: b.payment.kind === 'unknown' ? 'other' : b.payment.kind,
    ticket: b.ticket === 'one-way' ? 'one-way' : 'return',
    ...(b.agency?.id ? { agency: b.agency.id } : {}),
    ...(phone || email ? { contact: { ...(phone ? { phone } : {}), ...(email ? { email } : {}) } } : {}),
    partySize: Math.max(1, Math.min(999, b.partySize ?? travellers)),
  };
}

/** A traveller known only from a booking, as screening reads a manifest's traveller. */
export function travellerFromBooking(b: Booking, t: BookingTraveller): TravellerInput {
  const facts = bookingFacts(b);
  return {
    ref: pnrRef(b.recordLocator, t.ref),
    role: 'passenger',
    surname: t.surname,
    givenNames: t.givenNames,
    dateOfBirth: t.dateOfBirth,
    nationality: t.nationality,
    documents: t.documents.slice(0, 10).map((d) => ({
      type: d.type.slice(0, 20) || 'P',
      number: d.number.slice(0, 40),
      issuingCountry: d.issuingCountry ?? t.nationality ?? 'XXX',
    })),
    ...(facts ? { booking: facts } : {}),
  };
}

export interface Link {
  booking: Booking;
  traveller: BookingTraveller;
  basis: LinkBasis;
}

/**
 * Finds each API traveller's booking traveller: the same document number; else the same name and
 * date of birth; else the same booking reference and surname. One booking traveller links once.
 */
export function linkTravellers(travellers: readonly Traveller[], bookings: readonly Booking[]): Map<string, Link> {
  const out = new Map<string, Link>();
  const taken = new Set<BookingTraveller>();
  const candidates = bookings.flatMap((booking) => booking.travellers.map((traveller) => ({ booking, traveller })));
  const tries: Array<[LinkBasis, (t: Traveller, c: (typeof candidates)[number]) => boolean]> = [
    [
      'document',
      (t, c) =>
        t.documents.some((d) =>
          c.traveller.documents.some((x) => normaliseDocumentNumber(x.number) === normaliseDocumentNumber(d.number)),
        ),
    ],
    [
      'name-and-birth-date',
      (t, c) =>
        Boolean(t.dateOfBirth) &&
        t.dateOfBirth === c.traveller.dateOfBirth &&
        words(t.surname) === words(c.traveller.surname) &&
        words(t.givenNames).split(' ')[0] === words(c.traveller.givenNames).split(' ')[0],
    ],
    [
      'booking-and-name',
      (t, c) =>
        Boolean(t.booking?.ref) &&
        t.booking?.ref.toUpperCase() === c.booking.recordLocator.toUpperCase() &&
        words(t.surname) === words(c.traveller.surname),
    ],
  ];
  for (const [basis, same] of tries) {
    for (const t of travellers) {
      if (out.has(t.ref)) continue;
      const hit = candidates.find((c) => !taken.has(c.traveller) && same(t, c));
      if (!hit) continue;
      taken.add(hit.traveller);
      out.set(t.ref, { ...hit, basis });
    }
  }
  return out;
}
