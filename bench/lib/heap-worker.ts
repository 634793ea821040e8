/**
 * Runs the timed queries inside a worker thread holding only the shared index, as a screening worker
 * does in the service (the main thread's list objects and their garbage collection stay out of the
 * figures), and reports that thread's heap: proof the index is read in place, not copied.
 *
 * The worker first screens `warm` (other travellers), timing the first 2,000 as a fresh worker's
 * figures, then times each of `queries` once: the steady state of a worker that has been running.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openCompactIndex } from '../../src/domain/matching/compact/reader.ts';
import type { MatchSubject } from '../../src/domain/matching/matcher-types.ts';

const { buffer, warm, queries } = workerData as {
  buffer: SharedArrayBuffer;
  warm: MatchSubject[];
  queries: MatchSubject[];
};
const reader = openCompactIndex(buffer);
const timed = (list: MatchSubject[]) =>
  list.map((q) => {
    const t = performance.now();
    reader.match(q, { threshold: 75 });
    return performance.now() - t;
  });
const fresh = timed(warm.slice(0, 2000));
for (const q of warm.slice(2000)) reader.match(q, { threshold: 75 });
const before = reader.wordCacheStats();
const durations = timed(queries);
const after = reader.wordCacheStats();
const wordHitRate = (after.hits - before.hits) / Math.max(1, after.lookups - before.lookups);
parentPort?.postMessage({ durations, fresh, heapUsed: getHeapStatistics().used_heap_size, wordHitRate });
