import type { Firing } from '../engine-types.ts';
import type { RuleContext } from '../context.ts';
import { agencyGroup, bookingCompanions, day, kinOfView } from '../context.ts';
import { assessKinship } from '../kinship.ts';
import type { TravellerView } from '../manifest-view.ts';
import { ageBand, describeAge } from '../manifest-view.ts';
import type { ParamsOf } from '../rule-schema.ts';

/** A minor with no adult on the booking (or the manifest) and no unaccompanied-minor service data. */
export function minorAlone({ view }: RuleContext, p: ParamsOf<'minor-alone'>): Firing[] {
  const out: Firing[] = [];
  for (const v of view.travellers) {
    if (v.traveller.role !== 'passenger' || ageBand(v, p.minorAgeBelow, p.adultAgeFrom) !== 'minor') continue;
    if (v.traveller.unaccompaniedMinor || agencyGroup(v, p.exemptAgencyGroupsOfAtLeast)) continue;
    const companions = bookingCompanions(view, v);
    // Anyone whose age is unknown might be the accompanying adult: hold back.
    if (companions.some((o) => ageBand(o, p.minorAgeBelow, p.adultAgeFrom) !== 'minor')) continue;
    out.push({
      travellerRef: v.traveller.ref,
      facts: {
        minor: { ref: v.traveller.ref, age: describeAge(v) },
        booking: v.bookingRef ?? 'no booking data',
        otherTravellersOnBooking: companions.map((o) => ({ ref: o.traveller.ref, age: describeAge(o) })),
        unaccompaniedMinorService: 'none declared',
      },
    });
  }
  return out;
}

/** One or two adults with three or more minors from different families, outside an agency group. */
export function adultsManyMinors({ view }: RuleContext, p: ParamsOf<'adults-many-minors'>): Firing[] {
  const out: Firing[] = [];
  for (const [booking, group] of view.byBooking) {
    const passengers = group.filter((v) => v.traveller.role === 'passenger');
    if (passengers.some((v) => agencyGroup(v, p.exemptAgencyGroupsOfAtLeast))) continue;
    const adults = passengers.filter((v) => ageBand(v, p.minorAgeBelow, p.adultAgeFrom) === 'adult');
    const minors = passengers.filter((v) => ageBand(v, p.minorAgeBelow, p.adultAgeFrom) === 'minor');
    if (adults.length === 0 || adults.length > p.maxAdults || minors.length < p.minMinors) continue;
    // Families: minors joined whenever kinship between them is not UNLIKELY.
    const family = minors.map((_, i) => i);
    const find = (i: number): number => (family[i] === i ? i : (family[i] = find(family[i] as number)));
    for (let i = 0; i < minors.length; i++) {
      for (let j = i + 1; j < minors.length; j++) {
        if (
          assessKinship(kinOfView(minors[i] as TravellerView), kinOfView(minors[j] as TravellerView)).kinship !==
          'UNLIKELY'
        )
          family[find(i)] = find(j);
      }
    }
    const families = new Set(minors.map((_, i) => find(i))).size;
    if (families < 2) continue;
    // Minors related to an adult are that adult's children, not "other families".
    const unrelatedToAdults = minors.filter((m) =>
      adults.every((a) => assessKinship(kinOfView(m), kinOfView(a)).kinship === 'UNLIKELY'),
    );
    if (unrelatedToAdults.length < 2) continue;
    for (const a of adults) {
      out.push({
        travellerRef: a.traveller.ref,
        facts: {
          booking,
          adults: adults.map((x) => ({ ref: x.traveller.ref, surname: x.traveller.surname, age: describeAge(x) })),
          minors: minors.map((m) => ({ ref: m.traveller.ref, surname: m.traveller.surname, age: describeAge(m) })),
          families,
          minorsUnrelatedToTheAdults: unrelatedToAdults.map((m) => m.traveller.ref),
        },
      });
    }
  }
  return out;
}

/** Five or more adults on one-way tickets, paid or contacted through one person. */
export function oneWayAdultGroup({ view }: RuleContext, p: ParamsOf<'one-way-adult-group'>): Firing[] {
  const groups = new Map<string, TravellerView[]>();
  for (const v of view.travellers) {
    const b = v.traveller.booking;
    if (v.traveller.role !== 'passenger' || !b || b.ticket !== 'one-way' || !v.age || v.age.min < p.adultAgeFrom)
      continue;
    if (agencyGroup(v, p.exemptAgencyGroupsOfAtLeast)) continue;
    const keys = [
      b.payer && `payer ${b.payer.trim().toUpperCase()}`,
      b.contact?.phone && `phone ${b.contact.phone.replace(/[^0-9+]/g, '')}`,
      b.contact?.email && `e-mail ${b.contact.email.toLowerCase()}`,
    ].filter(Boolean) as string[];
    for (const k of keys) groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  const fired = new Map<string, Firing>();
  for (const [key, members] of groups) {
    const distinct = [...new Set(members)];
    if (distinct.length < p.minAdults) continue;
    for (const v of distinct) {
      if (fired.has(v.traveller.ref)) continue;
      fired.set(v.traveller.ref, {
        travellerRef: v.traveller.ref,
        facts: {
          sharedBy: key,
          adults: distinct.map((o) => ({
            ref: o.traveller.ref,
            surname: o.traveller.surname,
            age: describeAge(o),
            booking: o.bookingRef,
          })),
          ticket: 'one-way',
        },
      });
    }
  }
  return [...fired.values()];
}

/** Booked shortly before departure and paid in cash (context only). */
export function lateCashBooking({ view }: RuleContext, p: ParamsOf<'late-cash-booking'>): Firing[] {
  const departure = Date.parse(view.manifest.journey.departure.scheduled);
  return view.travellers
    .filter((v) => {
      const b = v.traveller.booking;
      if (!b || b.payment !== 'cash') return false;
      const hours = (departure - Date.parse(b.bookedAt)) / 3_600_000;
      return hours >= 0 && hours <= p.withinHours;
    })
    .map((v) => {
      const b = v.traveller.booking as NonNullable<typeof v.traveller.booking>;
      return {
        travellerRef: v.traveller.ref,
        facts: {
          booking: b.ref,
          bookedAt: b.bookedAt,
          departure: view.manifest.journey.departure.scheduled,
          hoursBefore: Math.round((departure - Date.parse(b.bookedAt)) / 360_000) / 10,
          payment: 'cash',
        },
      };
    });
}

/** A minor on a one-way ticket (context only). */
export function minorOneWay({ view }: RuleContext, p: ParamsOf<'minor-one-way'>): Firing[] {
  return view.travellers
    .filter(
      (v) =>
        v.traveller.role === 'passenger' &&
        v.traveller.booking?.ticket === 'one-way' &&
        v.age !== null &&
        v.age.max < p.minorAgeBelow,
    )
    .map((v) => ({
      travellerRef: v.traveller.ref,
      facts: {
        minor: { ref: v.traveller.ref, age: describeAge(v) },
        ticket: 'one-way',
        travelDate: day(view.manifest.journey.departure.scheduled),
      },
    }));
}
