import { DatabaseSync } from 'node:sqlite';
import type { SyncMode } from './writer-messages.ts';

/** Pages a committing connection lets the WAL reach before checkpointing itself (if the checkpoint thread is gone). */
export const SAFETY_NET_PAGES = 20_000;

/**
 * Opens a connection to the database file as every thread that reads or writes it needs it: WAL,
 * NORMAL sync by default (durable across a process crash; a power loss can lose the last commits:
 * PAXSCREEN_SYNCHRONOUS=FULL for that), foreign keys (history keys cascade), a busy wait
 * for the one writer lock, statement journals in memory, and — where a checkpoint thread runs —
 * only a high automatic threshold.
 */
export function openConnection(
  file: string,
  { backgroundCheckpoints, synchronous = 'NORMAL' }: { backgroundCheckpoints: boolean; synchronous?: SyncMode },
): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec(
    `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;`,
  );
  // Group commit gives each write a savepoint: its sub-journal stays in memory instead of a file
  // opened, written and deleted per transaction (docs/decisions/2026-11-28-sqlite-commits-and-checkpoints.md).
  db.exec('PRAGMA temp_store = MEMORY');
  // Deleted content is overwritten with zeros: a purged traveller is not left in free pages.
  db.exec('PRAGMA secure_delete = ON');
  if (backgroundCheckpoints) db.exec(`PRAGMA wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  return db;
}
