import { z } from 'zod';

/**
 * A booking (PNR) as paxscreen keeps it: the fields the trafficking rules and officers use, and no
 * more (see the README's table against Annex I of Directive 2016/681). Meal, medical and religious
 * service requests are never here: the reader drops them. Card numbers keep the issuer and the last
 * four digits only.
 */
export const BookingLeg = z.object({
  carrier: z.string(),
  serviceNumber: z.string(),
  from: z.string(),
  to: z.string(),
  departure: z.string().nullable().describe("UTC, from the departure airport's local time"),
  arrival: z.string().nullable(),
});
export type BookingLeg = z.infer<typeof BookingLeg>;

export const BookingTraveller = z.object({
  ref: z.string().describe("the traveller's number in the booking (TIF)"),
  surname: z.string(),
  givenNames: z.string(),
  type: z.enum(['adult', 'child', 'infant']),
  /** The adult an infant travels on the lap of (TIF ref), when known. */
  withAdult: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  nationality: z.string().nullable(),
  documents: z.array(
    z.object({
      type: z.string(),
      number: z.string(),
      issuingCountry: z.string().nullable(),
      expiry: z.string().nullable(),
    }),
  ),
  address: z.string().nullable().describe('SSR DOCA residence or destination address, as one line'),
});
export type BookingTraveller = z.infer<typeof BookingTraveller>;

export const Booking = z
  .object({
    carrier: z.string().describe('the carrier that sent it'),
    recordLocator: z.string(),
    createdAt: z.string().nullable(),
    lastChangedAt: z.string().nullable(),
    itinerary: z.array(BookingLeg),
    ticket: z
      .enum(['one-way', 'return', 'unknown'])
      .describe('derived from the itinerary: return when it comes back to where it started'),
    travellers: z.array(BookingTraveller),
    payment: z.object({
      kind: z.enum(['cash', 'card', 'other', 'unknown']),
      cardIssuer: z.string().nullable(),
      cardLast4: z.string().nullable(),
    }),
    agency: z.object({ id: z.string().nullable(), location: z.string().nullable() }).nullable(),
    contacts: z.object({ phones: z.array(z.string()), emails: z.array(z.string()) }),
    partySize: z.number().int().nullable(),
    tickets: z.array(z.string()),
    freeText: z.array(z.string()).describe('free text kept after removing service requests the law forbids processing'),
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof Booking>;

/** One PNRGOV push: the flight it was sent for and the bookings on it. */
export const BookingPush = z.object({
  messageRef: z.string().min(1).max(64),
  function: z.enum(['push', 'update', 'other']),
  flight: BookingLeg.nullable(),
  bookings: z.array(Booking),
});
export type BookingPush = z.infer<typeof BookingPush>;

/**
 * The flight a booking and an API manifest share, whichever way each writes the service number
 * (UA988, UA0988, 988): carrier, number without leading zeros, departure airport, UTC date.
 */
export function flightKey(carrier: string, serviceNumber: string, from: string, departure: string | null): string {
  const c = carrier.trim().toUpperCase();
  const digits = serviceNumber
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(new RegExp(`^${c}`), '')
    .replace(/^0+(?=\d)/, '');
  return [c, digits, from.trim().toUpperCase(), (departure ?? '').slice(0, 10)].join('|');
}

export const BookingPushSummary = z
  .object({
    pushId: z.string(),
    function: z.enum(['push', 'update', 'other']),
    flight: z.object({
      carrier: z.string(),
      serviceNumber: z.string(),
      from: z.string(),
      to: z.string(),
      departure: z.string().nullable(),
    }),
    bookings: z.number().int(),
    travellers: z.number().int(),
    journeys: z.number().int().describe('distinct flights the bookings were filed under'),
    droppedSensitive: z
      .number()
      .int()
      .describe('service requests and free-text lines dropped because the law forbids processing them'),
    warnings: z.array(z.object({ segment: z.number(), tag: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'BookingPushSummary' });
export type BookingPushSummary = z.infer<typeof BookingPushSummary>;
