import type pg from 'pg';
import { PaxError } from '../../errors.ts';
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
        const before = Number(Buffer.from(q.cursor, 'base64url').toString('utf8'));
        if (!Number.isInteger(before))
          throw new PaxError('INVALID_CURSOR', undefined, [
            { path: 'cursor', message: 'is not a cursor this service issued' },
          ]);
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
