import type { StatementSync } from 'node:sqlite';
import type { Alert, AlertEvent, AlertStatus, Outcome, Reason } from '../../domain/contracts/alert.ts';
import type { AlertRefusal } from '../../domain/alert-state.ts';
import { mayClaim, mayDispose, mayRelease } from '../../domain/alert-state.ts';
import { tallyRulePerformance } from '../../domain/rule-performance.ts';
import { suppressionsFromDecision } from '../../domain/suppression.ts';
import { PaxError } from '../../errors.ts';
import type { AlertRow } from '../alert-rows.ts';
import { queuePage, toAlert } from '../alert-rows.ts';
import { decodeCursor } from '../cursor.ts';
import type { Actor, AlertQuery, Store } from '../store.ts';
import { writeSuppressions } from './suppression-store.ts';

const ALERT_SELECT = `SELECT a.*, j.id AS journey_id, j.journey_json FROM alerts a JOIN journeys j ON j.key = a.journey_key`;

type AlertMethods = Pick<
  Store,
  | 'listAlerts'
  | 'getAlert'
  | 'claimAlert'
  | 'disposeAlert'
  | 'releaseAlert'
  | 'reopenAlert'
  | 'queueCounts'
  | 'rulePerformance'
>;

export interface AlertDeps {
  stmt: (sql: string) => StatementSync;
  transaction: <T>(fn: () => T) => T;
  auditAct: (actor: Actor, action: string, target: string, purpose?: string) => void;
  claimMs: number;
  suppressionDays: number;
}

/**
 * The alert queue and officers' acts on SQLite: each act checks the pure rules of
 * domain/alert-state.ts and writes its event and audit row in the same transaction.
 */
export function alertMethods(d: AlertDeps): {
  methods: AlertMethods;
  event: (
    alertId: string,
    principal: string,
    action: AlertEvent['action'],
    outcome: Outcome | null,
    note: string | null,
  ) => void;
} {
  const { stmt, transaction, auditAct, claimMs, suppressionDays } = d;
  const refuse = (r: AlertRefusal) => {
    if (r) throw new PaxError(r.code, r.message);
  };
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

  const methods: AlertMethods = {
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
      const { page, nextCursor } = queuePage(rows, query.limit);
      return { items: page.map((r) => toAlert(r, eventsOf(r.id))), nextCursor };
    },
    async getAlert(id) {
      return alertById(id);
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
  };
  return { methods, event };
}
