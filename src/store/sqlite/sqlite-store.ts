import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StatementSync } from 'node:sqlite';
import type { Alert, AlertEvent, AlertStatus, Outcome, Reason } from '../../domain/contracts/alert.ts';
import { tallyRulePerformance } from '../../domain/rule-performance.ts';
import type { Journey, Traveller } from '../../domain/contracts/manifest.ts';
import type { HistoryQuery, PastTravel } from '../../domain/rules/history.ts';
import { PaxError } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Actor, AlertQuery, AuditEvent, AuditQuery, ManifestRecord, RecordResult, Store } from '../store.ts';
import { currentTravellersReader } from './current-travellers.ts';
import { startCheckpointer } from './checkpointer.ts';
import { openConnection } from './connection.ts';
import { groupCommit } from './group-commit.ts';
import { manifestWrites } from './manifest-writes.ts';
import { inProcessWriter, threadWriter } from './writer.ts';
import { MIGRATIONS } from './schema.ts';
import type { AuditRow } from '../audit-chain.ts';
import { auditRowHash, CHAIN_START, resolveAuditKey } from '../audit-chain.ts';
import { purgeRetained } from './retention.ts';
import type { AlertRefusal } from '../../domain/alert-state.ts';
import { mayClaim, mayDispose, mayRelease } from '../../domain/alert-state.ts';
import type { SyncMode } from './writer-contract.ts';
import { watchlistMethods } from './watchlist-store.ts';
import type { AlertRow } from '../alert-rows.ts';
import { toAlert } from '../alert-rows.ts';
import { journeyReads } from './journey-reads.ts';
import { bookingMethods } from './booking-store.ts';
import { suppressionMethods, writeSuppressions } from './suppression-store.ts';
import { suppressionsFromDecision } from '../../domain/suppression.ts';

