import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Reason } from '../../domain/contracts/alert.ts';
import type { Directive } from '../../domain/contracts/common.ts';
import type { Journey, ManifestResponse, Traveller } from '../../domain/contracts/manifest.ts';
import { bookingLinks } from '../../domain/rules/booking-links.ts';
import type { PastTravel } from '../../domain/rules/history.ts';
import { INSERT_ALERT, newAlertValues } from '../alert-rows.ts';
import type { CurrentTraveller, NewAlert, Store, StoredManifestReceipt, TravellerOutcome } from '../store.ts';
import type { Tx } from './pg-store.ts';
import { INSERT_MANIFEST, manifestValues, numbered } from '../shared-statements.ts';

type ManifestMethods = Pick<
  Store,
  | 'findReceipt'
  | 'currentTravellers'
  | 'recordManifest'
  | 'recordFollowUp'
  | 'activeJourneys'
  | 'journeyByKey'
  | 'journeyKeysOn'
  | 'currentAlerts'
>;

interface VersionRow {
  ref: string;
  data_sha256: string | null;
  data_json: string | null;
  directive: Directive | null;
  complete: boolean;
  status: 'active' | 'withdrawn';
  links: string | null;
  list_version: string | null;
  rules_version: string | null;
}

/** A version whose traveller is parsed only when read: a check-in reads the few it relates to. */
function currentOf(r: VersionRow): CurrentTraveller {
  let traveller: Traveller | null | undefined;
  let links: readonly string[] | undefined;
  const parsed = () => (traveller ??= r.data_json ? (JSON.parse(r.data_json) as Traveller) : null);
  return {
    ref: r.ref,
    dataSha256: r.data_sha256 ?? '',
    directive: r.directive ?? 'CONTACT_AUTHORITY',
    complete: r.complete,
    status: r.status,
    listVersion: r.list_version,
    rulesVersion: r.rules_version,
    get traveller() {
      return parsed();
    },
    get links() {
      if (links === undefined) {
        const t = r.links ? null : parsed();
        links = r.links ? (JSON.parse(r.links) as string[]) : t ? bookingLinks(t) : [];
      }
      return links;
    },
  };
}

/**
 * Manifests and what they cause, on PostgreSQL. A messageRef is stored once by a unique constraint
 * (two instances receiving the same message at once: one inserts, the other reads the receipt);
 * traveller versions are read fresh (no per-instance cache: another instance may have written).
 */
