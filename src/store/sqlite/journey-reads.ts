import type { StatementSync } from 'node:sqlite';
import type { AlertStatus, Outcome } from '../../domain/contracts/alert.ts';
import type { Directive } from '../../domain/contracts/common.ts';
import type { Journey, Traveller } from '../../domain/contracts/manifest.ts';
import type { Alert } from '../../domain/contracts/alert.ts';
import type { JourneyTraveller, Store } from '../store.ts';
import type { AlertTargetRow } from '../target-rows.ts';
import { describeTargetRows } from '../target-rows.ts';

type JourneyReads = Pick<Store, 'journeyTravellers' | 'searchableTravellers' | 'travellerVersions' | 'describeTargets'>;

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
    ).all(JSON.stringify(keys)) as Array<{
      id: string;
      journey_key: string;
      traveller_ref: string;
      status: AlertStatus;
      priority: Alert['priority'];
      score: number;
      outcome: string | null;
    }>;
    for (const r of rows)
      out.set(`${r.journey_key}|${r.traveller_ref}`, {
        id: r.id,
        status: r.status,
        priority: r.priority,
        score: r.score,
        outcome: (r.outcome as Outcome | null) ?? null,
      });
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
      const j = stmt('SELECT key, journey_json FROM journeys WHERE id = ?').get(journeyId) as
        { key: string; journey_json: string } | undefined;
      if (!j) return null;
      const rows = stmt(
        `SELECT ? AS journey_id, tv.journey_key, ? AS journey_json, tv.data_json, tv.directive, tv.complete, tv.ref FROM traveller_versions tv
         WHERE tv.id IN (SELECT MAX(id) FROM traveller_versions WHERE journey_key = ? GROUP BY ref) AND tv.status = 'active' AND tv.data_json IS NOT NULL
         ORDER BY tv.ref`,
      ).all(journeyId, j.journey_json, j.key) as unknown as Row[];
      return { journey: JSON.parse(j.journey_json) as Journey, journeyId, travellers: toTravellers(rows) };
    },
    async describeTargets(ids) {
      if (ids.length === 0) return new Map();
      const list = JSON.stringify([...new Set(ids)]);
      const alerts = stmt(
        `SELECT a.id, a.traveller_json, a.depersonalised_at, j.journey_json FROM alerts a JOIN journeys j ON j.key = a.journey_key WHERE a.id IN (SELECT value FROM json_each(?))`,
      ).all(list) as unknown as AlertTargetRow[];
      const journeys = stmt('SELECT id, journey_json FROM journeys WHERE id IN (SELECT value FROM json_each(?))').all(
        list,
      ) as Array<{ id: string; journey_json: string }>;
      return describeTargetRows(alerts, journeys);
    },
    async searchableTravellers(arrivingAfter, max) {
      // JSON fields are read by SQLite; only what search compares crosses into JavaScript.
      const rows = stmt(
        `SELECT tv.id, json_extract(j.journey_json, '$.carrier') AS carrier, json_extract(j.journey_json, '$.serviceNumber') AS service,
                json_extract(tv.data_json, '$.surname') AS surname, json_extract(tv.data_json, '$.givenNames') AS given,
                json_extract(tv.data_json, '$.booking.ref') AS booking,
                (SELECT json_group_array(json_extract(d.value, '$.number')) FROM json_each(tv.data_json, '$.documents') d) AS numbers
         FROM journeys j JOIN traveller_versions tv ON tv.journey_key = j.key
         WHERE j.arrival_scheduled > ? AND j.depersonalised_at IS NULL AND tv.status = 'active' AND tv.data_json IS NOT NULL
           AND tv.id = (SELECT MAX(id) FROM traveller_versions x WHERE x.journey_key = tv.journey_key AND x.ref = tv.ref)
         ORDER BY j.arrival_scheduled DESC, tv.id LIMIT ?`,
      ).all(arrivingAfter, max) as Array<{
        id: number;
        carrier: string;
        service: string;
        surname: string;
        given: string;
        booking: string | null;
        numbers: string;
      }>;
      return rows.map((r) => ({
        versionId: r.id,
        carrier: r.carrier,
        serviceNumber: r.service,
        surname: r.surname,
        givenNames: r.given,
        bookingRef: r.booking,
        documentNumbers: JSON.parse(r.numbers) as string[],
      }));
    },
    async travellerVersions(versionIds) {
      if (versionIds.length === 0) return new Map();
      const rows = stmt(
        `SELECT tv.id, j.id AS journey_id, tv.journey_key, j.journey_json, tv.data_json, tv.directive, tv.complete, tv.ref
         FROM traveller_versions tv JOIN journeys j ON j.key = tv.journey_key WHERE tv.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(versionIds)) as unknown as Array<Row & { id: number }>;
      const found = toTravellers(rows);
      return new Map(rows.map((r, i) => [r.id, found[i] as JourneyTraveller]));
    },
  };
}
