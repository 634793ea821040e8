/**
 * Copies the write-ahead log back into the database file, in its own thread with its own
 * connection. SQLite otherwise does this inside whichever COMMIT crosses the threshold, with an
 * fsync of the database file: measured under check-in load (when commits still ran on the event
 * loop), that made the average commit 1.8× dearer and put multi-millisecond stalls in the tail.
 *
 *   writer thread (and the main thread's rare writes) ── COMMIT (append) ──▶ paxscreen.sqlite-wal
 *   this thread ── every interval: PRAGMA wal_checkpoint(PASSIVE) ──▶ paxscreen.sqlite (+ fsync)
 *
 * PASSIVE never blocks a writer; the committing connections keep a high automatic threshold
 * (connection.ts) as a safety net should this thread die.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
}

const { file, intervalMs } = workerData as CheckpointWorkerData;
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 1000;');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.get();
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
