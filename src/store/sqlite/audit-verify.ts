import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { AuditRow, ChainReport } from '../audit-chain.ts';
import { verifyChain } from '../audit-chain.ts';

/** Walks the audit chain of a database file, opened read-only (the service may be running). */
export function verifyAuditFile(databaseFile: string, key: string): ChainReport {
  if (!existsSync(databaseFile)) throw new Error(`no database at ${databaseFile}`);
  const db = new DatabaseSync(databaseFile, { readOnly: true });
  try {
    const columns = db.prepare("SELECT name FROM pragma_table_info('audit_log')").all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'hash'))
      throw new Error('this database predates the audit chain: start the service once to migrate it');
    const rows = db
      .prepare('SELECT id, at, principal, role, action, target, purpose, prev_hash, hash FROM audit_log ORDER BY id')
      .iterate() as Iterable<AuditRow & { hash: string | null; prev_hash: string | null }>;
    return verifyChain(rows, key);
  } finally {
    db.close();
  }
}
