import { randomUUID } from 'node:crypto';
import type { BookingPush, BookingPushSummary } from '../domain/contracts/booking.ts';
import { flightKey } from '../domain/contracts/booking.ts';
import { PaxError } from '../errors.ts';
import type { Store } from '../store/store.ts';

export interface BookingSubmission {
  carrier: string;
  push: BookingPush;
  bodySha256: string;
  warnings: Array<{ segment: number; tag: string; reason: string }>;
  droppedSensitive: number;
}

/**
 * Accepts a booking push (PNRGOV or its JSON form): checked against the carrier the token speaks
 * for, stored once per carrier and messageRef (a resend gets the stored summary; the same
 * messageRef with another body is refused), each booking filed under the flight it was pushed for.
 * A push gets no boarding directive: it is answered with a summary.
 */
export async function submitBookings(store: Store, s: BookingSubmission): Promise<{ summary: BookingPushSummary; replayed: boolean }> {
  const flight = s.push.flight;
  if (!flight) throw new PaxError('INVALID_REQUEST', 'The push names no flight (TVL in the message header)', [{ path: 'flight', message: 'is required' }]);
  if (flight.carrier !== s.carrier) throw new PaxError('CARRIER_MISMATCH');
  const key = flightKey(flight.carrier, flight.serviceNumber, flight.from, flight.departure);
  const id = randomUUID();
  const summary: BookingPushSummary = {
    pushId: id,
    function: s.push.function,
    flight: { carrier: flight.carrier, serviceNumber: flight.serviceNumber, from: flight.from, to: flight.to, departure: flight.departure },
    bookings: s.push.bookings.length,
    travellers: s.push.bookings.reduce((n, b) => n + b.travellers.length, 0),
    journeys: s.push.bookings.length > 0 ? 1 : 0,
    droppedSensitive: s.droppedSensitive,
    ...(s.warnings.length > 0 ? { warnings: s.warnings.slice(0, 50) } : {}),
  };
  const result = await store.recordBookingPush({
    id,
    carrier: s.carrier,
    messageRef: s.push.messageRef,
    bodySha256: s.bodySha256,
    receivedAt: new Date().toISOString(),
    summary,
    bookings: s.push.bookings.map((booking) => ({ flightKey: key, departureAt: flight.departure, booking })),
  });
  if (result.stored) return { summary, replayed: false };
  if (result.existing.bodySha256 !== s.bodySha256) throw new PaxError('MESSAGE_REF_REUSED');
  return { summary: result.existing.summary, replayed: true };
}
