import type { StatementSync } from 'node:sqlite';
import { PaxError } from '../../errors.ts';
import type { AuditRow } from '../audit-chain.ts';
import { auditRowHash, CHAIN_START } from '../audit-chain.ts';
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
  };
  return { methods, auditAct };
}
