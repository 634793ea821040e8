import { bookingFacts, isPnrRef, linkTravellers, pnrRef } from '../domain/booking-link.ts';
import { flightKey } from '../domain/contracts/booking.ts';
import type { Manifest } from '../domain/contracts/manifest.ts';
import type { CurrentTraveller, Store } from '../store/store.ts';

/**
 * An API message meets the flight's bookings: each traveller is linked to a booking traveller
 * (document, else name and date of birth, else booking and surname); a linked traveller without
 * booking facts takes them from the booking, and the traveller known until now only from the
 * booking is withdrawn (its alert is carried over to the API traveller's: `links`).
 */
export async function joinBookings(
  store: Store,
  manifest: Manifest,
  current: ReadonlyMap<string, CurrentTraveller>,
): Promise<{ manifest: Manifest; withdraw: string[]; links: Array<{ from: string; to: string }> } | null> {
  const j = manifest.journey;
  const bookings = await store.bookingsForFlight(
    flightKey(j.carrier, j.serviceNumber, j.departure.port, j.departure.scheduled),
  );
  if (bookings.length === 0) return null;
  const found = linkTravellers(
    manifest.travellers.filter((t) => !isPnrRef(t.ref)),
    bookings,
  );
  if (found.size === 0) return null;
  const links: Array<{ from: string; to: string }> = [];
  const travellers = manifest.travellers.map((t) => {
    const link = found.get(t.ref);
    if (!link) return t;
    const from = pnrRef(link.booking.recordLocator, link.traveller.ref);
    if (current.get(from)?.status === 'active') links.push({ from, to: t.ref });
    const facts = t.booking ? undefined : bookingFacts(link.booking);
    return facts ? { ...t, booking: facts } : t;
  });
  return { manifest: { ...manifest, travellers }, withdraw: links.map((l) => l.from), links };
}
