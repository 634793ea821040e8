import { canonicalName as canonical } from '../../names/normalise.ts';
import type { Firing } from '../engine-types.ts';
import type { RuleContext } from '../context.ts';
import {
  agencyGroup,
  bookingCompanions,
  day,
  identityOfView,
  isAdultAt,
  isMinorAt,
  kinOfRow,
  kinOfView,
} from '../context.ts';
import type { PastTravel } from '../history.ts';
import { documentKey, guardianKeys, payerKey, contactKeys } from '../history.ts';
import { assessKinship } from '../kinship.ts';
import type { TravellerView } from '../manifest-view.ts';
import { ageBand, describeAge } from '../manifest-view.ts';
import type { ParamsOf } from '../rule-schema.ts';

const DAY = 86_400_000;

// History rules compare the same names many times; each is normalised once.
const canonicalCache = new Map<string, string>();
function canonicalName(name: string): string {
  let c = canonicalCache.get(name);
  if (c === undefined) {
    if (canonicalCache.size > 50_000) canonicalCache.clear();
    c = canonical(name);
    canonicalCache.set(name, c);
  }
  return c;
}

function within(row: PastTravel, now: string, days: number): boolean {
  const t = Date.parse(row.departureAt);
  return t < Date.parse(now) && Date.parse(now) - t <= days * DAY;
}

function journeyFacts(r: PastTravel) {
  return {
    date: day(r.departureAt),
    service: r.serviceNumber,
    from: r.departurePort,
    to: r.arrivalPort,
    booking: r.bookingRef,
  };
}

/** The same adult escorting different unrelated minors on repeated journeys. */
export function repeatEscort({ view, history }: RuleContext, p: ParamsOf<'repeat-escort'>): Firing[] {
  const now = view.manifest.journey.departure.scheduled;
  const out: Firing[] = [];
  for (const a of view.travellers) {
    if (a.traveller.role !== 'passenger' || ageBand(a, p.minorAgeBelow, p.adultAgeFrom) !== 'adult') continue;
    const identity = identityOfView(a);
    if (p.allowList.includes(identity) || agencyGroup(a, p.exemptAgencyGroupsOfAtLeast)) continue;
    const minors = new Map<string, { ref: string; surname: string; date: string }>();
    const journeys = new Map<string, ReturnType<typeof journeyFacts>>();
    for (const m of bookingCompanions(view, a)) {
      if (!a.bookingRef || ageBand(m, p.minorAgeBelow, p.adultAgeFrom) !== 'minor') continue;
      if (assessKinship(kinOfView(m), kinOfView(a)).kinship !== 'UNLIKELY') continue;
      minors.set(identityOfView(m), { ref: m.traveller.ref, surname: m.traveller.surname, date: day(now) });
      journeys.set('current', {
        date: day(now),
        service: view.manifest.journey.serviceNumber,
        from: view.manifest.journey.departure.port,
        to: view.manifest.journey.arrival.port,
        booking: a.bookingRef ?? null,
      });
    }
    for (const past of history.byIdentity(identity)) {
      if (!within(past, now, p.windowDays)) continue;
      for (const m of history.companions(past)) {
        if (!isMinorAt(m.dateOfBirth, m.departureAt, p.minorAgeBelow)) continue;
        if (assessKinship(kinOfRow(m), kinOfRow(past)).kinship !== 'UNLIKELY') continue;
        minors.set(m.identity, { ref: m.ref, surname: m.surname, date: day(m.departureAt) });
        journeys.set(`${past.journeyKey}|${past.bookingRef}`, journeyFacts(past));
      }
    }
    if (minors.size >= p.minMinors && journeys.size >= p.minJourneys) {
      out.push({
        travellerRef: a.traveller.ref,
        facts: {
          adult: { ref: a.traveller.ref, surname: a.traveller.surname },
          windowDays: p.windowDays,
          journeys: [...journeys.values()],
          unrelatedMinors: [...minors.values()],
        },
      });
    }
  }
  return out;
}

/** One guardian (name or contact) collecting several different unaccompanied minors. */
export function repeatGuardian({ view, history }: RuleContext, p: ParamsOf<'repeat-guardian'>): Firing[] {
  const now = view.manifest.journey.departure.scheduled;
  const out: Firing[] = [];
  for (const v of view.travellers) {
    const keys = guardianKeys(v.traveller).filter((k) => !p.allowList.includes(k));
    if (keys.length === 0) continue;
    for (const key of keys) {
      const minors = new Map<string, { ref: string; date: string; service: string }>();
      minors.set(identityOfView(v), {
        ref: v.traveller.ref,
        date: day(now),
        service: view.manifest.journey.serviceNumber,
      });
      for (const o of view.travellers)
        if (o !== v && guardianKeys(o.traveller).includes(key))
          minors.set(identityOfView(o), {
            ref: o.traveller.ref,
            date: day(now),
            service: view.manifest.journey.serviceNumber,
          });
      for (const r of history.byKey(key)) {
        if (
          within(r, now, p.windowDays) &&
          r.guardianKeys.includes(key) &&
          isMinorAt(r.dateOfBirth, r.departureAt, p.minorAgeBelow)
        )
          minors.set(r.identity, { ref: r.ref, date: day(r.departureAt), service: r.serviceNumber });
      }
      if (minors.size >= p.minMinors) {
        out.push({
          travellerRef: v.traveller.ref,
          facts: {
            guardian: key.replace(/^guardian:/, ''),
            windowDays: p.windowDays,
            differentMinors: [...minors.values()],
          },
        });
        break;
      }
    }
  }
  return out;
}

