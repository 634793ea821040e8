/**
 * Builds the watch-list name index in its own thread, so the service keeps answering (health,
 * readiness, officers) while a large list is read and indexed. Reads the configured files itself;
 * lists stored in the database arrive as entries. Answers with the shared index buffer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { buildCompactIndex } from '../domain/matching/compact/build.ts';
import { readJsonLinesList } from '../ingest/watchlist-jsonl.ts';
import type { IndexBuildRequest, IndexBuildResult } from './index-build-contract.ts';

const request = workerData as IndexBuildRequest;
const started = performance.now();
const entries: WatchlistEntry[] = [];
const lists: IndexBuildResult['lists'] = [];
for (const file of request.files) {
  const loaded = await readJsonLinesList(file);
  for (const e of loaded.entries) entries.push(e);
  lists.push({ source: file, entries: loaded.entries.length, skipped: loaded.skipped.slice(0, 100), skippedCount: loaded.skipped.length });
}
for (const e of request.stored) entries.push(e);
if (request.stored.length > 0) lists.push({ source: 'store', entries: request.stored.length, skipped: [], skippedCount: 0 });
const index = buildCompactIndex(entries);
const result: IndexBuildResult = { index, entries: entries.length, lists, buildMs: performance.now() - started };
parentPort?.postMessage(result);
