import { randomUUID } from 'node:crypto';
import { bookingFacts, isPnrRef, linkTravellers, pnrRef, travellerFromBooking } from '../domain/booking-link.ts';
import type { Booking, BookingPush, BookingPushSummary } from '../domain/contracts/booking.ts';
import { flightKey } from '../domain/contracts/booking.ts';
import type { Traveller, TravellerInput } from '../domain/contracts/manifest.ts';
import { Journey, Manifest } from '../domain/contracts/manifest.ts';
import { PaxError } from '../errors.ts';
import { airport } from '../ingest/paxlst/airports.ts';
import type { Store } from '../store/store.ts';
import type { SubmitManifestDeps } from './submit-manifest.ts';
import { journeyKeyOf, otherSpellingKey, sha256, submitManifest } from './submit-manifest.ts';

export interface BookingSubmission {
  carrier: string;
  push: BookingPush;
  bodySha256: string;
  warnings: Array<{ segment: number; tag: string; reason: string }>;
  droppedSensitive: number;
}

/**
 * Accepts a booking push (PNRGOV or its JSON form), checked against the carrier the token speaks
 * for, once per carrier and messageRef (a resend gets the stored summary; the same messageRef with
 * another body is refused). Its travellers are screened like a manifest's — watch-lists and the
 * rules, with the booking facts — and officers get the alerts; the carrier gets a summary, never a
 * directive. A booking traveller already known from API data updates that traveller (booking facts
 * added); one dropped from a later push of the booking is withdrawn.
 */
export async function submitBookings(
  deps: { store: Store; screening: SubmitManifestDeps | null },
  submission: BookingSubmission,
): Promise<{ summary: BookingPushSummary; replayed: boolean }> {
  const { store } = deps;
  const flight = submission.push.flight;
  if (!flight)
    throw new PaxError('INVALID_REQUEST', 'The push names no flight (TVL in the message header)', [
      { path: 'flight', message: 'is required' },
    ]);
  if (flight.carrier !== submission.carrier)
    throw new PaxError(
      'CARRIER_MISMATCH',
      `The flight's carrier is ${flight.carrier}; this token speaks for ${submission.carrier || 'no carrier'}`,
    );
  const existing = await store.findBookingPush(submission.carrier, submission.push.messageRef);
  if (existing) {
    if (existing.bodySha256 !== submission.bodySha256) throw new PaxError('MESSAGE_REF_REUSED');
    return { summary: existing.summary, replayed: true };
  }
  const key = flightKey(flight.carrier, flight.serviceNumber, flight.from, flight.departure);
  const id = randomUUID();
  const warnings = [...submission.warnings];
  const previous = await store.bookingsForFlight(key);
  if (deps.screening && submission.push.bookings.length > 0) {
    const note = await screenBookings(deps.screening, submission, id, previous);
    if (note) warnings.push({ segment: 0, tag: 'TVL', reason: note });
  }
  const summary: BookingPushSummary = {
    pushId: id,
    function: submission.push.function,
    flight: {
      carrier: flight.carrier,
      serviceNumber: flight.serviceNumber,
      from: flight.from,
      to: flight.to,
      departure: flight.departure,
    },
    bookings: submission.push.bookings.length,
    travellers: submission.push.bookings.reduce((n, b) => n + b.travellers.length, 0),
    journeys: submission.push.bookings.length > 0 ? 1 : 0,
    droppedSensitive: submission.droppedSensitive,
    ...(warnings.length > 0 ? { warnings: warnings.slice(0, 50) } : {}),
  };
  const result = await store.recordBookingPush({
    id,
    carrier: submission.carrier,
    messageRef: submission.push.messageRef,
    bodySha256: submission.bodySha256,
    receivedAt: new Date().toISOString(),
    summary,
    bookings: submission.push.bookings.map((booking) => ({ flightKey: key, departureAt: flight.departure, booking })),
  });
  if (result.stored) return { summary, replayed: false };
  if (result.existing.bodySha256 !== submission.bodySha256) throw new PaxError('MESSAGE_REF_REUSED');
  return { summary: result.existing.summary, replayed: true };
}

