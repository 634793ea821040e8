import type pg from 'pg';
import type { Booking, BookingPushSummary } from '../../domain/contracts/booking.ts';
import type { Store } from '../store.ts';
import type { Tx } from './pg-store.ts';
import { bookingValues, numbered, UPSERT_BOOKING } from '../shared-statements.ts';

type BookingMethods = Pick<Store, 'recordBookingPush' | 'bookingsForFlight' | 'findBookingPush'>;

/** Booking pushes and the bookings they file, on PostgreSQL: the receipt's unique constraint decides a race. */
export function pgBookingMethods(pool: pg.Pool, tx: Tx): BookingMethods {
  const receipt = async (db: pg.Pool | pg.PoolClient, carrier: string, messageRef: string) => {
    const r = (
      await db.query<{ id: string; body_sha256: string; summary_json: string }>(
        'SELECT id, body_sha256, summary_json FROM booking_pushes WHERE carrier = $1 AND message_ref = $2',
        [carrier, messageRef],
      )
    ).rows[0];
    return r
      ? { id: r.id, bodySha256: r.body_sha256, summary: JSON.parse(r.summary_json) as BookingPushSummary }
      : null;
  };
  return {
    recordBookingPush: (p) =>
      tx(async (c) => {
        const inserted = await c.query(
          'INSERT INTO booking_pushes (id, carrier, message_ref, body_sha256, received_at, summary_json) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (carrier, message_ref) DO NOTHING',
          [p.id, p.carrier, p.messageRef, p.bodySha256, p.receivedAt, JSON.stringify(p.summary)],
        );
        if (inserted.rowCount === 0) {
          const existing =
            (await receipt(c, p.carrier, p.messageRef)) ?? (await receipt(pool, p.carrier, p.messageRef));
          if (existing) return { stored: false as const, existing };
        }
        for (const b of p.bookings) {
          await c.query(numbered(UPSERT_BOOKING), bookingValues(p, b));
        }
        return { stored: true as const };
      }),
    findBookingPush: (carrier, messageRef) => receipt(pool, carrier, messageRef),
    async bookingsForFlight(flightKey) {
      return (
        await pool.query<{ booking_json: string }>(
          'SELECT booking_json FROM bookings WHERE flight_key = $1 ORDER BY record_locator',
          [flightKey],
        )
      ).rows.map((r) => JSON.parse(r.booking_json) as Booking);
    },
  };
}
