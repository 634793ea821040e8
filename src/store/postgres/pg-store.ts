import pg from 'pg';
import type { Alert, AlertEvent, AlertStatus, Outcome, Reason } from '../../domain/contracts/alert.ts';
import { mayClaim, mayDispose, mayRelease } from '../../domain/alert-state.ts';
import type { AlertRefusal } from '../../domain/alert-state.ts';
import { tallyRulePerformance } from '../../domain/rule-performance.ts';
import { suppressionsFromDecision } from '../../domain/suppression.ts';
import { PaxError } from '../../errors.ts';
import type { AlertRow } from '../alert-rows.ts';
import { queuePage, toAlert } from '../alert-rows.ts';
import { nextAuditRow } from '../audit-rows.ts';
import { decodeCursor } from '../cursor.ts';
import type { Actor, AuditEvent, Store } from '../store.ts';
import { migrate } from './migrate.ts';
import { pgManifestMethods } from './pg-manifests.ts';
import { pgListMethods, rowToSuppression } from './pg-lists.ts';
import { pgReadMethods } from './pg-reads.ts';
import { pgCoordination } from './pg-coordination.ts';
import { pgBookingMethods } from './pg-bookings.ts';
import { pgHistoryMethods } from './pg-history.ts';
import { pgSessionAndAuditReads } from './pg-sessions.ts';
import { INSERT_SUPPRESSION, numbered, suppressionValues } from '../shared-statements.ts';

export type Db = pg.Pool | pg.PoolClient;
/** Runs `fn` in one transaction on one pooled connection. */
export type Tx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;
/** Appends one chained audit row inside the caller's transaction. */
export type AuditWriter = (c: pg.PoolClient, e: AuditEvent) => Promise<void>;

export interface PostgresStoreOptions {
  /** The audit chain's key (PAXSCREEN_AUDIT_KEY); instances sharing a database must share it. */
  auditKey: string;
  claimMinutes?: number;
  suppressionDays?: number;
  /** Connections per instance. */
  poolSize?: number;
}

function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return (
    (typeof code === 'string' && /^(08|57P|ECONN)/.test(code)) ||
    /Connection terminated|connection error/i.test((e as Error).message ?? '')
  );
}

/** One lock key serialises audit appends across every instance: the chain never forks. */
const AUDIT_LOCK = 7_262_001;

/** BIGINT and COUNT(*) come back as numbers (ids and counts here stay far below 2^53). */
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
};

const ALERT_SELECT =
  'SELECT a.*, j.id AS journey_id, j.journey_json FROM alerts a JOIN journeys j ON j.key = a.journey_key';

