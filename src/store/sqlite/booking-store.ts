import type { StatementSync } from 'node:sqlite';
import type { Booking, BookingPushSummary } from '../../domain/contracts/booking.ts';
import type { Store } from '../store.ts';
import { bookingValues, UPSERT_BOOKING } from '../shared-statements.ts';

type BookingMethods = Pick<Store, 'recordBookingPush' | 'bookingsForFlight' | 'findBookingPush'>;

/** Booking pushes and the bookings they file, on SQLite: one transaction per push. */
export function bookingMethods(
  stmt: (sql: string) => StatementSync,
  transaction: <T>(fn: () => T) => T,
): BookingMethods {
  return {
    async recordBookingPush(p) {
      return transaction(() => {
        const existing = stmt(
          'SELECT id, body_sha256, summary_json FROM booking_pushes WHERE carrier = ? AND message_ref = ?',
        ).get(p.carrier, p.messageRef) as { id: string; body_sha256: string; summary_json: string } | undefined;
        if (existing)
          return {
            stored: false as const,
            existing: {
              id: existing.id,
              bodySha256: existing.body_sha256,
              summary: JSON.parse(existing.summary_json) as BookingPushSummary,
            },
          };
        stmt(
          'INSERT INTO booking_pushes (id, carrier, message_ref, body_sha256, received_at, summary_json) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(p.id, p.carrier, p.messageRef, p.bodySha256, p.receivedAt, JSON.stringify(p.summary));
        const upsert = stmt(UPSERT_BOOKING);
        for (const b of p.bookings) upsert.run(...bookingValues(p, b));
        return { stored: true as const };
      });
    },
    async findBookingPush(carrier, messageRef) {
      const r = stmt(
        'SELECT id, body_sha256, summary_json FROM booking_pushes WHERE carrier = ? AND message_ref = ?',
      ).get(carrier, messageRef) as { id: string; body_sha256: string; summary_json: string } | undefined;
      return r
        ? { id: r.id, bodySha256: r.body_sha256, summary: JSON.parse(r.summary_json) as BookingPushSummary }
        : null;
    },
    async bookingsForFlight(flightKey) {
      return (
        stmt('SELECT booking_json FROM bookings WHERE flight_key = ? ORDER BY record_locator').all(flightKey) as Array<{
          booking_json: string;
        }>
      ).map((r) => JSON.parse(r.booking_json) as Booking);
    },
  };
}