/** Screens the push's travellers as a change to the flight's journey; returns why it could not, if so. */
async function screenBookings(
  deps: SubmitManifestDeps,
  submission: BookingSubmission,
  pushId: string,
  previous: Booking[],
): Promise<string | null> {
  const f = submission.push.flight as NonNullable<BookingPush['flight']>;
  const legOf = (b: Booking) => b.itinerary.find((l) => l.from === f.from && l.to === f.to);
  const arrival = f.arrival ?? submission.push.bookings.map(legOf).find((l) => l?.arrival)?.arrival ?? f.departure;
  const journey = {
    mode: 'air' as const,
    carrier: f.carrier,
    serviceNumber: f.serviceNumber,
    departure: { port: f.from, country: airport(f.from)?.country ?? 'XXX', scheduled: f.departure ?? '' },
    arrival: { port: f.to, country: airport(f.to)?.country ?? 'XXX', scheduled: arrival ?? '' },
  };
  const valid = Journey.safeParse(journey);
  if (!valid.success)
    return `bookings stored but not screened: the flight ${valid.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
  // A journey the API data already described (under this spelling of the flight number or another)
  // keeps that description: a booking push may not know the arrival and must not overwrite it.
  let key = journeyKeyOf(valid.data);
  let known = await deps.store.journeyByKey(key);
  if (!known) {
    const other = await otherSpellingKey(deps.store, valid.data);
    if (other) [key, known] = [other, await deps.store.journeyByKey(other)];
  }
  if (known) Object.assign(journey, known);
  const current = new Map((await deps.store.currentTravellers(key)).map((c) => [c.ref, c]));
  const apiTravellers = [...current.values()]
    .filter((c) => c.status === 'active' && !isPnrRef(c.ref) && c.traveller)
    .map((c) => c.traveller as Traveller);
  const travellers: TravellerInput[] = [];
  const withdraw: string[] = [];
  const links: Array<{ from: string; to: string }> = [];
  for (const b of submission.push.bookings) {
    const linked = linkTravellers(apiTravellers, [b]);
    const byBookingTraveller = new Map([...linked].map(([apiRef, l]) => [l.traveller.ref, apiRef]));
    for (const t of b.travellers) {
      const apiRef = byBookingTraveller.get(t.ref);
      const own = pnrRef(b.recordLocator, t.ref);
      if (!apiRef) {
        travellers.push(travellerFromBooking(b, t));
        continue;
      }
      // Known from the travel document already: that traveller, with the booking's facts.
      const api = apiTravellers.find((x) => x.ref === apiRef) as Traveller;
      travellers.push(api.booking ? api : { ...api, booking: bookingFacts(b) ?? api.booking });
      if (current.get(own)?.status === 'active') {
        withdraw.push(own);
        links.push({ from: own, to: apiRef });
      }
    }
    // Travellers the booking no longer holds are withdrawn from the journey.
    const before = previous.find((p) => p.recordLocator === b.recordLocator && p.carrier === b.carrier);
    for (const t of before?.travellers ?? []) {
      const own = pnrRef(b.recordLocator, t.ref);
      if (!b.travellers.some((x) => x.ref === t.ref) && current.get(own)?.status === 'active') withdraw.push(own);
    }
  }
  const manifest = Manifest.safeParse({ messageRef: `pnr:${pushId}`, kind: 'change', journey, travellers });
  if (!manifest.success)
    return `bookings stored but not screened: ${manifest.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')} ${i.message}`)
      .join('; ')}`;
  await submitManifest(deps, {
    carrier: submission.carrier,
    manifest: manifest.data,
    bodySha256: sha256(JSON.stringify(manifest.data)),
    fromBooking: { withdraw, links },
  });
  return null;
}
