/**
 * Statements both back ends run word for word, written once with `?` placeholders (SQLite's) with
 * the values they take; PostgreSQL numbers the placeholders with `numbered`. Dialect-specific SQL
 * stays in each back end.
 */
import type { NewSuppression } from '../domain/suppression.ts';
import type { BookingPushRecord, ManifestRecord, WatchlistSummary } from './store.ts';

type Value = string | number | null;

/** `?` placeholders as PostgreSQL's `$1, $2, …` (shared statements hold no other `?`). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export const INSERT_MANIFEST = `INSERT INTO manifests (id, carrier, message_ref, body_sha256, kind, journey_key, received_at, response_json, list_version, rules_version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function manifestValues(record: ManifestRecord, at: string): Value[] {
  return [
    record.manifestId,
    record.carrier,
    record.messageRef,
    record.bodySha256,
    record.kind,
    record.journeyKey,
    at,
    JSON.stringify(record.response),
    record.listVersion,
    record.rulesVersion,
  ];
}

export const INSERT_SUPPRESSION = `INSERT INTO suppressions (id, list, entry_id, entry_fingerprint, document_number, date_of_birth, traveller_fingerprint, decided_alert_id, decided_by, created_at, expires_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function suppressionValues(id: string, s: NewSuppression): Value[] {
  return [
    id,
    s.list,
    s.entryId,
    s.entryFingerprint,
    s.documentNumber,
    s.dateOfBirth,
    s.travellerFingerprint,
    s.decidedAlertId,
    s.decidedBy,
    s.createdAt,
    s.expiresAt,
  ];
}

/** A later push of the same booking for the same flight replaces it. */
export const UPSERT_BOOKING = `INSERT INTO bookings (carrier, record_locator, flight_key, departure_at, booking_json, push_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (carrier, record_locator, flight_key) DO UPDATE SET departure_at = excluded.departure_at, booking_json = excluded.booking_json, push_id = excluded.push_id, updated_at = excluded.updated_at`;

export function bookingValues(push: BookingPushRecord, b: BookingPushRecord['bookings'][number]): Value[] {
  return [
    b.booking.carrier,
    b.booking.recordLocator,
    b.flightKey,
    b.departureAt,
    JSON.stringify(b.booking),
    push.id,
    push.receivedAt,
  ];
}

export const SELECT_WATCHLISTS =
  'SELECT name, version, entries, source, imported_at, imported_by FROM watchlists ORDER BY name';

export interface WatchlistRow {
  name: string;
  version: number;
  entries: number;
  source: string;
  imported_at: string;
  imported_by: string;
}

export function toWatchlistSummary(r: WatchlistRow): WatchlistSummary {
  return {
    name: r.name,
    version: r.version,
    entries: r.entries,
    source: r.source,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
  };
}
