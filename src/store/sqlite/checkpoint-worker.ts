/**
 * Copies the write-ahead log back into the database file, in its own thread with its own
 * connection. SQLite otherwise does this inside whichever COMMIT crosses the threshold, with an
 * fsync of the database file, and commits must stay short (figures:
 * docs/decisions/2026-11-28-sqlite-commits-and-checkpoints.md).
 *
 *   writer thread (and the main thread's rare writes) ── COMMIT (append) ──▶ paxscreen.sqlite-wal
 *   this thread ── every interval: PRAGMA wal_checkpoint(PASSIVE) ──▶ paxscreen.sqlite (+ fsync)
 *                  and, once the log is long, RESTART (rewinds it)
 *
 * PASSIVE never blocks a writer; RESTART holds writers back while it copies what was appended since
 * and readers move off the log. The committing connections keep a high automatic threshold
 * (connection.ts) as a safety net should this thread die.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
  /** Log length (frames) from which the log is also rewound (RESTART) after the passive copy. */
  restartFrames: number;
}

const { file, intervalMs, restartFrames } = workerData as CheckpointWorkerData;
const db = new DatabaseSync(file);
// Short: a RESTART that cannot get its locks soon gives up until the next tick instead of holding
// the writer back.
db.exec('PRAGMA busy_timeout = 50;');
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
const timer = setInterval(() => {
  try {
    const r = passive.get() as { log: number };
    // PASSIVE copies the log back but never rewinds it: with commits arriving every few milliseconds
    // it would grow until a writer checkpoints inside COMMIT. Once it is long, RESTART copies the
    // frames written since PASSIVE and rewinds it; writers wait for that, briefly.
    if (r.log >= restartFrames) restart.get();
  } catch {
    // Busy or the file is closing: the next tick tries again, and the safety net still holds.
  }
}, intervalMs);
parentPort?.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort?.close();
  }
});
