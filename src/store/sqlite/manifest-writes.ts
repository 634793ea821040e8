import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ManifestResponse } from '../../domain/contracts/manifest.ts';
import type { PastTravel } from '../../domain/rules/history.ts';
import { bookingLinks } from '../../domain/rules/booking-links.ts';
import { INSERT_ALERT, newAlertValues } from '../alert-rows.ts';
import type {
  FollowUp,
  ManifestRecord,
  NewAlert,
  RecordResult,
  StoredManifestReceipt,
  TravellerOutcome,
} from '../store.ts';
import { INSERT_MANIFEST, manifestValues } from '../shared-statements.ts';

/** A stored manifest, with the row ids of the traveller versions it wrote: outcomes, then withdrawals. */
export type WrittenManifest = { stored: true; versionIds: number[] } | Extract<RecordResult, { stored: false }>;

export interface ManifestWrites {
  /** The stored answer to a carrier's message, for idempotent replays. */
  receipt(carrier: string, messageRef: string): StoredManifestReceipt | null;
  /** Writes a manifest and all it caused; the caller holds the transaction. */
  recordManifest(record: ManifestRecord): WrittenManifest;
  /** Writes a follow-up; returns the row ids of the traveller versions it wrote. */
  recordFollowUp(update: FollowUp): number[];
}

/**
 * The statements that record screened manifests: shared by the writer thread (file databases) and
 * the in-process path (an in-memory database, which a second thread cannot open).
 */
