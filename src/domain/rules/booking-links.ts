import type { Traveller } from '../contracts/manifest.ts';

/**
 * What ties travellers together for the rules: the same booking, payer, phone or e-mail. Empty for a
 * traveller without booking data — such a traveller is related to everyone on the journey. Every
 * manifest rule groups travellers by these links (or, without booking data, by the whole journey).
 */
export function bookingLinks(t: Traveller): string[] {
  if (!t.booking) return [];
  return [
    `b:${t.booking.ref ?? ''}`,
    ...(t.booking.payer ? [`p:${t.booking.payer.trim().toUpperCase()}`] : []),
    ...(t.booking.contact?.phone ? [`t:${t.booking.contact.phone.replace(/[^0-9]/g, '')}`] : []),
    ...(t.booking.contact?.email ? [`e:${t.booking.contact.email.trim().toLowerCase()}`] : []),
  ];
}
