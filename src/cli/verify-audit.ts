import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { resolveAuditKey } from '../store/audit-chain.ts';
import { verifyAuditFile } from '../store/sqlite/audit-verify.ts';
import { verifyAuditDatabase } from '../store/postgres/audit-verify.ts';

/**
 * `paxscreen verify-audit [--data-dir DIR]`: walks the audit chain (PostgreSQL when PAXSCREEN_DATABASE_URL is set); exit 0 when every row holds,
 * 1 naming the first row that does not, 2 when the database cannot be read.
 */
export async function verifyAuditCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  const config = loadConfig(
    values['data-dir'] ? { ...process.env, PAXSCREEN_DATA_DIR: String(values['data-dir']) } : process.env,
  );
  const file = resolve(config.dataDir, 'paxscreen.sqlite');
  let report;
  try {
    // PostgreSQL (PAXSCREEN_DATABASE_URL) when configured, else the data folder's SQLite file.
    report = config.databaseUrl
      ? await verifyAuditDatabase(config.databaseUrl, config.auditKey as string)
      : verifyAuditFile(file, resolveAuditKey(file, config.auditKey));
  } catch (e) {
    console.error(`verify-audit: ${(e as Error).message}`);
    return 2;
  }
  if (report.firstBad) {
    console.error(
      `verify-audit: FAILED at audit row ${report.firstBad.id}: ${report.firstBad.reason} (${report.rows} rows read)`,
    );
    return 1;
  }
  console.log(
    `verify-audit: ${report.rows} rows, chain intact${report.unchained ? ` (${report.unchained} rows written before the chain existed, not verifiable)` : ''}`,
  );
  return 0;
}
