import type pg from 'pg';
import type { WatchlistEntry } from '../../domain/contracts/watchlist.ts';
import type { Suppression } from '../../domain/suppression.ts';
import { PaxError } from '../../errors.ts';
import type { Actor, Store } from '../store.ts';
import type { Tx } from './pg-store.ts';
import { SELECT_WATCHLISTS, toWatchlistSummary } from '../shared-statements.ts';
import type { WatchlistRow } from '../shared-statements.ts';

type ListMethods = Pick<
  Store,
  | 'replaceWatchlist'
  | 'listWatchlists'
  | 'watchlistEntries'
  | 'watchlistsVersion'
  | 'deleteWatchlist'
  | 'activeSuppressions'
  | 'suppressionsVersion'
  | 'listSuppressions'
>;

/** Stored-list rows written per transaction: readers and carriers' writes interleave. */
const LIST_BATCH = 5_000;

export function rowToSuppression(r: Record<string, unknown>): Suppression {
  return {
    id: r.id as string,
    list: r.list as string,
    entryId: r.entry_id as string,
    entryFingerprint: r.entry_fingerprint as string,
    documentNumber: r.document_number as string,
    dateOfBirth: r.date_of_birth as string,
    travellerFingerprint: r.traveller_fingerprint as string,
    decidedAlertId: r.decided_alert_id as string,
    decidedBy: r.decided_by as string,
    createdAt: r.created_at as string,
    expiresAt: r.expires_at as string,
    revokedAt: (r.revoked_at as string | null) ?? null,
    revokedBy: (r.revoked_by as string | null) ?? null,
    revokeNote: (r.revoke_note as string | null) ?? null,
  };
}

