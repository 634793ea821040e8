import type { Journey, Traveller } from '../domain/contracts/manifest.ts';
import type { TargetDescription } from './store.ts';

export interface AlertTargetRow {
  id: string;
  traveller_json: string;
  depersonalised_at: string | null;
  journey_json: string;
}

/** Alerts and journeys named in audit rows, described from their stored rows (both back ends). */
export function describeTargetRows(
  alerts: AlertTargetRow[],
  journeys: Array<{ id: string; journey_json: string }>,
): Map<string, TargetDescription> {
  const out = new Map<string, TargetDescription>();
  const flight = (json: string) => {
    const j = JSON.parse(json) as Journey;
    return { carrier: j.carrier, serviceNumber: j.serviceNumber, arrivalScheduled: j.arrival.scheduled };
  };
  for (const a of alerts) {
    const t = a.depersonalised_at ? null : (JSON.parse(a.traveller_json) as Traveller);
    out.set(a.id, {
      kind: 'alert',
      traveller: t ? { surname: t.surname, givenNames: t.givenNames } : null,
      ...flight(a.journey_json),
    });
  }
  for (const r of journeys) out.set(r.id, { kind: 'journey', traveller: null, ...flight(r.journey_json) });
  return out;
}