export function pgManifestMethods(pool: pg.Pool, tx: Tx): ManifestMethods {
  const receipt = async (
    db: pg.Pool | pg.PoolClient,
    carrier: string,
    messageRef: string,
  ): Promise<StoredManifestReceipt | null> => {
    const row = (
      await db.query<{
        id: string;
        body_sha256: string;
        response_json: string;
        list_version: string | null;
        rules_version: string | null;
      }>(
        'SELECT id, body_sha256, response_json, list_version, rules_version FROM manifests WHERE carrier = $1 AND message_ref = $2',
        [carrier, messageRef],
      )
    ).rows[0];
    return row
      ? {
          manifestId: row.id,
          bodySha256: row.body_sha256,
          response: JSON.parse(row.response_json) as ManifestResponse,
          listVersion: row.list_version,
          rulesVersion: row.rules_version,
        }
      : null;
  };

  const writeOutcomes = async (
    c: pg.PoolClient,
    journeyKey: string,
    manifestId: string,
    outcomes: TravellerOutcome[],
    at: string,
  ) => {
    if (outcomes.length === 0) return;
    await c.query(
      `INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, data_sha256, data_json, directive, complete, recorded_at, links, list_version, rules_version)
       SELECT $1, o.ref, $2, 'active', o.sha, o.data, o.directive, o.complete, $3, o.links, o.lv, o.rv
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[], $11::text[]) AS o(ref, sha, data, directive, complete, links, lv, rv)`,
      [
        journeyKey,
        manifestId,
        at,
        outcomes.map((o) => o.traveller.ref),
        outcomes.map((o) => o.dataSha256),
        outcomes.map((o) => JSON.stringify(o.traveller)),
        outcomes.map((o) => o.directive),
        outcomes.map((o) => o.complete),
        outcomes.map((o) => JSON.stringify(bookingLinks(o.traveller))),
        outcomes.map((o) => o.listVersion),
        outcomes.map((o) => o.rulesVersion),
      ],
    );
  };

  const writeAlerts = async (
    c: pg.PoolClient,
    journeyKey: string,
    manifestId: string,
    arrival: string,
    alerts: NewAlert[],
    at: string,
  ) => {
    for (const a of alerts) {
      await c.query(numbered(INSERT_ALERT), newAlertValues(a, { manifestId, journeyKey, arrival, at }));
      await c.query(
        'UPDATE alerts SET superseded_by = $1 WHERE journey_key = $2 AND traveller_ref = $3 AND superseded_by IS NULL AND id <> $1',
        [a.id, journeyKey, a.travellerRef],
      );
    }
  };

  // Three statements however many travellers: a 500-traveller manifest made 1,500 round trips.
  const writeHistory = async (c: pg.PoolClient, rows: PastTravel[], withdrawn: string[], journeyKey: string) => {
    const gone = [...withdrawn, ...rows.filter((r) => r.journeyKey === journeyKey).map((r) => r.ref)];
    if (gone.length > 0)
      await c.query('DELETE FROM travel_history WHERE journey_key = $1 AND ref = ANY($2::text[])', [journeyKey, gone]);
    for (const r of rows.filter((x) => x.journeyKey !== journeyKey))
      await c.query('DELETE FROM travel_history WHERE journey_key = $1 AND ref = $2', [r.journeyKey, r.ref]);
    if (rows.length === 0) return;
    const ids = (
      await c.query<{ id: number; ref: string }>(
        `INSERT INTO travel_history (journey_key, ref, departure_at, identity, booking_ref, row_json)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) RETURNING id, ref`,
        [
          rows.map((r) => r.journeyKey),
          rows.map((r) => r.ref),
          rows.map((r) => r.departureAt),
          rows.map((r) => r.identity),
          rows.map((r) => r.bookingRef),
          rows.map((r) => JSON.stringify(r)),
        ],
      )
    ).rows;
    const idOf = new Map(ids.map((x) => [x.ref, x.id]));
    const keys: string[] = [];
    const owners: number[] = [];
    for (const r of rows) {
      for (const k of new Set([
        ...r.documentKeys,
        ...r.contactKeys,
        ...r.guardianKeys,
        ...(r.payerKey ? [r.payerKey] : []),
      ])) {
        keys.push(k);
        owners.push(idOf.get(r.ref) as number);
      }
    }
    if (keys.length > 0)
      await c.query(
        'INSERT INTO travel_history_keys (key, history_id) SELECT * FROM unnest($1::text[], $2::bigint[])',
        [keys, owners],
      );
  };

  return {
    findReceipt: (carrier, messageRef) => receipt(pool, carrier, messageRef),
    async currentTravellers(journeyKey) {
      const rows = (
        await pool.query<VersionRow>(
          'SELECT DISTINCT ON (ref) ref, data_sha256, data_json, directive, complete, status, links, list_version, rules_version FROM traveller_versions WHERE journey_key = $1 ORDER BY ref, id DESC',
          [journeyKey],
        )
      ).rows;
      return rows.map(currentOf);
    },
    recordManifest: (record) =>
      tx(async (c) => {
        const at = record.receivedAt;
        const existing = await receipt(c, record.carrier, record.messageRef);
        if (record.replay && existing && existing.bodySha256 === record.bodySha256) {
          await c.query(
            'UPDATE manifests SET response_json = $1, list_version = $2, rules_version = $3 WHERE id = $4',
            [JSON.stringify(record.response), record.listVersion, record.rulesVersion, existing.manifestId],
          );
        } else {
          if (existing) return { stored: false, existing };
          // The constraint decides between two instances inserting the same message at once.
          const inserted = await c.query(
            `${numbered(INSERT_MANIFEST)} ON CONFLICT (carrier, message_ref) DO NOTHING`,
            manifestValues(record, at),
          );
          if (inserted.rowCount === 0) {
            const other = await receipt(pool, record.carrier, record.messageRef);
            if (other) return { stored: false, existing: other };
          }
        }
        await c.query(
          `INSERT INTO journeys (key, id, journey_json, arrival_scheduled, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (key) DO UPDATE SET journey_json = excluded.journey_json, arrival_scheduled = excluded.arrival_scheduled, updated_at = excluded.updated_at`,
          [record.journeyKey, randomUUID(), JSON.stringify(record.journey), record.journey.arrival.scheduled, at],
        );
        await writeOutcomes(c, record.journeyKey, record.manifestId, record.outcomes, at);
        for (const ref of record.withdrawn) {
          await c.query(
            `INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, complete, recorded_at) VALUES ($1, $2, $3, 'withdrawn', true, $4)`,
            [record.journeyKey, ref, record.manifestId, at],
          );
        }
        await writeAlerts(c, record.journeyKey, record.manifestId, record.journey.arrival.scheduled, record.alerts, at);
        for (const l of record.links ?? []) {
          const inForce = (ref: string) =>
            c.query<{ id: string; status: string }>(
              'SELECT id, status FROM alerts WHERE journey_key = $1 AND traveller_ref = $2 AND superseded_by IS NULL',
              [record.journeyKey, ref],
            );
          const held = (await inForce(l.from)).rows[0];
          if (!held) continue;
          const target = (await inForce(l.to)).rows[0];
          if (target) await c.query('UPDATE alerts SET superseded_by = $1 WHERE id = $2', [target.id, held.id]);
          else if (held.status === 'open') {
            await c.query("UPDATE alerts SET status = 'closed', claimed_by = NULL WHERE id = $1", [held.id]);
            await c.query(
              "INSERT INTO alert_events (alert_id, at, principal, action, outcome, note) VALUES ($1, $2, 'paxscreen', 'auto-close', NULL, $3)",
              [
                held.id,
                at,
                `The booking traveller is now known from the travel document (traveller ${l.to}), screened with it: nothing found.`,
              ],
            );
          }
        }
        await writeHistory(c, record.history, record.withdrawn, record.journeyKey);
        return { stored: true as const };
      }),
    recordFollowUp: (u) =>
      tx(async (c) => {
        const at = new Date().toISOString();
        const arrival =
          (
            await c.query<{ arrival_scheduled: string }>('SELECT arrival_scheduled FROM journeys WHERE key = $1', [
              u.journeyKey,
            ])
          ).rows[0]?.arrival_scheduled ?? at;
        // A newer carrier message may have changed or withdrawn the traveller meanwhile: that result is dropped.
        const latest = new Map(
          (
            await c.query<{ ref: string; data_sha256: string | null; status: string }>(
              'SELECT DISTINCT ON (ref) ref, data_sha256, status FROM traveller_versions WHERE journey_key = $1 ORDER BY ref, id DESC',
              [u.journeyKey],
            )
          ).rows.map((r) => [r.ref, r]),
        );
        const kept = u.outcomes.filter((o) => {
          const r = latest.get(o.traveller.ref);
          return r?.status === 'active' && r.data_sha256 === o.dataSha256;
        });
        const keptRefs = new Set(kept.map((o) => o.traveller.ref));
        await writeOutcomes(c, u.journeyKey, u.origin, kept, at);
        await writeAlerts(
          c,
          u.journeyKey,
          u.origin,
          arrival,
          u.alerts.filter(
            (a) => keptRefs.has(a.travellerRef) || !u.outcomes.some((o) => o.traveller.ref === a.travellerRef),
          ),
          at,
        );
        for (const x of u.autoClose) {
          const closed = await c.query(
            "UPDATE alerts SET status = 'closed', claimed_by = NULL WHERE id = $1 AND status = 'open' AND superseded_by IS NULL",
            [x.alertId],
          );
          if ((closed.rowCount ?? 0) > 0)
            await c.query(
              "INSERT INTO alert_events (alert_id, at, principal, action, outcome, note) VALUES ($1, $2, 'paxscreen', 'auto-close', NULL, $3)",
              [x.alertId, at, x.note],
            );
        }
      }),
    async journeyKeysOn(carrier, port, date) {
      const rows = (
        await pool.query<{ key: string }>('SELECT key FROM journeys WHERE key >= $1 AND key < $2 AND key LIKE $3', [
          `${carrier}|`,
          `${carrier}}`,
          `${carrier}|%|${port}|${date}`,
        ])
      ).rows;
      return rows.map((r) => r.key);
    },
    async journeyByKey(key) {
      const r = (await pool.query<{ journey_json: string }>('SELECT journey_json FROM journeys WHERE key = $1', [key]))
        .rows[0];
      return r ? (JSON.parse(r.journey_json) as Journey) : null;
    },
    async activeJourneys(arrivingAfter) {
      const rows = (
        await pool.query<{ key: string; journey_json: string }>(
          'SELECT key, journey_json FROM journeys WHERE arrival_scheduled > $1 ORDER BY arrival_scheduled',
          [arrivingAfter],
        )
      ).rows;
      return rows.map((r) => ({ key: r.key, journey: JSON.parse(r.journey_json) as Journey }));
    },
    async currentAlerts(journeyKey) {
      const rows = (
        await pool.query<{ id: string; traveller_ref: string; status: 'open'; reasons_json: string }>(
          'SELECT id, traveller_ref, status, reasons_json FROM alerts WHERE journey_key = $1 AND superseded_by IS NULL',
          [journeyKey],
        )
      ).rows;
      return new Map(
        rows.map((r) => [
          r.traveller_ref,
          { id: r.id, status: r.status, reasons: JSON.parse(r.reasons_json) as Reason[] },
        ]),
      );
    },
  };
}
