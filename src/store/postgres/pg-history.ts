import type pg from 'pg';
import type { Outcome, Reason } from '../../domain/contracts/alert.ts';
import type { PastTravel } from '../../domain/rules/history.ts';
import { depersonaliseReasons, keptForReferral, REMOVED_TRAVELLER_JSON } from '../../domain/retention.ts';
import type { Store } from '../store.ts';
import { emptyRetentionReport } from '../store.ts';
import type { Tx } from './pg-store.ts';

type HistoryMethods = Pick<Store, 'travelHistory' | 'purgeHistoryBefore' | 'purgeRetained'>;

const JOURNEYS_PER_BATCH = 100;

/** Travel history as the rules read it, and retention, on PostgreSQL. */
export function pgHistoryMethods(pool: pg.Pool, tx: Tx): HistoryMethods {
  return {
    async travelHistory(q) {
      const keys = [...new Set([...q.documentKeys, ...q.contactKeys, ...q.guardianKeys, ...q.payerKeys])];
      const identities = [...new Set(q.identities)];
      if (keys.length === 0 && identities.length === 0) return [];
      const direct = (
        await pool.query<{ id: number; journey_key: string; booking_ref: string | null; row_json: string }>(
          `SELECT DISTINCT h.id, h.journey_key, h.booking_ref, h.row_json FROM travel_history h
         WHERE h.departure_at >= $1 AND h.departure_at < $2
           AND (h.identity = ANY($3::text[]) OR h.id IN (SELECT history_id FROM travel_history_keys WHERE key = ANY($4::text[])))`,
          [q.since, q.before, identities, keys],
        )
      ).rows;
      const rows = new Map(direct.map((r) => [r.id, r.row_json]));
      const bookings = [
        ...new Set(direct.filter((r) => r.booking_ref).map((r) => `${r.journey_key}\u0000${r.booking_ref}`)),
      ];
      if (bookings.length > 0) {
        const companions = (
          await pool.query<{ id: number; row_json: string }>(
            `SELECT h.id, h.row_json FROM travel_history h JOIN unnest($1::text[], $2::text[]) AS b(jk, br) ON h.journey_key = b.jk AND h.booking_ref = b.br`,
            [bookings.map((b) => b.split('\u0000')[0]), bookings.map((b) => b.split('\u0000')[1])],
          )
        ).rows;
        for (const c of companions) rows.set(c.id, c.row_json);
      }
      return [...rows.values()].map((j) => JSON.parse(j) as PastTravel);
    },
    async purgeHistoryBefore(isoDate) {
      return tx(
        async (c) => (await c.query('DELETE FROM travel_history WHERE departure_at < $1', [isoDate])).rowCount ?? 0,
      );
    },
    async purgeRetained(policy) {
      const report = emptyRetentionReport();
      const at = new Date().toISOString();
      const depersonalise = async (c: pg.PoolClient, id: string, reasonsJson: string) => {
        await c.query(
          'UPDATE alerts SET traveller_json = $1, reasons_json = $2, depersonalised_at = $3 WHERE id = $4',
          [REMOVED_TRAVELLER_JSON, JSON.stringify(depersonaliseReasons(JSON.parse(reasonsJson) as Reason[])), at, id],
        );
        await c.query('UPDATE alert_events SET note = NULL WHERE alert_id = $1', [id]);
      };
      for (;;) {
        const done = await tx(async (c) => {
          // SKIP LOCKED: two instances purging at once share the work instead of waiting on each other.
          const keys = (
            await c.query<{ key: string }>(
              'SELECT key FROM journeys WHERE arrival_scheduled < $1 AND depersonalised_at IS NULL LIMIT $2 FOR UPDATE SKIP LOCKED',
              [policy.before, JOURNEYS_PER_BATCH],
            )
          ).rows.map((r) => r.key);
          for (const key of keys) {
            const travellers =
              (
                await c.query<{ n: number }>(
                  'SELECT COUNT(DISTINCT ref) AS n FROM traveller_versions WHERE journey_key = $1',
                  [key],
                )
              ).rows[0]?.n ?? 0;
            report.travellerVersions +=
              (await c.query('DELETE FROM traveller_versions WHERE journey_key = $1', [key])).rowCount ?? 0;
            report.manifests += (await c.query('DELETE FROM manifests WHERE journey_key = $1', [key])).rowCount ?? 0;
            report.historyRows +=
              (await c.query('DELETE FROM travel_history WHERE journey_key = $1', [key])).rowCount ?? 0;
            for (const a of (
              await c.query<{ id: string; outcome: Outcome | null; reasons_json: string }>(
                'SELECT id, outcome, reasons_json FROM alerts WHERE journey_key = $1 AND depersonalised_at IS NULL',
                [key],
              )
            ).rows) {
              if (keptForReferral(a.outcome)) continue;
              await depersonalise(c, a.id, a.reasons_json);
              report.alerts++;
            }
            await c.query('UPDATE journeys SET depersonalised_at = $1, traveller_count = $2 WHERE key = $3', [
              at,
              travellers,
              key,
            ]);
            report.journeys++;
          }
          return keys.length < JOURNEYS_PER_BATCH;
        });
        if (done) break;
      }
      for (;;) {
        const done = await tx(async (c) => {
          const rows = (
            await c.query<{ id: string; outcome: Outcome | null; reasons_json: string }>(
              'SELECT id, outcome, reasons_json FROM alerts WHERE arrival_scheduled < $1 AND depersonalised_at IS NULL LIMIT $2 FOR UPDATE SKIP LOCKED',
              [policy.referralsBefore, JOURNEYS_PER_BATCH],
            )
          ).rows;
          for (const a of rows) {
            await depersonalise(c, a.id, a.reasons_json);
            if (keptForReferral(a.outcome)) report.referralAlerts++;
            else report.alerts++;
          }
          return rows.length < JOURNEYS_PER_BATCH;
        });
        if (done) break;
      }
      report.historyRows += await tx(
        async (c) =>
          (await c.query('DELETE FROM travel_history WHERE departure_at < $1', [policy.before])).rowCount ?? 0,
      );
      // PNR data is kept no longer than API data.
      report.bookings += await tx(async (c) => {
        await c.query('DELETE FROM booking_pushes WHERE received_at < $1', [policy.before]);
        return (await c.query('DELETE FROM bookings WHERE departure_at < $1', [policy.before])).rowCount ?? 0;
      });
      return report;
    },
  };
}
