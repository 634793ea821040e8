import pg from 'pg';
import type { AuditRow, ChainReport } from '../audit-chain.ts';
import { verifyChain } from '../audit-chain.ts';

/** Walks the audit chain of a PostgreSQL database in id order, a page at a time (read-only). */
export async function verifyAuditDatabase(url: string, key: string): Promise<ChainReport> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const rows: Array<AuditRow & { hash: string | null; prev_hash: string | null }> = [];
    let after = 0;
    for (;;) {
      const page = (
        await c.query(
          'SELECT id, at, principal, role, action, target, purpose, prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT 10000',
          [after],
        )
      ).rows as Array<AuditRow & { hash: string | null; prev_hash: string | null; id: string | number }>;
      for (const r of page) rows.push({ ...r, id: Number(r.id) });
      if (page.length < 10_000) break;
      after = Number(page[page.length - 1]?.id);
    }
    return verifyChain(rows, key);
  } finally {
    await c.end();
  }
}
