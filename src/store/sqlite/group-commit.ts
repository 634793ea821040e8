import type { DatabaseSync } from 'node:sqlite';

/** Writes gathered into one transaction at most: bounds how long one flush holds the thread. */
const MAX_BATCH = 64;

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` inside a transaction shared with the writes queued in the same turn of the event loop; settles once it is committed. */
  run<T>(write: () => T): Promise<T>;
  /** Commits whatever is queued now (used before closing). */
  flush(): void;
}

/**
 * Group commit: under load, several records reach the writer in the same turn of its event loop
 * and share one transaction rather than paying for a BEGIN/COMMIT each
 * (docs/decisions/2026-11-28-sqlite-commits-and-checkpoints.md). Each write runs under its own savepoint,
 * so one that fails rolls back alone and only its caller sees the error. Nobody is answered before
 * the COMMIT that holds their write has returned: durability is the same as one transaction each.
 */
export function groupCommit(db: DatabaseSync): GroupCommit {
  let queue: Pending[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        db.exec('BEGIN IMMEDIATE');
        for (const p of batch) {
          db.exec('SAVEPOINT one_write');
          try {
            results.push({ ok: true, value: p.write() });
            db.exec('RELEASE one_write');
          } catch (error) {
            db.exec('ROLLBACK TO one_write');
            db.exec('RELEASE one_write');
            results.push({ ok: false, error });
          }
        }
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        for (const p of batch) p.reject(error);
        continue;
      }
      batch.forEach((p, i) => {
        const r = results[i] as (typeof results)[number];
        if (r.ok) p.resolve(r.value);
        else p.reject(r.error);
      });
    }
  };

  return {
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          // setImmediate runs after this turn's I/O callbacks: every write that arrived in the same
          // turn joins the batch, and none waits longer than one turn.
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
