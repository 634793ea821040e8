import type pg from 'pg';
import type { Alert, AlertStatus, Outcome } from '../../domain/contracts/alert.ts';
import type { Directive } from '../../domain/contracts/common.ts';
import type { Journey, Traveller } from '../../domain/contracts/manifest.ts';
import type { JourneyTraveller, Store } from '../store.ts';
import type { AlertTargetRow } from '../target-rows.ts';
import { describeTargetRows } from '../target-rows.ts';

type ReadMethods = Pick<
  Store,
  'coTravellers' | 'journeyTravellers' | 'searchableTravellers' | 'travellerVersions' | 'describeTargets'
>;

interface Row {
  id: number;
  journey_id: string;
  journey_key: string;
  journey_json: string;
  data_json: string;
  directive: string | null;
  complete: boolean;
}

/** Latest version per traveller of the journeys asked for (a lateral join keeps it one index walk per traveller). */
const CURRENT = `SELECT DISTINCT ON (tv.journey_key, tv.ref) tv.id, j.id AS journey_id, tv.journey_key, j.journey_json, tv.data_json, tv.directive, tv.complete, tv.status
  FROM traveller_versions tv JOIN journeys j ON j.key = tv.journey_key`;

/** What officers read across journeys, on PostgreSQL. */
export function pgReadMethods(pool: pg.Pool): ReadMethods {
  const alertsOf = async (keys: string[]) => {
    const out = new Map<string, JourneyTraveller['alert']>();
    if (keys.length === 0) return out;
    const rows = (
      await pool.query<{
        id: string;
        journey_key: string;
        traveller_ref: string;
        status: AlertStatus;
        priority: Alert['priority'];
        score: number;
        outcome: Outcome | null;
      }>(
        'SELECT id, journey_key, traveller_ref, status, priority, score, outcome FROM alerts WHERE superseded_by IS NULL AND journey_key = ANY($1::text[])',
        [keys],
      )
    ).rows;
    for (const r of rows)
      out.set(`${r.journey_key}|${r.traveller_ref}`, {
        id: r.id,
        status: r.status,
        priority: r.priority,
        score: r.score,
        outcome: r.outcome,
      });
    return out;
  };
  const toTravellers = async (rows: Row[]): Promise<JourneyTraveller[]> => {
    const alerts = await alertsOf([...new Set(rows.map((r) => r.journey_key))]);
    return rows.map((r) => {
      const traveller = JSON.parse(r.data_json) as Traveller;
      return {
        journeyId: r.journey_id,
        journeyKey: r.journey_key,
        journey: JSON.parse(r.journey_json) as Journey,
        traveller,
        directive: (r.directive as Directive | null) ?? null,
        complete: r.complete,
        alert: alerts.get(`${r.journey_key}|${traveller.ref}`) ?? null,
      };
    });
  };
  return {
    async coTravellers(alertId) {
      const a = (
        await pool.query<{ journey_key: string; traveller_ref: string; traveller_json: string }>(
          'SELECT journey_key, traveller_ref, traveller_json FROM alerts WHERE id = $1',
          [alertId],
        )
      ).rows[0];
      if (!a) return [];
      const booking = (JSON.parse(a.traveller_json) as Traveller).booking?.ref;
      if (!booking) return [];
      const rows = (
        await pool.query<{ data_json: string | null; status: string }>(
          'SELECT DISTINCT ON (ref) data_json, status FROM traveller_versions WHERE journey_key = $1 AND ref <> $2 ORDER BY ref, id DESC',
          [a.journey_key, a.traveller_ref],
        )
      ).rows;
      return rows
        .filter((r) => r.status === 'active' && r.data_json)
        .map((r) => JSON.parse(r.data_json as string) as Traveller)
        .filter((t) => t.booking?.ref === booking)
        .map((t) => ({
          ref: t.ref,
          surname: t.surname,
          givenNames: t.givenNames,
          dateOfBirth: t.dateOfBirth,
          role: t.role,
        }));
    },
    async journeyTravellers(journeyId) {
      const j = (
        await pool.query<{ key: string; journey_json: string }>(
          'SELECT key, journey_json FROM journeys WHERE id = $1',
          [journeyId],
        )
      ).rows[0];
      if (!j) return null;
      const rows = (
        await pool.query<Row & { status: string }>(
          `${CURRENT} WHERE tv.journey_key = $1 ORDER BY tv.journey_key, tv.ref, tv.id DESC`,
          [j.key],
        )
      ).rows.filter((r) => r.status === 'active' && r.data_json);
      return { journey: JSON.parse(j.journey_json) as Journey, journeyId, travellers: await toTravellers(rows) };
    },
    async searchableTravellers(arrivingAfter, max) {
      const rows = (
        await pool.query<{
          id: number;
          carrier: string;
          service: string;
          surname: string;
          given: string;
          booking: string | null;
          numbers: string[] | null;
          status: string;
        }>(
          `SELECT * FROM (
           SELECT DISTINCT ON (tv.journey_key, tv.ref) tv.id, tv.status, j.arrival_scheduled,
             j.journey_json::json ->> 'carrier' AS carrier, j.journey_json::json ->> 'serviceNumber' AS service,
             tv.data_json::json ->> 'surname' AS surname, tv.data_json::json ->> 'givenNames' AS given,
             tv.data_json::json -> 'booking' ->> 'ref' AS booking,
             ARRAY(SELECT d ->> 'number' FROM json_array_elements(tv.data_json::json -> 'documents') d) AS numbers
           FROM traveller_versions tv JOIN journeys j ON j.key = tv.journey_key
           WHERE j.arrival_scheduled > $1 AND j.depersonalised_at IS NULL
           ORDER BY tv.journey_key, tv.ref, tv.id DESC
         ) t WHERE t.status = 'active' AND t.surname IS NOT NULL ORDER BY t.arrival_scheduled DESC, t.id LIMIT $2`,
          [arrivingAfter, max],
        )
      ).rows;
      return rows.map((r) => ({
        versionId: r.id,
        carrier: r.carrier,
        serviceNumber: r.service,
        surname: r.surname,
        givenNames: r.given ?? '',
        bookingRef: r.booking,
        documentNumbers: r.numbers ?? [],
      }));
    },
    async travellerVersions(versionIds) {
      if (versionIds.length === 0) return new Map();
      const rows = (
        await pool.query<Row>(
          'SELECT tv.id, j.id AS journey_id, tv.journey_key, j.journey_json, tv.data_json, tv.directive, tv.complete FROM traveller_versions tv JOIN journeys j ON j.key = tv.journey_key WHERE tv.id = ANY($1::bigint[]) AND tv.data_json IS NOT NULL',
          [versionIds],
        )
      ).rows;
      const found = await toTravellers(rows);
      return new Map(rows.map((r, i) => [r.id, found[i] as JourneyTraveller]));
    },
    async describeTargets(ids) {
      if (ids.length === 0) return new Map();
      const list = [...new Set(ids)];
      const alerts = (
        await pool.query<AlertTargetRow>(
          'SELECT a.id, a.traveller_json, a.depersonalised_at, j.journey_json FROM alerts a JOIN journeys j ON j.key = a.journey_key WHERE a.id = ANY($1::text[])',
          [list],
        )
      ).rows;
      const journeys = (
        await pool.query<{ id: string; journey_json: string }>(
          'SELECT id, journey_json FROM journeys WHERE id = ANY($1::text[])',
          [list],
        )
      ).rows;
      return describeTargetRows(alerts, journeys);
    },
  };
}
