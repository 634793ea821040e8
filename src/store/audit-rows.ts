import { PaxError } from '../errors.ts';
import type { AuditRow } from './audit-chain.ts';
import { auditRowHash, CHAIN_START } from './audit-chain.ts';
import type { AuditEvent } from './store.ts';

/** The next row of the chain after `last` (the newest row), with the hashes both back ends store. */
export function nextAuditRow(
  last: { id: number; hash: string | null } | undefined,
  e: AuditEvent,
  key: string,
): { row: AuditRow; previous: string; hash: string } {
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
  return { row, previous, hash: auditRowHash(key, previous, row) };
}

/** The audit log's cursor: the id to read below, opaque to clients. */
export function auditCursorBefore(cursor: string): number {
  const before = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(before))
    throw new PaxError('INVALID_CURSOR', undefined, [
      { path: 'cursor', message: 'is not a cursor this service issued' },
    ]);
  return before;
}

/** A page of audit rows (read one past the limit) and the cursor to the next. */
export function auditPage(
  rows: Array<AuditEvent & { id: number; purpose?: string | null }>,
  limit: number,
): { items: Array<AuditEvent & { id: number }>; nextCursor: string | null } {
  const items = rows.slice(0, limit).map((r) => ({
    id: Number(r.id),
    at: r.at,
    principal: r.principal,
    role: r.role,
    action: r.action,
    target: r.target,
    ...(r.purpose ? { purpose: r.purpose } : {}),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(String(last.id)).toString('base64url') : null };
}
