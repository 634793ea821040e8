/**
 * Screening worker (runs inside a piscina thread).
 *
 *   main thread                         worker thread (this file)
 *   ───────────                         ─────────────────────────
 *   ScreeningPool.run(task) ──postMessage──► screen(task)
 *     match task: subjects + watch-list         │ matcherFor(snapshot): rebuild only when the
 *       snapshot (SharedArrayBuffer, version)   │   version changed, else reuse the cached index
 *     rules task: whole manifest + rule set     │ evaluateRules(manifest)  (pure domain code)
 *   ◄──────────────── result (plain data) ──────┘
 *
 * No I/O happens here: the store is the main thread's; a worker only computes.
 */
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import type { WatchlistMatcher } from '../domain/matching/matcher.ts';
import { buildMatcher } from '../domain/matching/matcher.ts';
import { evaluateRules } from '../domain/rules/engine.ts';
import type { ScreeningTask, ScreeningTaskResult, WatchlistSnapshot } from './contract.ts';

let cached: { version: string; matcher: WatchlistMatcher } | null = null;

function matcherFor(snapshot: WatchlistSnapshot): WatchlistMatcher {
  if (cached?.version === snapshot.version) return cached.matcher;
  const bytes = new Uint8Array(snapshot.buffer, 0, snapshot.byteLength);
  // TextDecoder cannot read shared memory directly; one copy per version is the price.
  const entries = JSON.parse(new TextDecoder().decode(bytes.slice())) as WatchlistEntry[];
  cached = { version: snapshot.version, matcher: buildMatcher(entries) };
  return cached.matcher;
}

export default function screen(task: ScreeningTask): ScreeningTaskResult {
  if (task.kind === 'match') {
    const matcher = matcherFor(task.watchlist);
    return {
      kind: 'match',
      matches: task.subjects.map(({ ref, subject }) => ({ ref, reasons: matcher.match(subject, { threshold: task.threshold }) })),
    };
  }
  const byRef = evaluateRules({ version: task.rules.version, rules: task.rules.rules }, task.manifest);
  return { kind: 'rules', reasons: [...byRef].map(([ref, reasons]) => ({ ref, reasons })) };
}