const ALERT_SELECT = `SELECT a.*, j.id AS journey_id, j.journey_json FROM alerts a JOIN journeys j ON j.key = a.journey_key`;

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
  /** Appends one chained audit row; the caller holds the transaction (the chain never forks). */
  const writeAudit = (e: AuditEvent) => {
    const last = stmt('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string | null } | undefined;
    const previous = last?.hash ?? CHAIN_START;
    const row: AuditRow = {
      id: (last?.id ?? 0) + 1,
      at: e.at,
      principal: e.principal,
      role: e.role,
      action: e.action,
      target: e.target,
      purpose: e.purpose ?? null,
    };
    stmt(
      'INSERT INTO audit_log (id, at, principal, role, action, target, purpose, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      row.id,
      row.at,
      row.principal,
      row.role,
      row.action,
      row.target,
      row.purpose,
      previous,
      auditRowHash(auditKey, previous, row),
    );
  };
  const auditAct = (actor: Actor, action: string, target: string, purpose?: string) =>
    writeAudit({
      at: new Date().toISOString(),
      principal: actor.id,
      role: actor.role,
      action,
      target,
      ...(purpose ? { purpose } : {}),
    });
  const refuse = (r: AlertRefusal) => {
    if (r) throw new PaxError(r.code, r.message);
  };
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

  const eventsOf = (alertId: string): AlertEvent[] =>
    (
      stmt('SELECT at, principal, action, outcome, note FROM alert_events WHERE alert_id = ? ORDER BY id').all(
        alertId,
      ) as Array<{
        at: string;
        principal: string;
        action: AlertEvent['action'];
        outcome: string | null;
        note: string | null;
      }>
    ).map((e) => ({
      at: e.at,
      principal: e.principal,
      action: e.action,
      outcome: (e.outcome as Outcome | null) ?? null,
      note: e.note,
    }));
  const alertById = (id: string): Alert | null => {
    const row = stmt(`${ALERT_SELECT} WHERE a.id = ?`).get(id) as unknown as AlertRow | undefined;
    return row ? toAlert(row, eventsOf(row.id)) : null;
  };
  const mustAlert = (id: string): Alert => {
    const a = alertById(id);
    if (!a) throw new PaxError('NOT_FOUND', 'No such alert');
    return a;
  };
  const event = (
    alertId: string,
    principal: string,
    action: AlertEvent['action'],
    outcome: Outcome | null,
    note: string | null,
  ) =>
    stmt('INSERT INTO alert_events (alert_id, at, principal, action, outcome, note) VALUES (?, ?, ?, ?, ?, ?)').run(
      alertId,
      new Date().toISOString(),
      principal,
      action,
      outcome,
      note,
    );

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
    async listAlerts(query: AlertQuery) {
      const where = ['a.superseded_by IS NULL'];
      const params: Array<string | number> = [];
      if (query.status) {
        where.push('a.status = ?');
        params.push(query.status);
      } else if (!query.includeSuppressed) where.push("a.status <> 'suppressed'");
      if (query.serviceNumber) {
        where.push("json_extract(j.journey_json, '$.serviceNumber') = ?");
        params.push(query.serviceNumber);
      }
      if (query.arrivalPort) {
        where.push("json_extract(j.journey_json, '$.arrival.port') = ?");
        params.push(query.arrivalPort);
      }
      if (query.arrivalDate) {
        where.push('substr(a.arrival_scheduled, 1, 10) = ?');
        params.push(query.arrivalDate);
      }
      if (query.cursor) {
        const c = decodeCursor(query.cursor);
        if (!c)
          throw new PaxError('INVALID_CURSOR', undefined, [
            { path: 'cursor', message: 'is not a cursor this service issued' },
          ]);
        where.push('(a.priority_rank, a.arrival_scheduled, a.created_at, a.id) > (?, ?, ?, ?)');
        params.push(c.rank, c.arrival, c.created, c.id);
      }
      const rows = stmt(
        `${ALERT_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.priority_rank, a.arrival_scheduled, a.created_at, a.id LIMIT ?`,
      ).all(...params, query.limit + 1) as unknown as AlertRow[];
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? encodeCursor({
              rank: last.priority_rank,
              arrival: last.arrival_scheduled,
              created: last.created_at,
              id: last.id,
            })
          : null;
      return { items: page.map((r) => toAlert(r, eventsOf(r.id))), nextCursor };
    },
    async getAlert(id) {
      return alertById(id);
    },
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
    async claimAlert(id, actor) {
      return transaction(() => {
        const principal = actor.id;
        const a = mustAlert(id);
        refuse(mayClaim(a, principal, claimMs, Date.now()));
        auditAct(actor, 'alert.claim', id);
        if (a.status === 'in-review' && a.claimedBy === principal) return a;
        stmt("UPDATE alerts SET status = 'in-review', claimed_by = ? WHERE id = ?").run(principal, id);
        event(id, principal, 'claim', null, null);
        return alertById(id) as Alert;
      });
    },
    async disposeAlert(id, actor, outcome, note) {
      return transaction(() => {
        const principal = actor.id;
        const a = mustAlert(id);
        refuse(mayDispose(a, principal, claimMs, Date.now()));
        stmt("UPDATE alerts SET status = 'closed', claimed_by = NULL, outcome = ? WHERE id = ?").run(outcome, id);
        event(id, principal, 'dispose', outcome, note);
        auditAct(actor, 'alert.dispose', id, outcome);
        writeSuppressions(
          { stmt, auditAct },
          actor,
          suppressionsFromDecision(a, outcome, principal, Date.now(), suppressionDays),
        );
        return alertById(id) as Alert;
      });
    },
    async releaseAlert(id, actor, note) {
      return transaction(() => {
        refuse(mayRelease(mustAlert(id)));
        stmt("UPDATE alerts SET status = 'open', claimed_by = NULL WHERE id = ?").run(id);
        event(id, actor.id, 'release', null, note);
        auditAct(actor, 'alert.release', id);
        return alertById(id) as Alert;
      });
    },
    async reopenAlert(id, actor, note) {
      return transaction(() => {
        const a = mustAlert(id);
        if (a.status !== 'closed') throw new PaxError('ALERT_STATE', 'Only a closed alert can be reopened');
        stmt("UPDATE alerts SET status = 'open', claimed_by = NULL, outcome = NULL WHERE id = ?").run(id);
        event(id, actor.id, 'reopen', null, note);
        auditAct(actor, 'alert.reopen', id);
        return alertById(id) as Alert;
      });
    },
    async queueCounts() {
      const rows = stmt(
        'SELECT status, COUNT(*) AS n FROM alerts WHERE superseded_by IS NULL GROUP BY status',
      ).all() as Array<{ status: AlertStatus; n: number }>;
      const out: Record<AlertStatus, number> = { open: 0, 'in-review': 0, closed: 0, suppressed: 0 };
      for (const r of rows) out[r.status] = r.n;
      return out;
    },
    async rulePerformance(from, to) {
      const rows = stmt(
        "SELECT reasons_json, outcome FROM alerts WHERE created_at >= ? AND created_at < ? AND status <> 'suppressed'",
      ).all(from, to) as Array<{ reasons_json: string; outcome: string | null }>;
      return tallyRulePerformance(
        rows.map((r) => ({
          reasons: JSON.parse(r.reasons_json) as Reason[],
          outcome: (r.outcome as Outcome | null) ?? null,
        })),
      );
    },
    async listAudit(q: AuditQuery) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      const filter = (sql: string, value: string | undefined) => {
        if (value === undefined) return;
        where.push(sql);
        params.push(value);
      };
      filter('principal = ?', q.principal);
      filter('action = ?', q.action);
      if (q.target !== undefined) filter('instr(target, ?) > 0', q.target);
      filter('at >= ?', q.from);
      filter('at < ?', q.to);
      if (q.cursor) {
        const before = Number(Buffer.from(q.cursor, 'base64url').toString('utf8'));
        if (!Number.isInteger(before))
          throw new PaxError('INVALID_CURSOR', undefined, [
            { path: 'cursor', message: 'is not a cursor this service issued' },
          ]);
        where.push('id < ?');
        params.push(before);
      }
      const rows = stmt(
        `SELECT id, at, principal, role, action, target, purpose FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      ).all(...params, q.limit + 1) as unknown as Array<AuditEvent & { id: number; purpose: string | null }>;
      const page = rows.slice(0, q.limit).map((r) => ({
        id: r.id,
        at: r.at,
        principal: r.principal,
        role: r.role,
        action: r.action,
        target: r.target,
        ...(r.purpose ? { purpose: r.purpose } : {}),
      }));
      const last = page[page.length - 1];
      return {
        items: page,
        nextCursor: rows.length > q.limit && last ? Buffer.from(String(last.id)).toString('base64url') : null,
      };
    },
    async appendAudit(e: AuditEvent) {
      transaction(() => writeAudit(e));
    },
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
