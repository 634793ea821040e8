/**
 * Builds the watch-list name index in its own thread, so the service keeps answering (health,
 * readiness, officers) while a large list is read and indexed. Reads the configured files itself;
 * lists stored in the database arrive as entries. Refuses, before the costly build, a load that
 * would lose entries (watchlist-load-gate.ts). Answers with the shared index buffer.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { buildCompactIndex } from '../domain/matching/compact/build.ts';
import { loadProblems } from '../domain/watchlist-load-gate.ts';
import { countByKind, readJsonLinesList } from '../ingest/watchlist-jsonl.ts';
import type { IndexBuildRequest, IndexBuildResult, SourceStatus } from './index-build-messages.ts';
import { MATCHER_VERSION } from '../domain/matching/version.ts';

const request = workerData as IndexBuildRequest;
const started = performance.now();
const entries: WatchlistEntry[] = [];
const lists: SourceStatus[] = [];
const problems: string[] = [];
for (const file of request.files) {
  try {
    const loaded = await readJsonLinesList(file);
    for (const e of loaded.entries) entries.push(e);
    const status: SourceStatus = {
      source: file,
      entries: loaded.entries.length,
      records: loaded.records,
      skippedCount: loaded.skipped.length,
      skippedByKind: countByKind(loaded.skipped),
      skipped: loaded.skipped.slice(0, 100),
    };
    lists.push(status);
    problems.push(
      ...loadProblems(
        {
          source: file,
          entries: status.entries,
          skipped: status.skippedCount,
          records: status.records,
          previousEntries: request.previous[file] ?? null,
        },
        request.limits,
      ),
    );
  } catch (e) {
    const message = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    lists.push({
      source: file,
      entries: 0,
      records: 0,
      skippedCount: 0,
      skippedByKind: {},
      skipped: [],
      error: message,
    });
    problems.push(`${file}: cannot be read (${message})`);
  }
}
const storedByList = new Map<string, number>();
for (const e of request.stored) {
  entries.push(e);
  storedByList.set(e.list, (storedByList.get(e.list) ?? 0) + 1);
}
for (const [list, n] of storedByList)
  lists.push({
    source: `stored list ${list}`,
    entries: n,
    records: n,
    skippedCount: 0,
    skippedByKind: {},
    skipped: [],
  });

// An unreadable source is never forced through: there is nothing to put in its place.
const unreadable = lists.some((l) => l.error !== undefined);
let result: IndexBuildResult;
if (problems.length > 0 && (!request.force || unreadable)) result = { ok: false, problems, lists };
else {
  // The matcher's version is in the digest: a release that matches differently re-screens.
  const digest = createHash('sha256').update(MATCHER_VERSION).update('\n');
  for (const e of entries) digest.update(JSON.stringify(e)).update('\n');
  const index = buildCompactIndex(entries);
  result = {
    ok: true,
    index,
    version: `wl-${digest.digest('hex').slice(0, 16)}`,
    entries: entries.length,
    lists,
    buildMs: performance.now() - started,
    overridden: problems,
  };
}
parentPort?.postMessage(result);
