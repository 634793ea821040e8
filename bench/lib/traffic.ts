/**
 * Realistic carrier traffic for load tests: names from the SDN list (some travellers are listed
 * people) and synthetic names in many languages, families with children, some children booked with
 * unrelated adults.
 */
import type { ManifestInput, TravellerInput } from '../../src/domain/contracts/manifest.ts';
import type { WatchlistEntry } from '../../src/domain/contracts/watchlist.ts';
import { canonicalName } from '../../src/domain/names/normalise.ts';
import { pick, rng, syntheticPerson } from './synthetic.ts';

export function trafficGenerator(listed: WatchlistEntry[], seed = 1) {
  const r = rng(seed);
  let n = 0;
  const person = (ref: string, booking: string, child = false): TravellerInput => {
    n++;
    const e = listed.length > 0 && r() < 0.02 ? pick(r, listed) : null;
    const p = syntheticPerson(r);
    const listedName = e?.names[0];
    return {
      ref,
      role: 'passenger',
      surname: listedName?.surname ? canonicalName(listedName.surname) : canonicalName(p.surname),
      givenNames: listedName?.surname ? canonicalName(listedName.givenNames ?? '') : canonicalName(p.givenNames),
      dateOfBirth: child
        ? `20${String(10 + Math.floor(r() * 8)).padStart(2, '0')}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`
        : p.dateOfBirth,
      nationality: 'GBR',
      documents: [{ type: 'P', number: `LT${seed}X${n}`, issuingCountry: 'GBR' }],
      booking: {
        ref: booking,
        bookedAt: '2026-11-20T10:00:00Z',
        payment: r() < 0.05 ? 'cash' : 'card',
        ticket: r() < 0.2 ? 'one-way' : 'return',
      },
    };
  };
  const travellers = (count: number, prefix: string): TravellerInput[] => {
    const out: TravellerInput[] = [];
    let b = 0;
    while (out.length < count) {
      const booking = `${prefix}B${b++}`;
      const adult = person(`${prefix}T${out.length}`, booking);
      out.push(adult);
      if (out.length < count && r() < 0.25) {
        // a child: usually family (same surname), sometimes not
        const child = person(`${prefix}T${out.length}`, booking, true);
        if (r() < 0.8) child.surname = adult.surname;
        out.push(child);
      }
    }
    return out;
  };
  let message = 0;
  const journey = (i: number): ManifestInput['journey'] => ({
    mode: 'air',
    carrier: 'BA',
    serviceNumber: `BA${1000 + (i % 500)}`,
    departure: { port: 'CDG', country: 'FRA', scheduled: '2026-12-10T08:00:00Z' },
    arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-10T09:15:00Z' },
  });
  return {
    manifest(size: number): ManifestInput {
      const i = message++;
      return {
        messageRef: `LOAD-${seed}-${i}`,
        kind: 'new',
        journey: journey(i),
        travellers: travellers(size, `M${seed}-${i}-`),
      };
    },
    check(): { journey: ManifestInput['journey']; traveller: TravellerInput } {
      const i = message++;
      return { journey: journey(i), traveller: travellers(1, `C${seed}-${i}-`)[0] as TravellerInput };
    },
  };
}