/** Stored watch-lists (a new generation written in batches, switched to at once) and suppressions. */
export function pgListMethods(
  pool: pg.Pool,
  tx: Tx,
  auditAct: (c: pg.PoolClient, actor: Actor, action: string, target: string) => Promise<void>,
  instanceId: string,
): ListMethods {
  return {
    async replaceWatchlist(name, entries, meta) {
      const generation = Date.now() * 1000 + Math.floor(Math.random() * 1000);
      for (let i = 0; i < entries.length; i += LIST_BATCH) {
        const batch = entries.slice(i, i + LIST_BATCH);
        await pool.query(
          `INSERT INTO watchlist_entries (list, generation, id, entry_json) SELECT $1, $2, e.id, e.json FROM unnest($3::text[], $4::text[]) AS e(id, json)
           ON CONFLICT (list, generation, id) DO UPDATE SET entry_json = excluded.entry_json`,
          [name, generation, batch.map((e) => e.id), batch.map((e) => JSON.stringify(e))],
        );
      }
      const summary = await tx(async (c) => {
        const at = new Date().toISOString();
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`watchlist:${name}`]);
        const previous = (await c.query<{ version: number }>('SELECT version FROM watchlists WHERE name = $1', [name]))
          .rows[0];
        const version = (previous?.version ?? 0) + 1;
        const count =
          (
            await c.query<{ n: number }>(
              'SELECT COUNT(*) AS n FROM watchlist_entries WHERE list = $1 AND generation = $2',
              [name, generation],
            )
          ).rows[0]?.n ?? 0;
        await c.query(
          `INSERT INTO watchlists (name, version, entries, source, imported_at, imported_by, generation) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (name) DO UPDATE SET version = excluded.version, entries = excluded.entries, source = excluded.source,
             imported_at = excluded.imported_at, imported_by = excluded.imported_by, generation = excluded.generation`,
          [name, version, count, meta.source, at, meta.importedBy, generation],
        );
        if (meta.audit) await auditAct(c, meta.audit.actor, meta.audit.action, `${name}@${version}`);
        // Every instance rebuilds its index when told (the version poll is the fallback).
        await c.query('SELECT pg_notify($1, $2)', ['paxscreen', `watchlists:${instanceId}`]);
        return { name, version, entries: count, source: meta.source, importedAt: at, importedBy: meta.importedBy };
      });
      for (;;) {
        const removed =
          (
            await pool.query(
              'DELETE FROM watchlist_entries WHERE ctid IN (SELECT ctid FROM watchlist_entries WHERE list = $1 AND generation <> (SELECT generation FROM watchlists WHERE name = $1) LIMIT $2)',
              [name, LIST_BATCH],
            )
          ).rowCount ?? 0;
        if (removed < LIST_BATCH) break;
      }
      return summary;
    },
    async deleteWatchlist(name, actor) {
      const found = await tx(async (c) => {
        const row = (
          await c.query<{ version: number }>('DELETE FROM watchlists WHERE name = $1 RETURNING version', [name])
        ).rows[0];
        if (!row) return false;
        await auditAct(c, actor, 'watchlist.delete', `${name}@${row.version}`);
        await c.query('SELECT pg_notify($1, $2)', ['paxscreen', `watchlists:${instanceId}`]);
        return true;
      });
      while (
        ((
          await pool.query(
            'DELETE FROM watchlist_entries WHERE ctid IN (SELECT ctid FROM watchlist_entries WHERE list = $1 LIMIT $2)',
            [name, LIST_BATCH],
          )
        ).rowCount ?? 0) === LIST_BATCH
      );
      return found;
    },
    async listWatchlists() {
      return (await pool.query<WatchlistRow>(SELECT_WATCHLISTS)).rows.map(toWatchlistSummary);
    },
    async watchlistEntries() {
      const rows = (
        await pool.query<{ entry_json: string }>(
          'SELECT e.entry_json FROM watchlist_entries e JOIN watchlists w ON w.name = e.list AND w.generation = e.generation ORDER BY e.list, e.id',
        )
      ).rows;
      return rows.map((r) => JSON.parse(r.entry_json) as WatchlistEntry);
    },
    async watchlistsVersion() {
      const rows = (
        await pool.query<{ name: string; version: number }>('SELECT name, version FROM watchlists ORDER BY name')
      ).rows;
      return rows.map((r) => `${r.name}@${r.version}`).join(',');
    },
    async activeSuppressions(now) {
      return (
        await pool.query('SELECT * FROM suppressions WHERE revoked_at IS NULL AND expires_at > $1', [now])
      ).rows.map(rowToSuppression);
    },
    async suppressionsVersion() {
      const r = (
        await pool.query<{ n: number; revoked: number }>(
          'SELECT COUNT(*) AS n, COUNT(revoked_at) AS revoked FROM suppressions',
        )
      ).rows[0];
      return `${r?.n ?? 0}:${r?.revoked ?? 0}`;
    },
    async listSuppressions(q) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      const add = (sql: string, ...values: string[]) => {
        let s = sql;
        for (const v of values) {
          params.push(v);
          s = s.replace('?', `$${params.length}`);
        }
        where.push(s);
      };
      if (q.active === true) add('revoked_at IS NULL AND expires_at > ?', q.now);
      else if (q.active === false) add('(revoked_at IS NOT NULL OR expires_at <= ?)', q.now);
      if (q.alertId) add('decided_alert_id = ?', q.alertId);
      if (q.cursor) {
        const c = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
        if (c.length !== 2)
          throw new PaxError('INVALID_CURSOR', undefined, [
            { path: 'cursor', message: 'is not a cursor this service issued' },
          ]);
        add('(created_at, id) < (?, ?)', c[0] as string, c[1] as string);
      }
      params.push(q.limit + 1);
      const rows = (
        await pool.query(
          `SELECT * FROM suppressions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
          params,
        )
      ).rows;
      const page = rows.slice(0, q.limit).map(rowToSuppression);
      const last = page[page.length - 1];
      return {
        items: page,
        nextCursor:
          rows.length > q.limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null,
      };
    },
  };
}
