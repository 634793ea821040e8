import { isPnrRef, linkTravellers } from '../domain/booking-link.ts';
import type { LinkBasis } from '../domain/booking-link.ts';
import type { Alert } from '../domain/contracts/alert.ts';
import type { Booking } from '../domain/contracts/booking.ts';
import { flightKey } from '../domain/contracts/booking.ts';
import type { Traveller } from '../domain/contracts/manifest.ts';
import type { Store } from '../store/store.ts';

/** The booking an alerted traveller is linked to, and on what basis: what the officer reads beside the API data. */
export async function bookingOfAlert(
  store: Store,
  a: Alert,
): Promise<{ booking: Booking; basis: LinkBasis | 'booking-only' } | null> {
  const j = a.journey;
  const bookings = await store.bookingsForFlight(
    flightKey(j.carrier, j.serviceNumber, j.departure.port, j.departure.scheduled),
  );
  if (bookings.length === 0) return null;
  if (isPnrRef(a.travellerRef)) {
    const [, locator, ref] = /^PNR-(.+)-([^-]+)$/.exec(a.travellerRef) ?? [];
    const booking = bookings.find((b) => b.recordLocator === locator && b.travellers.some((t) => t.ref === ref));
    return booking ? { booking, basis: 'booking-only' } : null;
  }
  const t = a.traveller;
  const traveller = {
    ref: a.travellerRef,
    role: 'passenger',
    surname: t.surname,
    givenNames: t.givenNames,
    dateOfBirth: t.dateOfBirth,
    nationality: t.nationality,
    documents: t.documents,
    sex: null,
    ...(t.bookingRef ? { booking: { ref: t.bookingRef } } : {}),
  } as unknown as Traveller;
  const link = linkTravellers([traveller], bookings).get(a.travellerRef);
  return link ? { booking: link.booking, basis: link.basis } : null;
}