/** An adult who arrives with a minor and leaves without them soon after, more than once. */
export function arriveLeaveWithout({ view, history }: RuleContext, p: ParamsOf<'arrive-leave-without'>): Firing[] {
  const j = view.manifest.journey;
  const out: Firing[] = [];
  for (const a of view.travellers) {
    if (a.traveller.role !== 'passenger' || ageBand(a, p.minorAgeBelow, p.adultAgeFrom) !== 'adult') continue;
    const identity = identityOfView(a);
    type Trip = {
      at: string;
      inbound: boolean;
      outbound: boolean;
      minors: Set<string>;
      facts: ReturnType<typeof journeyFacts>;
    };
    const trips: Trip[] = [];
    for (const past of history.byIdentity(identity)) {
      if (!within(past, j.departure.scheduled, p.windowDays)) continue;
      const minors = new Set(
        history
          .companions(past)
          .filter((m) => isMinorAt(m.dateOfBirth, m.departureAt, p.minorAgeBelow))
          .map((m) => m.identity),
      );
      trips.push({
        at: past.departureAt,
        inbound: past.arrivalCountry === p.homeCountry,
        outbound: past.departureCountry === p.homeCountry,
        minors,
        facts: journeyFacts(past),
      });
    }
    const currentMinors = new Set(
      bookingCompanions(view, a)
        .filter((m) => a.bookingRef && ageBand(m, p.minorAgeBelow, p.adultAgeFrom) === 'minor')
        .map(identityOfView),
    );
    trips.push({
      at: j.departure.scheduled,
      inbound: j.arrival.country === p.homeCountry,
      outbound: j.departure.country === p.homeCountry,
      minors: currentMinors,
      facts: {
        date: day(j.departure.scheduled),
        service: j.serviceNumber,
        from: j.departure.port,
        to: j.arrival.port,
        booking: a.bookingRef ?? null,
      },
    });
    trips.sort((x, y) => x.at.localeCompare(y.at));
    const times: Array<{
      arrived: ReturnType<typeof journeyFacts>;
      left: ReturnType<typeof journeyFacts>;
      minorsLeftBehind: number;
    }> = [];
    trips.forEach((t, i) => {
      if (!t.inbound || t.minors.size === 0) return;
      const next = trips.slice(i + 1).find((x) => x.outbound);
      if (!next || Date.parse(next.at) - Date.parse(t.at) > p.withinDays * DAY) return;
      const left = [...t.minors].filter((m) => !next.minors.has(m));
      if (left.length > 0) times.push({ arrived: t.facts, left: next.facts, minorsLeftBehind: left.length });
    });
    const involvesNow = times.some(
      (x) => x.left.date === day(j.departure.scheduled) || x.arrived.date === day(j.departure.scheduled),
    );
    if (times.length >= p.minTimes && involvesNow) {
      out.push({
        travellerRef: a.traveller.ref,
        facts: { adult: { ref: a.traveller.ref, surname: a.traveller.surname }, withinDays: p.withinDays, times },
      });
    }
  }
  return out;
}

