import type { RuleContext } from '../context.ts';
import { agencyGroup, bookingCompanions, kinOfView } from '../context.ts';
import type { Firing } from '../engine-types.ts';
import { assessKinship } from '../kinship.ts';
import { ageBand, describeAge } from '../manifest-view.ts';
import type { ParamsOf } from '../rule-schema.ts';

/**
 * A minor whose travelling companions (the adults on the same booking, or every adult on a manifest
 * that carries no booking data) include nobody plausibly family. Fires only when every companion is
 * UNLIKELY: one UNKNOWN companion is enough to hold back.
 */
export function minorWithUnrelatedAdults(
  { view }: RuleContext,
  params: ParamsOf<'minor-with-unrelated-adults'>,
): Firing[] {
  const firings: Firing[] = [];
  for (const v of view.travellers) {
    if (v.traveller.role !== 'passenger') continue;
    if (ageBand(v, params.minorAgeBelow, params.adultAgeFrom) !== 'minor') continue;
    if (v.traveller.unaccompaniedMinor || agencyGroup(v, params.exemptAgencyGroupsOfAtLeast)) continue;
    const companions = bookingCompanions(view, v).filter(
      (o) => ageBand(o, params.minorAgeBelow, params.adultAgeFrom) === 'adult',
    );
    if (companions.length === 0) continue;
    const verdicts = companions.map((o) => ({ o, verdict: assessKinship(kinOfView(v), kinOfView(o)) }));
    if (verdicts.some(({ verdict }) => verdict.kinship !== 'UNLIKELY')) continue;

    firings.push({
      travellerRef: v.traveller.ref,
      facts: {
        minor: { ref: v.traveller.ref, surname: v.traveller.surname, age: describeAge(v) },
        travelDate: view.manifest.journey.departure.scheduled.slice(0, 10),
        companionsFrom: v.bookingRef ? `booking ${v.bookingRef}` : 'the whole manifest (no booking data)',
        adults: verdicts.map(({ o, verdict }) => ({
          ref: o.traveller.ref,
          surname: o.traveller.surname,
          age: describeAge(o),
          kinship: verdict.kinship,
          why: verdict.why,
        })),
      },
    });
  }
  return firings;
}
