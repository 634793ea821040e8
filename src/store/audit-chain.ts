/**
 * The audit log's tamper evidence. Each row carries an HMAC-SHA-256 over its own fields and the
 * previous row's hash, keyed with a secret kept outside the database (PAXSCREEN_AUDIT_KEY, or in
 * development a key file beside it). Editing, inserting or deleting a row breaks the chain at that
 * row; without the key a forger cannot rebuild it. What it does not prove: that nothing was ever
 * written (an attacker with the key and the file can rewrite the whole tail), nor that the last rows
 * were not cut off (compare the row count with an external record: see SECURITY notes in README).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The "previous hash" of the first chained row. */
export const CHAIN_START = 'chain-start';
const KEY_FILE = 'audit.key';

export interface AuditRow {
  id: number;
  at: string;
  principal: string;
  role: string;
  action: string;
  target: string;
  purpose: string | null;
}

export function auditRowHash(key: string, previous: string, row: AuditRow): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([previous, row.id, row.at, row.principal, row.role, row.action, row.target, row.purpose]))
    .digest('hex');
}

/**
 * The key: the configured one, else (development only) the key file beside the database, created
 * on first use with owner-only permissions. An in-memory database gets a key for the process.
 */
export function resolveAuditKey(databaseFile: string, configured: string | null): string {
  if (configured) return configured;
  if (databaseFile === ':memory:') return randomBytes(32).toString('hex');
  const file = join(dirname(databaseFile), KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

export interface ChainReport {
  rows: number;
  /** Rows written before the chain existed (no hash): reported, not verified. */
  unchained: number;
  firstBad: { id: number; reason: string } | null;
}

/** Walks rows in id order; stops at the first row whose hash or link does not hold. */
export function verifyChain(
  rows: Iterable<AuditRow & { hash: string | null; prev_hash: string | null }>,
  key: string,
): ChainReport {
  let previous: string | null = null;
  let count = 0;
  let unchained = 0;
  for (const row of rows) {
    count++;
    if (row.hash === null) {
      if (previous !== null)
        return {
          rows: count,
          unchained,
          firstBad: { id: row.id, reason: 'a row without a hash after the chain began' },
        };
      unchained++;
      continue;
    }
    const expectedPrevious = previous ?? CHAIN_START;
    if (row.prev_hash !== expectedPrevious)
      return {
        rows: count,
        unchained,
        firstBad: {
          id: row.id,
          reason: 'its link to the previous row is broken (a row was removed, inserted or reordered)',
        },
      };
    if (auditRowHash(key, expectedPrevious, row) !== row.hash)
      return {
        rows: count,
        unchained,
        firstBad: { id: row.id, reason: 'its content does not match its hash (edited, or another key)' },
      };
    previous = row.hash;
  }
  return { rows: count, unchained, firstBad: null };
}
