import type pg from 'pg';
import { auditCursorBefore, auditPage } from '../audit-rows.ts';
import type { AuditEvent, AuditQuery, Store } from '../store.ts';

type Methods = Pick<Store, 'listAudit' | 'createSession' | 'getSession' | 'deleteSession'>;

/** Review-page sessions and reading the audit log, on PostgreSQL (every instance sees the same). */
export function pgSessionAndAuditReads(pool: pg.Pool): Methods {
  return {
    async listAudit(q: AuditQuery) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      const filter = (sql: string, value: string | undefined) => {
        if (value === undefined) return;
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      filter('principal = ?', q.principal);
      filter('action = ?', q.action);
      filter('strpos(target, ?) > 0', q.target);
      filter('at >= ?', q.from);
      filter('at < ?', q.to);
      if (q.cursor) {
        const before = auditCursorBefore(q.cursor);
        params.push(before);
        where.push(`id < $${params.length}`);
      }
      params.push(q.limit + 1);
      const rows = (
        await pool.query<AuditEvent & { id: number; purpose: string | null }>(
          `SELECT id, at, principal, role, action, target, purpose FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
          params,
        )
      ).rows;
      return auditPage(rows, q.limit);
    },
    async createSession(x) {
      await pool.query(
        'INSERT INTO sessions (id, principal, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [x.id, x.principal, x.csrf, new Date().toISOString(), x.expiresAt],
      );
      await pool.query('DELETE FROM sessions WHERE expires_at < $1', [new Date().toISOString()]);
    },
    async getSession(id, now) {
      return (
        (
          await pool.query<{ principal: string; csrf: string }>(
            'SELECT principal, csrf FROM sessions WHERE id = $1 AND expires_at > $2',
            [id, now],
          )
        ).rows[0] ?? null
      );
    },
    async deleteSession(id) {
      await pool.query('DELETE FROM sessions WHERE id = $1', [id]);
    },
  };
}