/**
 * The PostgreSQL store: several stateless instances share one database. Everything that must be
 * one (a messageRef, an audit chain, a claim) is decided by the database — unique constraints,
 * row locks, an advisory lock — never by a check in one process.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A connection dropped by a restarted server surfaces as an error event, on idle clients (the pool)
  // and on checked-out ones (each client): the query in flight fails, the event is only noise.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  const coordination = pgCoordination(url, pool);
  const { closeListener, instanceId, ...coordinate } = coordination;
  const claimMs = (options.claimMinutes ?? 60) * 60_000;
  const suppressionDays = options.suppressionDays ?? 365;

  const tx: Tx = async (fn) => {
    const c = await pool.connect();
    let broken = false;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      broken = isConnectionError(e);
      throw e;
    } finally {
      // A connection that died mid-transaction is dropped, not handed to the next request.
      c.release(broken);
    }
  };

  const writeAudit: AuditWriter = async (c, e) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = (
      await c.query<{ id: number; hash: string | null }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')
    ).rows[0];
    const { row, previous, hash } = nextAuditRow(last, e, options.auditKey);
    await c.query(
      'INSERT INTO audit_log (id, at, principal, role, action, target, purpose, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [row.id, row.at, row.principal, row.role, row.action, row.target, row.purpose, previous, hash],
    );
  };
  const auditAct = (c: pg.PoolClient, actor: Actor, action: string, target: string, purpose?: string) =>
    writeAudit(c, {
      at: new Date().toISOString(),
      principal: actor.id,
      role: actor.role,
      action,
      target,
      ...(purpose ? { purpose } : {}),
    });

  const eventsOf = async (db: Db, alertId: string): Promise<AlertEvent[]> =>
    (
      await db.query<{
        at: string;
        principal: string;
        action: AlertEvent['action'];
        outcome: Outcome | null;
        note: string | null;
      }>('SELECT at, principal, action, outcome, note FROM alert_events WHERE alert_id = $1 ORDER BY id', [alertId])
    ).rows;
  const alertById = async (db: Db, id: string, lock = false): Promise<Alert | null> => {
    const row = (await db.query<AlertRow>(`${ALERT_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]))
      .rows[0];
    return row ? toAlert(row, await eventsOf(db, id)) : null;
  };
  const mustAlert = async (c: pg.PoolClient, id: string) => {
    const a = await alertById(c, id, true);
    if (!a) throw new PaxError('NOT_FOUND', 'No such alert');
    return a;
  };
  const event = (
    c: Db,
    alertId: string,
    principal: string,
    action: AlertEvent['action'],
    outcome: Outcome | null,
    note: string | null,
  ) =>
    c.query(
      'INSERT INTO alert_events (alert_id, at, principal, action, outcome, note) VALUES ($1, $2, $3, $4, $5, $6)',
      [alertId, new Date().toISOString(), principal, action, outcome, note],
    );
  const refuse = (r: AlertRefusal) => {
    if (r) throw new PaxError(r.code, r.message);
  };

  return {
    kind: 'postgres',
    ...pgManifestMethods(pool, tx),
    ...pgHistoryMethods(pool, tx),
    ...pgReadMethods(pool),
    ...pgListMethods(pool, tx, auditAct, instanceId),
    ...coordinate,
    ...pgBookingMethods(pool, tx),
    async listAlerts(query) {
      const where = ['a.superseded_by IS NULL'];
      const params: Array<string | number> = [];
      const add = (sql: string, v: string | number) => {
        params.push(v);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (query.status) add('a.status = ?', query.status);
      else if (!query.includeSuppressed) where.push("a.status <> 'suppressed'");
      if (query.serviceNumber) add("(j.journey_json::json ->> 'serviceNumber') = ?", query.serviceNumber);
      if (query.arrivalPort) add("(j.journey_json::json -> 'arrival' ->> 'port') = ?", query.arrivalPort);
      if (query.arrivalDate) add('substr(a.arrival_scheduled, 1, 10) = ?', query.arrivalDate);
      if (query.cursor) {
        const c = decodeCursor(query.cursor);
        if (!c)
          throw new PaxError('INVALID_CURSOR', undefined, [
            { path: 'cursor', message: 'is not a cursor this service issued' },
          ]);
        params.push(c.rank, c.arrival, c.created, c.id);
        const n = params.length;
        where.push(
          `(a.priority_rank, a.arrival_scheduled, a.created_at, a.id) > ($${n - 3}, $${n - 2}, $${n - 1}, $${n})`,
        );
      }
      params.push(query.limit + 1);
      const rows = (
        await pool.query<AlertRow>(
          `${ALERT_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.priority_rank, a.arrival_scheduled, a.created_at, a.id LIMIT $${params.length}`,
          params,
        )
      ).rows;
      const { page, nextCursor } = queuePage(rows, query.limit);
      return { items: await Promise.all(page.map(async (r) => toAlert(r, await eventsOf(pool, r.id)))), nextCursor };
    },
    getAlert: (id) => alertById(pool, id),
    claimAlert: (id, actor) =>
      tx(async (c) => {
        const a = await mustAlert(c, id);
        refuse(mayClaim(a, actor.id, claimMs, Date.now()));
        await auditAct(c, actor, 'alert.claim', id);
        if (a.status === 'in-review' && a.claimedBy === actor.id) return a;
        await c.query("UPDATE alerts SET status = 'in-review', claimed_by = $1 WHERE id = $2", [actor.id, id]);
        await event(c, id, actor.id, 'claim', null, null);
        return (await alertById(c, id)) as Alert;
      }),
    disposeAlert: (id, actor, outcome, note) =>
      tx(async (c) => {
        const a = await mustAlert(c, id);
        refuse(mayDispose(a, actor.id, claimMs, Date.now()));
        await c.query("UPDATE alerts SET status = 'closed', claimed_by = NULL, outcome = $1 WHERE id = $2", [
          outcome,
          id,
        ]);
        await event(c, id, actor.id, 'dispose', outcome, note);
        await auditAct(c, actor, 'alert.dispose', id, outcome);
        for (const s of suppressionsFromDecision(a, outcome, actor.id, Date.now(), suppressionDays)) {
          const sid = crypto.randomUUID();
          await c.query(numbered(INSERT_SUPPRESSION), suppressionValues(sid, s));
          await auditAct(
            c,
            actor,
            'suppression.create',
            sid,
            `alert ${s.decidedAlertId} until ${s.expiresAt.slice(0, 10)}`,
          );
        }
        await c.query('SELECT pg_notify($1, $2)', ['paxscreen', `suppressions:${instanceId}`]);
        return (await alertById(c, id)) as Alert;
      }),
    releaseAlert: (id, actor, note) =>
      tx(async (c) => {
        refuse(mayRelease(await mustAlert(c, id)));
        await c.query("UPDATE alerts SET status = 'open', claimed_by = NULL WHERE id = $1", [id]);
        await event(c, id, actor.id, 'release', null, note);
        await auditAct(c, actor, 'alert.release', id);
        return (await alertById(c, id)) as Alert;
      }),
    reopenAlert: (id, actor, note) =>
      tx(async (c) => {
        const a = await mustAlert(c, id);
        if (a.status !== 'closed') throw new PaxError('ALERT_STATE', 'Only a closed alert can be reopened');
        await c.query("UPDATE alerts SET status = 'open', claimed_by = NULL, outcome = NULL WHERE id = $1", [id]);
        await event(c, id, actor.id, 'reopen', null, note);
        await auditAct(c, actor, 'alert.reopen', id);
        return (await alertById(c, id)) as Alert;
      }),
    revokeSuppression: (id, actor, note) =>
      tx(async (c) => {
        const row = (
          await c.query<{ revoked_at: string | null }>('SELECT revoked_at FROM suppressions WHERE id = $1 FOR UPDATE', [
            id,
          ])
        ).rows[0];
        if (!row) throw new PaxError('NOT_FOUND', 'No such suppression');
        if (row.revoked_at) throw new PaxError('ALERT_STATE', 'The suppression is already revoked');
        const at = new Date().toISOString();
        await c.query('UPDATE suppressions SET revoked_at = $1, revoked_by = $2, revoke_note = $3 WHERE id = $4', [
          at,
          actor.id,
          note,
          id,
        ]);
        await auditAct(c, actor, 'suppression.revoke', id);
        const held = (
          await c.query<{ id: string; journey_key: string; traveller_ref: string }>(
            `SELECT a.id, a.journey_key, a.traveller_ref FROM alerts a, json_array_elements(a.suppressions_json::json) s
             WHERE a.status = 'suppressed' AND a.superseded_by IS NULL AND s ->> 'suppressionId' = $1 FOR UPDATE OF a`,
            [id],
          )
        ).rows;
        for (const a of held) {
          await c.query("UPDATE alerts SET status = 'open' WHERE id = $1", [a.id]);
          await event(c, a.id, actor.id, 'unsuppress', null, `Suppression revoked: ${note}`);
          await c.query(
            'UPDATE traveller_versions SET complete = false WHERE id = (SELECT MAX(id) FROM traveller_versions WHERE journey_key = $1 AND ref = $2)',
            [a.journey_key, a.traveller_ref],
          );
        }
        await c.query('SELECT pg_notify($1, $2)', ['paxscreen', `suppressions:${instanceId}`]);
        const s = (await c.query('SELECT * FROM suppressions WHERE id = $1', [id])).rows[0];
        return { suppression: rowToSuppression(s), reopened: held.map((a) => a.id) };
      }),
    async queueCounts() {
      const rows = (
        await pool.query<{ status: AlertStatus; n: number }>(
          'SELECT status, COUNT(*) AS n FROM alerts WHERE superseded_by IS NULL GROUP BY status',
        )
      ).rows;
      const out: Record<AlertStatus, number> = { open: 0, 'in-review': 0, closed: 0, suppressed: 0 };
      for (const r of rows) out[r.status] = r.n;
      return out;
    },
    async rulePerformance(from, to) {
      const rows = (
        await pool.query<{ reasons_json: string; outcome: Outcome | null }>(
          "SELECT reasons_json, outcome FROM alerts WHERE created_at >= $1 AND created_at < $2 AND status <> 'suppressed'",
          [from, to],
        )
      ).rows;
      return tallyRulePerformance(
        rows.map((r) => ({ reasons: JSON.parse(r.reasons_json) as Reason[], outcome: r.outcome })),
      );
    },
    appendAudit: (e) => tx((c) => writeAudit(c, e)),
    ...pgSessionAndAuditReads(pool),
    async ping() {
      try {
        return (await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok === 1;
      } catch {
        return false;
      }
    },
    async close() {
      await closeListener();
      await pool.end();
    },
  };
}
