import type { StatementSync } from 'node:sqlite';
import type { WatchlistEntry } from '../../domain/contracts/watchlist.ts';
import type { Actor, Store } from '../store.ts';
import { SELECT_WATCHLISTS, toWatchlistSummary } from '../shared-statements.ts';
import type { WatchlistRow } from '../shared-statements.ts';

/** Stored-list rows written or deleted per transaction. */
const LIST_BATCH = 5_000;

type WatchlistMethods = Pick<
  Store,
  'replaceWatchlist' | 'listWatchlists' | 'watchlistEntries' | 'watchlistsVersion' | 'deleteWatchlist'
>;

/**
 * Stored watch-lists. A replacement is written as a new generation in bounded transactions and
 * switched to in one small one (with its audit row), so readers always see one list whole and the
 * write lock is never held for a whole large list.
 */
export function watchlistMethods(
  stmt: (sql: string) => StatementSync,
  transaction: <T>(fn: () => T) => T,
  auditAct: (actor: Actor, action: string, target: string) => void,
): WatchlistMethods {
  return {
    async replaceWatchlist(name, entries, meta) {
      // A new generation, written in batches (no long write lock: carriers' writes interleave), then
      // switched to in one small transaction; until then readers see the previous list whole.
      const generation = Date.now() * 1000 + Math.floor(Math.random() * 1000);
      const insert = stmt(
        'INSERT OR REPLACE INTO watchlist_entries (list, generation, id, entry_json) VALUES (?, ?, ?, ?)',
      );
      for (let i = 0; i < entries.length; i += LIST_BATCH) {
        transaction(() => {
          for (const e of entries.slice(i, i + LIST_BATCH)) insert.run(name, generation, e.id, JSON.stringify(e));
        });
        await new Promise((r) => setImmediate(r));
      }
      const summary = transaction(() => {
        const at = new Date().toISOString();
        const previous = stmt('SELECT version FROM watchlists WHERE name = ?').get(name) as
          { version: number } | undefined;
        const version = (previous?.version ?? 0) + 1;
        const count = (
          stmt('SELECT COUNT(*) AS n FROM watchlist_entries WHERE list = ? AND generation = ?').get(
            name,
            generation,
          ) as { n: number }
        ).n;
        stmt(
          `INSERT INTO watchlists (name, version, entries, source, imported_at, imported_by, generation) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET version = excluded.version, entries = excluded.entries, source = excluded.source,
             imported_at = excluded.imported_at, imported_by = excluded.imported_by, generation = excluded.generation`,
        ).run(name, version, count, meta.source, at, meta.importedBy, generation);
        if (meta.audit) auditAct(meta.audit.actor, meta.audit.action, `${name}@${version}`);
        return { name, version, entries: count, source: meta.source, importedAt: at, importedBy: meta.importedBy };
      });
      // The generations no longer in force, deleted in batches too.
      for (;;) {
        const removed = transaction(() =>
          Number(
            stmt(
              'DELETE FROM watchlist_entries WHERE rowid IN (SELECT rowid FROM watchlist_entries WHERE list = ? AND generation != (SELECT generation FROM watchlists WHERE name = ?) LIMIT ?)',
            ).run(name, name, LIST_BATCH).changes,
          ),
        );
        if (removed < LIST_BATCH) break;
        await new Promise((r) => setImmediate(r));
      }
      return summary;
    },
    async deleteWatchlist(name, actor) {
      const found = transaction(() => {
        const row = stmt('SELECT version FROM watchlists WHERE name = ?').get(name) as { version: number } | undefined;
        if (!row) return false;
        stmt('DELETE FROM watchlists WHERE name = ?').run(name);
        auditAct(actor, 'watchlist.delete', `${name}@${row.version}`);
        return true;
      });
      // The entries of every generation, in batches (the list is already out of force).
      while (
        Number(
          stmt(
            'DELETE FROM watchlist_entries WHERE rowid IN (SELECT rowid FROM watchlist_entries WHERE list = ? LIMIT ?)',
          ).run(name, LIST_BATCH).changes,
        ) === LIST_BATCH
      )
        await new Promise((r) => setImmediate(r));
      return found;
    },
    async listWatchlists() {
      return (stmt(SELECT_WATCHLISTS).all() as unknown as WatchlistRow[]).map(toWatchlistSummary);
    },
    async watchlistEntries() {
      const rows = stmt(
        'SELECT e.entry_json FROM watchlist_entries e JOIN watchlists w ON w.name = e.list AND w.generation = e.generation ORDER BY e.list, e.id',
      ).all() as Array<{ entry_json: string }>;
      return rows.map((r) => JSON.parse(r.entry_json) as WatchlistEntry);
    },
    async watchlistsVersion() {
      const rows = stmt('SELECT name, version FROM watchlists ORDER BY name').all() as Array<{
        name: string;
        version: number;
      }>;
      return rows.map((r) => `${r.name}@${r.version}`).join(',');
    },
  };
}
