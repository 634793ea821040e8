import type { StatementSync } from 'node:sqlite';
import { auditCursorBefore, auditPage, nextAuditRow } from '../audit-rows.ts';
import type { Actor, AuditEvent, AuditQuery, Store } from '../store.ts';

type AuditMethods = Pick<Store, 'listAudit' | 'appendAudit'>;

/** The audit log on SQLite: one chained row per act, appended inside the caller's transaction. */
export function auditMethods(
  stmt: (sql: string) => StatementSync,
  transaction: <T>(fn: () => T) => T,
  auditKey: string,
): { methods: AuditMethods; auditAct: (actor: Actor, action: string, target: string, purpose?: string) => void } {
  /** Appends one chained audit row; the caller holds the transaction (the chain never forks). */
  const writeAudit = (e: AuditEvent) => {
    const last = stmt('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string | null } | undefined;
    const { row, previous, hash } = nextAuditRow(last, e, auditKey);
    stmt(
      'INSERT INTO audit_log (id, at, principal, role, action, target, purpose, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.at, row.principal, row.role, row.action, row.target, row.purpose, previous, hash);
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
  const methods: AuditMethods = {
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
        const before = auditCursorBefore(q.cursor);
        where.push('id < ?');
        params.push(before);
      }
      const rows = stmt(
        `SELECT id, at, principal, role, action, target, purpose FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      ).all(...params, q.limit + 1) as unknown as Array<AuditEvent & { id: number; purpose: string | null }>;
      return auditPage(rows, q.limit);
    },
    async appendAudit(e: AuditEvent) {
      transaction(() => writeAudit(e));
    },
  };
  return { methods, auditAct };
}
