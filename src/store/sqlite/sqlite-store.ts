import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StatementSync } from 'node:sqlite';
import type { AlertStatus, Reason } from '../../domain/contracts/alert.ts';
import type { Journey, Traveller } from '../../domain/contracts/manifest.ts';
import type { HistoryQuery, PastTravel } from '../../domain/rules/history.ts';
import type { ManifestRecord, RecordResult, Store } from '../store.ts';
import { currentTravellersReader } from './current-travellers.ts';
import { startCheckpointer } from './checkpointer.ts';
import { openConnection } from './connection.ts';
import { groupCommit } from './group-commit.ts';
import { manifestWrites } from './manifest-writes.ts';
import { inProcessWriter, threadWriter } from './writer.ts';
import { MIGRATIONS } from './schema.ts';
import { resolveAuditKey } from '../audit-chain.ts';
import { purgeRetained } from './retention.ts';
import type { SyncMode } from './writer-messages.ts';
import { watchlistMethods } from './watchlist-store.ts';
import { journeyReads } from './journey-reads.ts';
import { bookingMethods } from './booking-store.ts';
import { suppressionMethods } from './suppression-store.ts';
import { alertMethods } from './alert-store.ts';
import { auditMethods } from './audit-store.ts';

/** The embedded store: one SQLite file in WAL mode through Node's built-in node:sqlite. */
export interface SqliteStoreOptions {
  /** The audit chain's key (PAXSCREEN_AUDIT_KEY); absent in development: a key file beside the database. */
  auditKey?: string | null;
  /** A claim lapses after this long: another officer may then take the alert. */
  claimMinutes?: number;
  /** A false-match decision carries forward this many days (PAXSCREEN_SUPPRESSION_DAYS). */
  suppressionDays?: number;
  synchronous?: SyncMode;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const backgroundCheckpoints = file !== ':memory:';
  const synchronous = options.synchronous ?? 'NORMAL';
  const db = openConnection(file, { backgroundCheckpoints, synchronous });
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version > MIGRATIONS.length) {
    // A newer release migrated this file: this one would misread it.
    db.close();
    throw new Error(
      `The database schema is at version ${version}; this release knows ${MIGRATIONS.length}. Run the newer release.`,
    );
  }
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.exec('BEGIN');
    db.exec(MIGRATIONS[i] as string);
    db.exec(`PRAGMA user_version = ${i + 1}`);
    db.exec('COMMIT');
  }
  const auditKey = resolveAuditKey(file, options.auditKey ?? null);
  const claimMs = (options.claimMinutes ?? 60) * 60_000;
  const suppressionDays = options.suppressionDays ?? 365;
  // Checkpoints run in their own thread; the connections' own threshold is only a safety net.
  const checkpointer = backgroundCheckpoints ? startCheckpointer(file) : null;

  const stmt = (() => {
    const cache = new Map<string, StatementSync>();
    return (sql: string) => {
      let s = cache.get(sql);
      if (!s) cache.set(sql, (s = db.prepare(sql)));
      return s;
    };
  })();

  const currentJourney = currentTravellersReader(db);
  const commits = groupCommit(db);

  const transaction = <T>(fn: () => T): T => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      db.exec('COMMIT');
      return out;
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  };

  const writes = manifestWrites(db);
  const receipt = writes.receipt;
  // Manifest writes go to their own thread (an in-memory database has only this connection).
  const writer =
    file === ':memory:'
      ? inProcessWriter(writes, commits)
      : threadWriter({ file, synchronous }, inProcessWriter(writes, commits));

  const audits = auditMethods(stmt, transaction, auditKey);
  const auditAct = audits.auditAct;
  const alerts = alertMethods({ stmt, transaction, auditAct, claimMs, suppressionDays });
  const event = alerts.event;

  return {
    kind: 'sqlite',
    async findReceipt(carrier, messageRef) {
      return receipt(carrier, messageRef);
    },
    async currentTravellers(journeyKey) {
      return currentJourney(journeyKey);
    },
    async recordManifest(record: ManifestRecord): Promise<RecordResult> {
      const written = await writer.recordManifest(record);
      if (!written.stored) return written;
      currentJourney.fold(record.journeyKey, [
        ...record.outcomes.map((o, i) => ({
          id: written.versionIds[i] as number,
          ref: o.traveller.ref,
          status: 'active' as const,
          traveller: o.traveller,
          dataSha256: o.dataSha256,
          directive: o.directive,
          complete: o.complete,
          listVersion: o.listVersion,
          rulesVersion: o.rulesVersion,
        })),
        ...record.withdrawn.map((ref, j) => ({
          id: written.versionIds[record.outcomes.length + j] as number,
          ref,
          status: 'withdrawn' as const,
          traveller: null,
          dataSha256: null,
          directive: null,
          complete: true,
          listVersion: null,
          rulesVersion: null,
        })),
      ]);
      return { stored: true };
    },
    async recordFollowUp(update) {
      const ids = await writer.recordFollowUp(update);
      currentJourney.fold(
        update.journeyKey,
        // Outcomes the writer dropped (the traveller changed meanwhile) have id 0.
        update.outcomes
          .map((o, i) => ({
            id: ids[i] ?? 0,
            ref: o.traveller.ref,
            status: 'active' as const,
            traveller: o.traveller,
            dataSha256: o.dataSha256,
            directive: o.directive,
            complete: o.complete,
            listVersion: o.listVersion,
            rulesVersion: o.rulesVersion,
          }))
          .filter((v) => v.id > 0),
      );
    },
    async journeyKeysOn(carrier, port, date) {
      // A range on the key's carrier prefix (the primary key's index), then the port and date.
      const rows = stmt('SELECT key FROM journeys WHERE key >= ? AND key < ? AND key LIKE ?').all(
        `${carrier}|`,
        `${carrier}}`,
        `${carrier}|%|${port}|${date}`,
      ) as Array<{ key: string }>;
      return rows.map((r) => r.key);
    },
    async journeyByKey(key) {
      const r = stmt('SELECT journey_json FROM journeys WHERE key = ?').get(key) as
        { journey_json: string } | undefined;
      return r ? (JSON.parse(r.journey_json) as Journey) : null;
    },
    async activeJourneys(arrivingAfter) {
      const rows = stmt(
        'SELECT key, journey_json FROM journeys WHERE arrival_scheduled > ? ORDER BY arrival_scheduled',
      ).all(arrivingAfter) as Array<{ key: string; journey_json: string }>;
      return rows.map((r) => ({ key: r.key, journey: JSON.parse(r.journey_json) as Journey }));
    },
    async currentAlerts(journeyKey) {
      const rows = stmt(
        'SELECT id, traveller_ref, status, reasons_json FROM alerts WHERE journey_key = ? AND superseded_by IS NULL',
      ).all(journeyKey) as Array<{ id: string; traveller_ref: string; status: AlertStatus; reasons_json: string }>;
      return new Map(
        rows.map((r) => [
          r.traveller_ref,
          { id: r.id, status: r.status, reasons: JSON.parse(r.reasons_json) as Reason[] },
        ]),
      );
    },
    async travelHistory(q: HistoryQuery) {
      const keys = [...new Set([...q.documentKeys, ...q.contactKeys, ...q.guardianKeys, ...q.payerKeys])];
      const identities = [...new Set(q.identities)];
      if (keys.length === 0 && identities.length === 0) return [];
      // Each list travels as one JSON parameter: a journey of any size stays one statement, far from
      // SQLite's limit on bound variables (a list of marks failed past ~11,000 travellers).
      const direct = stmt(
        `SELECT DISTINCT h.id, h.journey_key, h.booking_ref, h.row_json FROM travel_history h
         WHERE h.departure_at >= ? AND h.departure_at < ?
           AND (h.identity IN (SELECT value FROM json_each(?)) OR h.id IN (SELECT history_id FROM travel_history_keys WHERE key IN (SELECT value FROM json_each(?))))`,
      ).all(q.since, q.before, JSON.stringify(identities), JSON.stringify(keys)) as Array<{
        id: number;
        journey_key: string;
        booking_ref: string | null;
        row_json: string;
      }>;
      const rows = new Map(direct.map((r) => [r.id, r.row_json]));
      // Co-travellers on the same bookings: who the people asked about travelled with.
      const companions = stmt('SELECT id, row_json FROM travel_history WHERE journey_key = ? AND booking_ref = ?');
      const seen = new Set<string>();
      for (const r of direct) {
        if (!r.booking_ref || seen.has(`${r.journey_key}|${r.booking_ref}`)) continue;
        seen.add(`${r.journey_key}|${r.booking_ref}`);
        for (const c of companions.all(r.journey_key, r.booking_ref) as Array<{ id: number; row_json: string }>)
          rows.set(c.id, c.row_json);
      }
      return [...rows.values()].map((j) => JSON.parse(j) as PastTravel);
    },
    async purgeRetained(policy) {
      return purgeRetained(db, stmt, transaction, policy, (key) => currentJourney.forget(key));
    },
    async purgeHistoryBefore(isoDate) {
      return transaction(() => {
        stmt(
          'DELETE FROM travel_history_keys WHERE history_id IN (SELECT id FROM travel_history WHERE departure_at < ?)',
        ).run(isoDate);
        return Number(stmt('DELETE FROM travel_history WHERE departure_at < ?').run(isoDate).changes);
      });
    },
    ...alerts.methods,
    async coTravellers(alertId) {
      const a = stmt('SELECT journey_key, traveller_ref, traveller_json FROM alerts WHERE id = ?').get(alertId) as
        { journey_key: string; traveller_ref: string; traveller_json: string } | undefined;
      if (!a) return [];
      const booking = (JSON.parse(a.traveller_json) as Traveller).booking?.ref;
      if (!booking) return [];
      const rows = stmt(
        `SELECT data_json FROM traveller_versions WHERE id IN (SELECT MAX(id) FROM traveller_versions WHERE journey_key = ? GROUP BY ref) AND status = 'active' AND ref <> ?`,
      ).all(a.journey_key, a.traveller_ref) as Array<{ data_json: string | null }>;
      return rows
        .map((r) => (r.data_json ? (JSON.parse(r.data_json) as Traveller) : null))
        .filter((t): t is Traveller => t !== null && t.booking?.ref === booking)
        .map((t) => ({
          ref: t.ref,
          surname: t.surname,
          givenNames: t.givenNames,
          dateOfBirth: t.dateOfBirth,
          role: t.role,
        }));
    },
    ...audits.methods,
    ...watchlistMethods(stmt, transaction, auditAct),
    ...journeyReads(stmt),
    ...bookingMethods(stmt, transaction),
    ...suppressionMethods({ stmt, transaction, auditAct, event, forgetJourney: (key) => currentJourney.forget(key) }),
    async createSession(x) {
      stmt('INSERT INTO sessions (id, principal, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
        x.id,
        x.principal,
        x.csrf,
        new Date().toISOString(),
        x.expiresAt,
      );
      stmt('DELETE FROM sessions WHERE expires_at < ?').run(new Date().toISOString());
    },
    async getSession(id, now) {
      const row = stmt('SELECT principal, csrf FROM sessions WHERE id = ? AND expires_at > ?').get(id, now) as
        { principal: string; csrf: string } | undefined;
      return row ?? null;
    },
    async deleteSession(id) {
      stmt('DELETE FROM sessions WHERE id = ?').run(id);
    },
    async signInFailures(key) {
      const r = stmt('SELECT count, last_at FROM sign_in_failures WHERE key = ?').get(key) as
        { count: number; last_at: number } | undefined;
      return r ? { count: r.count, lastAt: r.last_at } : null;
    },
    async recordSignInFailure(key, at) {
      stmt(
        'INSERT INTO sign_in_failures (key, count, last_at) VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET count = count + 1, last_at = excluded.last_at',
      ).run(key, at);
    },
    async clearSignInFailures(key) {
      stmt('DELETE FROM sign_in_failures WHERE key = ?').run(key);
    },
    // One process owns a SQLite file: nothing to coordinate with, nobody to tell.
    async runExclusive(_key, fn) {
      await fn();
      return true;
    },
    async publish() {},
    subscribe() {},
    async ping() {
      return db.isOpen && (db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
    },
    async close() {
      if (!db.isOpen) return;
      await writer.close();
      await checkpointer?.stop();
      db.close();
    },
  };
}
