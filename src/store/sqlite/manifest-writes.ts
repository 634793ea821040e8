import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ManifestResponse } from '../../domain/contracts/manifest.ts';
import type { PastTravel } from '../../domain/rules/history.ts';
import { bookingLinks } from '../../domain/rules/booking-links.ts';
import { priorityRank } from '../priority.ts';
import type { ManifestRecord, NewAlert, RecordResult, StoredManifestReceipt, TravellerOutcome } from '../store.ts';

/** A stored manifest, with the row ids of the traveller versions it wrote: outcomes, then withdrawals. */
export type WrittenManifest = { stored: true; versionIds: number[] } | Extract<RecordResult, { stored: false }>;

export interface ManifestWrites {
  /** The stored answer to a carrier's message, for idempotent replays. */
  receipt(carrier: string, messageRef: string): StoredManifestReceipt | null;
  /** Writes a manifest and all it caused; the caller holds the transaction. */
  recordManifest(record: ManifestRecord): WrittenManifest;
  recordLateOutcome(manifestId: string, journeyKey: string, outcomes: TravellerOutcome[], alerts: NewAlert[]): void;
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
    const row = stmt('SELECT id, body_sha256, response_json FROM manifests WHERE carrier = ? AND message_ref = ?').get(carrier, messageRef) as
      | { id: string; body_sha256: string; response_json: string }
      | undefined;
    return row ? { manifestId: row.id, bodySha256: row.body_sha256, response: JSON.parse(row.response_json) as ManifestResponse } : null;
  };

  const writeOutcomes = (journeyKey: string, manifestId: string, outcomes: TravellerOutcome[], at: string) => {
    const insert = stmt(
      `INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, data_sha256, data_json, directive, complete, recorded_at, links)
       VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
    );
    return outcomes.map(
      (o) =>
        Number(insert.run(journeyKey, o.traveller.ref, manifestId, o.dataSha256, JSON.stringify(o.traveller), o.directive, o.complete ? 1 : 0, at, JSON.stringify(bookingLinks(o.traveller))).lastInsertRowid),
    );
  };

  const writeAlerts = (journeyKey: string, manifestId: string, arrival: string, alerts: NewAlert[], at: string) => {
    const supersede = stmt('UPDATE alerts SET superseded_by = ? WHERE journey_key = ? AND traveller_ref = ? AND superseded_by IS NULL AND id <> ?');
    const insert = stmt(
      `INSERT INTO alerts (id, manifest_id, journey_key, traveller_ref, traveller_json, directive, priority, priority_rank, score, status, reasons_json, arrival_scheduled, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
    );
    for (const a of alerts) {
      insert.run(a.id, manifestId, journeyKey, a.travellerRef, JSON.stringify(a.traveller), a.directive, a.priority, priorityRank(a.priority), a.score, JSON.stringify(a.reasons), arrival, at);
      supersede.run(a.id, journeyKey, a.travellerRef, a.id);
    }
  };

  const writeHistory = (rows: PastTravel[], withdrawn: string[], journeyKey: string) => {
    const remove = stmt('DELETE FROM travel_history WHERE journey_key = ? AND ref = ?');
    const insert = stmt('INSERT INTO travel_history (journey_key, ref, departure_at, identity, booking_ref, row_json) VALUES (?, ?, ?, ?, ?, ?)');
    const key = stmt('INSERT INTO travel_history_keys (key, history_id) VALUES (?, ?)');
    for (const ref of withdrawn) remove.run(journeyKey, ref);
    for (const r of rows) {
      remove.run(r.journeyKey, r.ref);
      const { lastInsertRowid } = insert.run(r.journeyKey, r.ref, r.departureAt, r.identity, r.bookingRef, JSON.stringify(r));
      for (const k of new Set([...r.documentKeys, ...r.contactKeys, ...r.guardianKeys, ...(r.payerKey ? [r.payerKey] : [])])) key.run(k, lastInsertRowid);
    }
  };

  return {
    receipt,
    recordManifest(record) {
      const existing = receipt(record.carrier, record.messageRef);
      if (existing) return { stored: false, existing };
      const at = record.receivedAt;
      stmt(
        `INSERT INTO manifests (id, carrier, message_ref, body_sha256, kind, journey_key, received_at, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(record.manifestId, record.carrier, record.messageRef, record.bodySha256, record.kind, record.journeyKey, at, JSON.stringify(record.response));
      stmt(
        `INSERT INTO journeys (key, id, journey_json, arrival_scheduled, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET journey_json = excluded.journey_json, arrival_scheduled = excluded.arrival_scheduled, updated_at = excluded.updated_at`,
      ).run(record.journeyKey, randomUUID(), JSON.stringify(record.journey), record.journey.arrival.scheduled, at);
      const versionIds = writeOutcomes(record.journeyKey, record.manifestId, record.outcomes, at);
      const withdraw = stmt(`INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, complete, recorded_at) VALUES (?, ?, ?, 'withdrawn', 1, ?)`);
      for (const ref of record.withdrawn) versionIds.push(Number(withdraw.run(record.journeyKey, ref, record.manifestId, at).lastInsertRowid));
      writeAlerts(record.journeyKey, record.manifestId, record.journey.arrival.scheduled, record.alerts, at);
      writeHistory(record.history, record.withdrawn, record.journeyKey);
      return { stored: true, versionIds };
    },
    recordLateOutcome(manifestId, journeyKey, outcomes, alerts) {
      const at = new Date().toISOString();
      const j = stmt('SELECT arrival_scheduled FROM journeys WHERE key = ?').get(journeyKey) as { arrival_scheduled: string } | undefined;
      writeOutcomes(journeyKey, manifestId, outcomes, at);
      writeAlerts(journeyKey, manifestId, j?.arrival_scheduled ?? at, alerts, at);
    },
  };
}
