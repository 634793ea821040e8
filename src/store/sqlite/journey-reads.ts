import type { StatementSync } from 'node:sqlite';
import type { AlertStatus, Outcome } from '../../domain/contracts/alert.ts';
import type { Directive } from '../../domain/contracts/common.ts';
import type { Journey, Traveller } from '../../domain/contracts/manifest.ts';
import type { Alert } from '../../domain/contracts/alert.ts';
import type { JourneyTraveller, Store, TargetDescription } from '../store.ts';

type JourneyReads = Pick<Store, 'journeyTravellers' | 'travellersArrivingAfter' | 'describeTargets'>;

interface Row {
  journey_id: string;
  journey_key: string;
  journey_json: string;
  data_json: string;
  directive: string | null;
  complete: number;
  ref: string;
}

/** What officers read across a journey: the latest active version of each traveller, and the alert in force. */
export function journeyReads(stmt: (sql: string) => StatementSync): JourneyReads {
  const alertsOf = (keys: string[]) => {
    const out = new Map<string, JourneyTraveller['alert']>();
    if (keys.length === 0) return out;
    const rows = stmt(
      `SELECT id, journey_key, traveller_ref, status, priority, score, outcome FROM alerts
       WHERE superseded_by IS NULL AND journey_key IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(keys)) as Array<{ id: string; journey_key: string; traveller_ref: string; status: AlertStatus; priority: Alert['priority']; score: number; outcome: string | null }>;
    for (const r of rows) out.set(`${r.journey_key}|${r.traveller_ref}`, { id: r.id, status: r.status, priority: r.priority, score: r.score, outcome: (r.outcome as Outcome | null) ?? null });
    return out;
  };
  const toTravellers = (rows: Row[]): JourneyTraveller[] => {
    const alerts = alertsOf([...new Set(rows.map((r) => r.journey_key))]);
    const journeys = new Map<string, Journey>();
    return rows.map((r) => {
      let journey = journeys.get(r.journey_key);
      if (!journey) journeys.set(r.journey_key, (journey = JSON.parse(r.journey_json) as Journey));
      return {
        journeyId: r.journey_id,
        journeyKey: r.journey_key,
        journey,
        traveller: JSON.parse(r.data_json) as Traveller,
        directive: (r.directive as Directive | null) ?? null,
        complete: r.complete === 1,
        alert: alerts.get(`${r.journey_key}|${r.ref}`) ?? null,
      };
    });
  };
  return {
    async journeyTravellers(journeyId) {
      const j = stmt('SELECT key, journey_json FROM journeys WHERE id = ?').get(journeyId) as { key: string; journey_json: string } | undefined;
      if (!j) return null;
      const rows = stmt(
        `SELECT ? AS journey_id, tv.journey_key, ? AS journey_json, tv.data_json, tv.directive, tv.complete, tv.ref FROM traveller_versions tv
         WHERE tv.id IN (SELECT MAX(id) FROM traveller_versions WHERE journey_key = ? GROUP BY ref) AND tv.status = 'active' AND tv.data_json IS NOT NULL
         ORDER BY tv.ref`,
      ).all(journeyId, j.journey_json, j.key) as unknown as Row[];
      return { journey: JSON.parse(j.journey_json) as Journey, journeyId, travellers: toTravellers(rows) };
    },
    async describeTargets(ids) {
      const out = new Map<string, TargetDescription>();
      if (ids.length === 0) return out;
      const list = JSON.stringify([...new Set(ids)]);
      const alerts = stmt(
        `SELECT a.id, a.traveller_json, a.depersonalised_at, j.journey_json FROM alerts a JOIN journeys j ON j.key = a.journey_key WHERE a.id IN (SELECT value FROM json_each(?))`,
      ).all(list) as Array<{ id: string; traveller_json: string; depersonalised_at: string | null; journey_json: string }>;
      for (const a of alerts) {
        const j = JSON.parse(a.journey_json) as Journey;
        const t = a.depersonalised_at ? null : (JSON.parse(a.traveller_json) as Traveller);
        out.set(a.id, { kind: 'alert', traveller: t ? { surname: t.surname, givenNames: t.givenNames } : null, carrier: j.carrier, serviceNumber: j.serviceNumber, arrivalScheduled: j.arrival.scheduled });
      }
      const journeys = stmt('SELECT id, journey_json FROM journeys WHERE id IN (SELECT value FROM json_each(?))').all(list) as Array<{ id: string; journey_json: string }>;
      for (const r of journeys) {
        const j = JSON.parse(r.journey_json) as Journey;
        out.set(r.id, { kind: 'journey', traveller: null, carrier: j.carrier, serviceNumber: j.serviceNumber, arrivalScheduled: j.arrival.scheduled });
      }
      return out;
    },
    async travellersArrivingAfter(arrivingAfter, max) {
      const rows = stmt(
        `SELECT j.id AS journey_id, tv.journey_key, j.journey_json, tv.data_json, tv.directive, tv.complete, tv.ref
         FROM journeys j JOIN traveller_versions tv ON tv.journey_key = j.key
         WHERE j.arrival_scheduled > ? AND j.depersonalised_at IS NULL AND tv.status = 'active' AND tv.data_json IS NOT NULL
           AND tv.id = (SELECT MAX(id) FROM traveller_versions x WHERE x.journey_key = tv.journey_key AND x.ref = tv.ref)
         ORDER BY j.arrival_scheduled DESC, tv.ref LIMIT ?`,
      ).all(arrivingAfter, max) as unknown as Row[];
      return toTravellers(rows);
    },
  };
}
