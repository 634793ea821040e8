/**
 * Records screened manifests in a thread of its own, with its own connection to the database file,
 * so the event loop that answers carriers never runs the inserts of a 500-traveller manifest.
 *
 *   main thread ── postMessage(record) ──▶ this thread: queue
 *                                          setImmediate: BEGIN · SAVEPOINT per record · COMMIT
 *   main thread ◀── reply per record ───── (only after COMMIT: the carrier is answered after that)
 *
 * Records that arrive together share one transaction (group-commit.ts). SQLite allows one writer at a
 * time: the main connection's rarer writes (officer decisions, audit, sessions) wait for the lock.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from './connection.ts';
import { groupCommit } from './group-commit.ts';
import { manifestWrites } from './manifest-writes.ts';
import type { WrittenManifest } from './manifest-writes.ts';
import type { WriteReply, WriteRequest, WriterWorkerData } from './writer-messages.ts';

const { file, synchronous } = workerData as WriterWorkerData;
const db = openConnection(file, { backgroundCheckpoints: true, synchronous });
const writes = manifestWrites(db);
const commits = groupCommit(db);
const reply = (r: WriteReply) => parentPort?.postMessage(r);

parentPort?.on('message', (m: WriteRequest) => {
  if (m.op === 'close') {
    commits.flush();
    db.close();
    reply({ id: m.id, ok: true, result: null });
    parentPort?.close();
    return;
  }
  const write = m.op === 'manifest' ? () => writes.recordManifest(m.record) : () => writes.recordFollowUp(m.update);
  commits.run<WrittenManifest | number[]>(write).then(
    (result) => reply({ id: m.id, ok: true, result }),
    (e: unknown) => reply({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
});
