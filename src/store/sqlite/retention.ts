import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Outcome, Reason } from '../../domain/contracts/alert.ts';
import { depersonaliseReasons, keptForReferral, REMOVED_TRAVELLER_JSON } from '../../domain/retention.ts';
import type { RetentionPolicy, RetentionReport } from '../store.ts';
import { emptyRetentionReport } from '../store.ts';

/** Journeys handled per transaction: a purge never holds the write lock for long. */
const JOURNEYS_PER_BATCH = 100;

/**
 * Removes or depersonalises, journey by journey, everything that holds traveller data once a
 * journey's scheduled arrival has left the window: its traveller versions, stored answers and travel
 * history are deleted; its alerts keep their decision, rule or list, score and score parts, but lose
 * the traveller, the match explanation, the rule facts and the officers' free-text notes. Alerts
 * decided as a referral or a refusal keep everything until the longer window. With secure_delete on
 * and a truncating checkpoint after, the removed bytes are gone from the files.
 */
export function purgeRetained(
  db: DatabaseSync,
  stmt: (sql: string) => StatementSync,
  transaction: <T>(fn: () => T) => T,
  policy: RetentionPolicy,
  /** Told each journey purged: the in-memory journey cache must not keep its travellers. */
  onJourneyPurged: (journeyKey: string) => void = () => {},
  now = new Date(),
): RetentionReport {
  const report = emptyRetentionReport();
  const at = now.toISOString();
  const depersonaliseAlert = (id: string, reasonsJson: string) => {
    stmt('UPDATE alerts SET traveller_json = ?, reasons_json = ?, depersonalised_at = ? WHERE id = ?').run(
      REMOVED_TRAVELLER_JSON,
      JSON.stringify(depersonaliseReasons(JSON.parse(reasonsJson) as Reason[])),
      at,
      id,
    );
    stmt('UPDATE alert_events SET note = NULL WHERE alert_id = ?').run(id);
  };
  for (;;) {
    const done = transaction(() => {
      const keys = (
        stmt('SELECT key FROM journeys WHERE arrival_scheduled < ? AND depersonalised_at IS NULL LIMIT ?').all(
          policy.before,
          JOURNEYS_PER_BATCH,
        ) as Array<{ key: string }>
      ).map((r) => r.key);
      for (const key of keys) {
        const travellers = (
          stmt('SELECT COUNT(DISTINCT ref) AS n FROM traveller_versions WHERE journey_key = ?').get(key) as {
            n: number;
          }
        ).n;
        report.travellerVersions += Number(
          stmt('DELETE FROM traveller_versions WHERE journey_key = ?').run(key).changes,
        );
        report.manifests += Number(stmt('DELETE FROM manifests WHERE journey_key = ?').run(key).changes);
        stmt(
          'DELETE FROM travel_history_keys WHERE history_id IN (SELECT id FROM travel_history WHERE journey_key = ?)',
        ).run(key);
        report.historyRows += Number(stmt('DELETE FROM travel_history WHERE journey_key = ?').run(key).changes);
        for (const a of stmt(
          'SELECT id, outcome, reasons_json FROM alerts WHERE journey_key = ? AND depersonalised_at IS NULL',
        ).all(key) as Array<{ id: string; outcome: Outcome | null; reasons_json: string }>) {
          if (keptForReferral(a.outcome)) continue;
          depersonaliseAlert(a.id, a.reasons_json);
          report.alerts++;
        }
        stmt('UPDATE journeys SET depersonalised_at = ?, traveller_count = ? WHERE key = ?').run(at, travellers, key);
        onJourneyPurged(key);
        report.journeys++;
      }
      return keys.length < JOURNEYS_PER_BATCH;
    });
    if (done) break;
  }
  // Referrals: depersonalised once the longer window has passed too.
  for (;;) {
    const done = transaction(() => {
      const rows = stmt(
        'SELECT id, outcome, reasons_json FROM alerts WHERE arrival_scheduled < ? AND depersonalised_at IS NULL LIMIT ?',
      ).all(policy.referralsBefore, JOURNEYS_PER_BATCH) as Array<{
        id: string;
        outcome: Outcome | null;
        reasons_json: string;
      }>;
      for (const a of rows) {
        depersonaliseAlert(a.id, a.reasons_json);
        if (keptForReferral(a.outcome)) report.referralAlerts++;
        else report.alerts++;
      }
      return rows.length < JOURNEYS_PER_BATCH;
    });
    if (done) break;
  }
  // Earlier journeys' history rows whose journey row is gone or was never stored; bookings of flights
  // that left the window (PNR data is kept no longer than API data), and old push receipts.
  transaction(() => {
    report.bookings += Number(stmt('DELETE FROM bookings WHERE departure_at < ?').run(policy.before).changes);
    stmt('DELETE FROM booking_pushes WHERE received_at < ?').run(policy.before);
    stmt(
      'DELETE FROM travel_history_keys WHERE history_id IN (SELECT id FROM travel_history WHERE departure_at < ?)',
    ).run(policy.before);
    report.historyRows += Number(stmt('DELETE FROM travel_history WHERE departure_at < ?').run(policy.before).changes);
  });
  if (report.journeys + report.alerts + report.referralAlerts + report.historyRows + report.bookings > 0) {
    try {
      // The WAL still holds the removed rows' old pages until it is checkpointed and truncated.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // A reader holds the WAL: the checkpoint thread will copy it back, and the next purge truncates.
    }
  }
  return report;
}
