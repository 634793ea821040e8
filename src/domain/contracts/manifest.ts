import { z } from 'zod';
import { CountryCode, Directive, FullDateText, PartialDateText, UtcTimestamp } from './common.ts';

const Text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const TravelDocument = z.object({
  type: Text(20).describe('document type, e.g. P (passport), I (identity card), V (visa)'),
  number: Text(40),
  issuingCountry: CountryCode,
  expiry: FullDateText.optional(),
  issued: FullDateText.optional(),
});
export type TravelDocument = z.infer<typeof TravelDocument>;

export const Booking = z.object({
  ref: Text(40).describe('booking (PNR) reference'),
  bookedAt: UtcTimestamp,
  payment: z.enum(['cash', 'card', 'voucher', 'other']),
  payer: Text(200).optional().describe('who paid, when not the traveller'),
  agency: Text(200).optional(),
  contact: z.object({ phone: Text(40).optional(), email: Text(200).optional() }).optional(),
  ticket: z.enum(['one-way', 'return']),
  partySize: z.number().int().min(1).max(999).optional(),
});
export type Booking = z.infer<typeof Booking>;

export const Traveller = z.object({
  ref: Text(64).describe("the carrier's reference for this traveller, stable across changes"),
  role: z.enum(['passenger', 'crew']),
  surname: Text(200),
  givenNames: z.string().trim().max(200).default(''),
  sex: z.enum(['M', 'F', 'X']).nullable().default(null),
  dateOfBirth: PartialDateText.nullable().default(null),
  nationality: CountryCode.nullable().default(null),
  documents: z.array(TravelDocument).max(10).default([]),
  booking: Booking.optional(),
  seat: Text(8).optional(),
  bags: z.number().int().min(0).max(99).optional(),
  transit: z.boolean().optional(),
  unaccompaniedMinor: z.object({ collectedBy: Text(200).optional(), contact: Text(200).optional() }).optional(),
});
export type Traveller = z.infer<typeof Traveller>;
export type TravellerInput = z.input<typeof Traveller>;

const Place = z.object({
  port: Text(8).describe('IATA/UN/LOCODE port code'),
  country: CountryCode,
  scheduled: UtcTimestamp,
});

const DAY = 86_400_000;
/** The furthest ahead a journey may be scheduled: bookings open about a year out. */
export const MAX_DAYS_AHEAD = 400;
/** The longest journey (a sea voyage with calls): anything longer is a date error. */
export const MAX_JOURNEY_DAYS = 60;

export const Journey = z
  .object({
    mode: z.enum(['air', 'sea', 'rail']),
    carrier: z.string().regex(/^[A-Z0-9]{2,4}$/, 'must be a 2–4 character carrier code in capitals'),
    serviceNumber: Text(16),
    departure: Place,
    arrival: Place,
  })
  .superRefine((j, ctx) => {
    const departure = Date.parse(j.departure.scheduled);
    const arrival = Date.parse(j.arrival.scheduled);
    if (arrival < departure) {
      ctx.addIssue({ code: 'custom', path: ['arrival', 'scheduled'], message: 'is before the scheduled departure' });
    }
    // Retention counts from the journey's date: a journey dated years ahead would never be purged.
    if (departure > Date.now() + MAX_DAYS_AHEAD * DAY) {
      ctx.addIssue({
        code: 'custom',
        path: ['departure', 'scheduled'],
        message: `is more than ${MAX_DAYS_AHEAD} days ahead (journeys are screened before they travel, not years early)`,
      });
    }
    if (arrival - departure > MAX_JOURNEY_DAYS * DAY) {
      ctx.addIssue({
        code: 'custom',
        path: ['arrival', 'scheduled'],
        message: `is more than ${MAX_JOURNEY_DAYS} days after the departure`,
      });
    }
  });
export type Journey = z.infer<typeof Journey>;

export const MANIFEST_KINDS = ['new', 'change', 'cancel', 'departed'] as const;

export const Manifest = z
  .object({
    messageRef: Text(64).describe("the carrier's unique id for this message: its idempotency key"),
    kind: z.enum(MANIFEST_KINDS),
    journey: Journey,
    travellers: z.array(Traveller),
  })
  .superRefine((m, ctx) => {
    if (m.kind !== 'cancel' && m.travellers.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['travellers'],
        message: `must name at least one traveller for kind "${m.kind}"`,
      });
    }
    const seen = new Map<string, number>();
    m.travellers.forEach((t, i) => {
      const first = seen.get(t.ref);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['travellers', i, 'ref'],
          message: `repeats the ref of travellers[${first}]`,
        });
      } else seen.set(t.ref, i);
    });
  })
  .meta({ id: 'Manifest' });
export type Manifest = z.infer<typeof Manifest>;
export type ManifestInput = z.input<typeof Manifest>;

export const ManifestResponse = z
  .object({
    manifestId: z.string(),
    complete: z.boolean().describe('false when some travellers were not fully screened inside the budget'),
    elapsedMs: z.number(),
    directives: z.array(z.object({ ref: z.string(), directive: Directive })),
    warnings: z
      .array(z.object({ segment: z.number(), tag: z.string(), reason: z.string() }))
      .optional()
      .describe('for UN/EDIFACT PAXLST input: what could not be mapped, by segment number and tag'),
  })
  .meta({ id: 'ManifestResponse' });
export type ManifestResponse = z.infer<typeof ManifestResponse>;
