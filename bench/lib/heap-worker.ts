/**
 * Runs the timed queries inside a worker thread holding only the shared index, as a screening worker
 * does in the service (the main thread's list objects and their garbage collection stay out of the
 * figures), and reports that thread's heap: proof the index is read in place, not copied.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openCompactIndex } from '../../src/domain/matching/compact/reader.ts';
import type { MatchSubject } from '../../src/domain/matching/matcher-types.ts';

const { buffer, queries } = workerData as { buffer: SharedArrayBuffer; queries: MatchSubject[] };
const reader = openCompactIndex(buffer);
for (const q of queries.slice(0, 500)) reader.match(q, { threshold: 75 });
const durations = queries.map((q) => {
  const t = performance.now();
  reader.match(q, { threshold: 75 });
  return performance.now() - t;
});
parentPort?.postMessage({ durations, heapUsed: getHeapStatistics().used_heap_size });
