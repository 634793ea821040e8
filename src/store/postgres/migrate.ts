import type pg from 'pg';
import { PaxError } from '../../errors.ts';
import { PG_MIGRATIONS } from './schema.ts';

/** Serialises migrations when several instances start at once. */
const MIGRATION_LOCK = 7_262_000;

/**
 * Applies the migrations this release knows and the database has not run, each in its own
 * transaction and recorded in `schema_migrations`. Instances starting together take turns (an
 * advisory lock); a database migrated by a newer release is refused: this one would misread it.
 */
export async function migrate(pool: pg.Pool): Promise<{ applied: number; version: number }> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await c.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const done =
      (await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0;
    if (done > PG_MIGRATIONS.length) {
      throw new PaxError(
        'NOT_READY',
        `The database schema is at version ${done}; this release knows ${PG_MIGRATIONS.length}. Run the newer release.`,
      );
    }
    for (let v = done + 1; v <= PG_MIGRATIONS.length; v++) {
      await c.query('BEGIN');
      try {
        await c.query(PG_MIGRATIONS[v - 1] as string);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          v,
          new Date().toISOString(),
        ]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      }
    }
    return { applied: PG_MIGRATIONS.length - done, version: PG_MIGRATIONS.length };
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    c.release();
  }
}