/** The same minor seen with different unrelated adults. */
export function minorManyAdults({ view, history }: RuleContext, p: ParamsOf<'minor-many-adults'>): Firing[] {
  const now = view.manifest.journey.departure.scheduled;
  const out: Firing[] = [];
  for (const m of view.travellers) {
    if (m.traveller.role !== 'passenger' || ageBand(m, p.minorAgeBelow, p.adultAgeFrom) !== 'minor') continue;
    const adults = new Map<string, { ref: string; surname: string; date: string; service: string }>();
    const add = (identity: string, fact: { ref: string; surname: string; date: string; service: string }) => {
      if (!p.allowList.includes(identity)) adults.set(identity, fact);
    };
    if (m.bookingRef && !agencyGroup(m, p.exemptAgencyGroupsOfAtLeast)) {
      for (const a of bookingCompanions(view, m)) {
        if (
          ageBand(a, p.minorAgeBelow, p.adultAgeFrom) === 'adult' &&
          assessKinship(kinOfView(m), kinOfView(a)).kinship === 'UNLIKELY'
        ) {
          add(identityOfView(a), {
            ref: a.traveller.ref,
            surname: a.traveller.surname,
            date: day(now),
            service: view.manifest.journey.serviceNumber,
          });
        }
      }
    }
    for (const past of history.byIdentity(identityOfView(m))) {
      if (!within(past, now, p.windowDays)) continue;
      for (const a of history.companions(past)) {
        if (
          isAdultAt(a.dateOfBirth, a.departureAt, p.adultAgeFrom) &&
          assessKinship(kinOfRow(past), kinOfRow(a)).kinship === 'UNLIKELY'
        ) {
          add(a.identity, { ref: a.ref, surname: a.surname, date: day(a.departureAt), service: a.serviceNumber });
        }
      }
    }
    if (adults.size >= p.minAdults)
      out.push({
        travellerRef: m.traveller.ref,
        facts: {
          minor: { ref: m.traveller.ref, age: describeAge(m) },
          windowDays: p.windowDays,
          differentUnrelatedAdults: [...adults.values()],
        },
      });
  }
  return out;
}

/** One non-travelling payer or personal contact booking many unrelated travellers. */
export function repeatPayer({ view, history }: RuleContext, p: ParamsOf<'repeat-payer'>): Firing[] {
  const now = view.manifest.journey.departure.scheduled;
  const travellingNames = new Set(
    view.travellers.map((v) => canonicalName(`${v.traveller.givenNames} ${v.traveller.surname}`)),
  );
  const byKey = new Map<string, TravellerView[]>();
  for (const v of view.travellers) {
    const b = v.traveller.booking;
    if (!b || b.agency) continue;
    const keys = [...contactKeys(v.traveller)];
    if (b.payer && !travellingNames.has(canonicalName(b.payer))) keys.push(payerKey(b.payer));
    for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), v]);
  }
  const fired = new Map<string, Firing>();
  for (const [key, current] of byKey) {
    const people = new Map<string, { ref: string; surname: string; date: string }>();
    const journeys = new Set<string>(['current']);
    for (const v of current)
      people.set(identityOfView(v), { ref: v.traveller.ref, surname: v.traveller.surname, date: day(now) });
    for (const r of history.byKey(key)) {
      if (!within(r, now, p.windowDays)) continue;
      people.set(r.identity, { ref: r.ref, surname: r.surname, date: day(r.departureAt) });
      journeys.add(r.journeyKey);
    }
    const families = new Set([...people.values()].map((x) => canonicalName(x.surname))).size;
    // Repeated over journeys: one group on one journey is the one-way-group rule's to judge.
    if (people.size < p.minTravellers || families < p.minFamilies || journeys.size < p.minJourneys) continue;
    for (const v of current) {
      if (!fired.has(v.traveller.ref))
        fired.set(v.traveller.ref, {
          travellerRef: v.traveller.ref,
          facts: {
            sharedPayerOrContact: key.replace(/^(payer|tel|mail):/, ''),
            windowDays: p.windowDays,
            travellers: [...people.values()],
            surnames: families,
          },
        });
    }
  }
  return [...fired.values()];
}

/** One travel document seen with another name or date of birth on an earlier journey. */
export function identityInconsistent({ view, history }: RuleContext, p: ParamsOf<'identity-inconsistent'>): Firing[] {
  const now = view.manifest.journey.departure.scheduled;
  const out: Firing[] = [];
  for (const v of view.travellers) {
    const t = v.traveller;
    const given = canonicalName(t.givenNames);
    const surname = canonicalName(t.surname);
    const conflicts: Array<Record<string, unknown>> = [];
    for (const d of t.documents) {
      for (const r of history.byDocument(documentKey(d))) {
        if (!within(r, now, p.windowDays)) continue;
        const sameGiven = canonicalName(r.givenNames) === given;
        const sameSurname = canonicalName(r.surname) === surname;
        const sameDob = (r.dateOfBirth ?? '') === (t.dateOfBirth ?? '') || !r.dateOfBirth || !t.dateOfBirth;
        // A new surname with the same given names and date of birth is a marriage, not a conflict.
        const surnameChangeOnly = !sameSurname && sameGiven && sameDob && p.allowSurnameChange;
        if ((sameGiven && sameSurname && sameDob) || surnameChangeOnly) continue;
        conflicts.push({
          document: `${d.type} ${d.number} (${d.issuingCountry})`,
          earlier: { ...journeyFacts(r), surname: r.surname, givenNames: r.givenNames, dateOfBirth: r.dateOfBirth },
          now: { surname: t.surname, givenNames: t.givenNames, dateOfBirth: t.dateOfBirth },
        });
      }
    }
    if (conflicts.length > 0) out.push({ travellerRef: t.ref, facts: { conflicts } });
  }
  return out;
}
