/** Opens the shared index inside a worker thread and reports that thread's own heap: proof the index is not copied. */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openCompactIndex } from '../../src/domain/matching/compact/reader.ts';
import type { MatchSubject } from '../../src/domain/matching/matcher-types.ts';

const { buffer, queries } = workerData as { buffer: SharedArrayBuffer; queries: MatchSubject[] };
const before = getHeapStatistics().used_heap_size;
const reader = openCompactIndex(buffer);
for (const q of queries) reader.match(q, { threshold: 75 });
parentPort?.postMessage({ heapBefore: before, heapAfter: getHeapStatistics().used_heap_size, external: process.memoryUsage().external });