export function manifestWrites(db: DatabaseSync): ManifestWrites {
  const cache = new Map<string, StatementSync>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };

  const receipt = (carrier: string, messageRef: string): StoredManifestReceipt | null => {
    const row = stmt(
      'SELECT id, body_sha256, response_json, list_version, rules_version FROM manifests WHERE carrier = ? AND message_ref = ?',
    ).get(carrier, messageRef) as
      | {
          id: string;
          body_sha256: string;
          response_json: string;
          list_version: string | null;
          rules_version: string | null;
        }
      | undefined;
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

  const writeOutcomes = (journeyKey: string, manifestId: string, outcomes: TravellerOutcome[], at: string) => {
    const insert = stmt(
      `INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, data_sha256, data_json, directive, complete, recorded_at, links, list_version, rules_version)
       VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return outcomes.map((o) =>
      Number(
        insert.run(
          journeyKey,
          o.traveller.ref,
          manifestId,
          o.dataSha256,
          JSON.stringify(o.traveller),
          o.directive,
          o.complete ? 1 : 0,
          at,
          JSON.stringify(bookingLinks(o.traveller)),
          o.listVersion,
          o.rulesVersion,
        ).lastInsertRowid,
      ),
    );
  };

  const writeAlerts = (journeyKey: string, manifestId: string, arrival: string, alerts: NewAlert[], at: string) => {
    const supersede = stmt(
      'UPDATE alerts SET superseded_by = ? WHERE journey_key = ? AND traveller_ref = ? AND superseded_by IS NULL AND id <> ?',
    );
    const insert = stmt(INSERT_ALERT);
    for (const a of alerts) {
      insert.run(...newAlertValues(a, { manifestId, journeyKey, arrival, at }));
      supersede.run(a.id, journeyKey, a.travellerRef, a.id);
    }
  };

  /** A booking traveller now known from API data: its alert gives way to the API traveller's. */
  const carryOverLinkedAlerts = (journeyKey: string, links: Array<{ from: string; to: string }>, at: string) => {
    const inForce = stmt(
      'SELECT id, status FROM alerts WHERE journey_key = ? AND traveller_ref = ? AND superseded_by IS NULL',
    );
    for (const l of links) {
      const held = inForce.get(journeyKey, l.from) as { id: string; status: string } | undefined;
      if (!held) continue;
      const target = inForce.get(journeyKey, l.to) as { id: string } | undefined;
      if (target) stmt('UPDATE alerts SET superseded_by = ? WHERE id = ?').run(target.id, held.id);
      else if (held.status === 'open') {
        stmt("UPDATE alerts SET status = 'closed', claimed_by = NULL WHERE id = ?").run(held.id);
        stmt(
          "INSERT INTO alert_events (alert_id, at, principal, action, outcome, note) VALUES (?, ?, 'paxscreen', 'auto-close', NULL, ?)",
        ).run(
          held.id,
          at,
          `The booking traveller is now known from the travel document (traveller ${l.to}), screened with it: nothing found.`,
        );
      }
    }
  };

  const writeHistory = (rows: PastTravel[], withdrawn: string[], journeyKey: string) => {
    const remove = stmt('DELETE FROM travel_history WHERE journey_key = ? AND ref = ?');
    const insert = stmt(
      'INSERT INTO travel_history (journey_key, ref, departure_at, identity, booking_ref, row_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const key = stmt('INSERT INTO travel_history_keys (key, history_id) VALUES (?, ?)');
    for (const ref of withdrawn) remove.run(journeyKey, ref);
    for (const r of rows) {
      remove.run(r.journeyKey, r.ref);
      const { lastInsertRowid } = insert.run(
        r.journeyKey,
        r.ref,
        r.departureAt,
        r.identity,
        r.bookingRef,
        JSON.stringify(r),
      );
      for (const k of new Set([
        ...r.documentKeys,
        ...r.contactKeys,
        ...r.guardianKeys,
        ...(r.payerKey ? [r.payerKey] : []),
      ]))
        key.run(k, lastInsertRowid);
    }
  };

  return {
    receipt,
    recordManifest(record) {
      const existing = receipt(record.carrier, record.messageRef);
      const at = record.receivedAt;
      if (record.replay && existing && existing.bodySha256 === record.bodySha256) {
        // A replay screened again because the lists or rules changed: the same message, a new answer.
        stmt('UPDATE manifests SET response_json = ?, list_version = ?, rules_version = ? WHERE id = ?').run(
          JSON.stringify(record.response),
          record.listVersion,
          record.rulesVersion,
          existing.manifestId,
        );
      } else {
        if (existing) return { stored: false, existing };
        stmt(INSERT_MANIFEST).run(...manifestValues(record, at));
      }
      stmt(
        `INSERT INTO journeys (key, id, journey_json, arrival_scheduled, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET journey_json = excluded.journey_json, arrival_scheduled = excluded.arrival_scheduled, updated_at = excluded.updated_at`,
      ).run(record.journeyKey, randomUUID(), JSON.stringify(record.journey), record.journey.arrival.scheduled, at);
      const versionIds = writeOutcomes(record.journeyKey, record.manifestId, record.outcomes, at);
      const withdraw = stmt(
        `INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, complete, recorded_at) VALUES (?, ?, ?, 'withdrawn', 1, ?)`,
      );
      for (const ref of record.withdrawn)
        versionIds.push(Number(withdraw.run(record.journeyKey, ref, record.manifestId, at).lastInsertRowid));
      writeAlerts(record.journeyKey, record.manifestId, record.journey.arrival.scheduled, record.alerts, at);
      carryOverLinkedAlerts(record.journeyKey, record.links ?? [], at);
      writeHistory(record.history, record.withdrawn, record.journeyKey);
      return { stored: true, versionIds };
    },
    recordFollowUp(u) {
      const at = new Date().toISOString();
      const j = stmt('SELECT arrival_scheduled FROM journeys WHERE key = ?').get(u.journeyKey) as
        { arrival_scheduled: string } | undefined;
      // A carrier message may have changed or withdrawn the traveller while this screening ran: its
      // result then describes data no longer in force and is dropped (the newer message was screened).
      const latest = stmt(
        'SELECT data_sha256, status FROM traveller_versions WHERE journey_key = ? AND ref = ? ORDER BY id DESC LIMIT 1',
      );
      const stillCurrent = (o: TravellerOutcome) => {
        const r = latest.get(u.journeyKey, o.traveller.ref) as
          { data_sha256: string | null; status: string } | undefined;
        return r?.status === 'active' && r.data_sha256 === o.dataSha256;
      };
      const keep = u.outcomes.map(stillCurrent);
      const kept = u.outcomes.filter((_, i) => keep[i]);
      const keptRefs = new Set(kept.map((o) => o.traveller.ref));
      const written = writeOutcomes(u.journeyKey, u.origin, kept, at);
      const ids = keep.map((k) => (k ? (written.shift() as number) : 0));
      writeAlerts(
        u.journeyKey,
        u.origin,
        j?.arrival_scheduled ?? at,
        u.alerts.filter(
          (a) => keptRefs.has(a.travellerRef) || !u.outcomes.some((o) => o.traveller.ref === a.travellerRef),
        ),
        at,
      );
      const close = stmt(
        "UPDATE alerts SET status = 'closed', claimed_by = NULL WHERE id = ? AND status = 'open' AND superseded_by IS NULL",
      );
      const event = stmt(
        "INSERT INTO alert_events (alert_id, at, principal, action, outcome, note) VALUES (?, ?, 'paxscreen', 'auto-close', NULL, ?)",
      );
      for (const c of u.autoClose) if (Number(close.run(c.alertId).changes) > 0) event.run(c.alertId, at, c.note);
      return ids;
    },
  };
}
