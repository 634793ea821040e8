/**
 * Screening worker: one of the piscina threads behind ScreeningPool (pool.ts).
 *
 *   main thread                                  worker thread (this file)
 *   ───────────                                  ─────────────────────────
 *   pool.runMatch / runRules / runScreen /       screen(task), by task.kind:
 *     runSearch / runParse / runParsePnrgov /
 *     runParseList (task, urgency)
 *     │ dispatcher.ts orders waiting tasks:
 *     │ interactive, then batch, then background;
 *     │ a worker gets one only when it has room
 *     └──── piscina.run ── postMessage ────────►  match   subjects × index (SharedArrayBuffer,
 *                                                          opened in place once per version)
 *                                                 rules   evaluateRules(manifest, history)
 *                                                 screen  match + rules in one round trip
 *                                                 search  one subject, ranked candidates
 *                                                 paxlst  parsePaxlst(text)   large bodies,
 *                                                 pnrgov  parsePnrgov(text)   off the event loop
 *                                                 list    importListText(format, text)
 *   ◄────────────── result (plain data, kind echoed; pool.ts checks it) ─────┘
 *
 * No I/O happens here: the store is the main thread's; a worker only computes. The other threads of
 * the process (architecture.md): the SQLite writer thread and the index-build thread.
 */
import type { IndexReader } from '../domain/matching/compact/reader.ts';
import { openCompactIndex } from '../domain/matching/compact/reader.ts';
import { evaluateRules } from '../domain/rules/engine.ts';
import type { RuleSet } from '../domain/rules/rule-schema.ts';
import { importListText } from '../ingest/list-import.ts';
import { parsePaxlst, PaxlstUnusable } from '../ingest/paxlst/map.ts';
import { parsePnrgov, PnrgovUnusable } from '../ingest/pnrgov/parse.ts';
import type { RulesSnapshot, ScreeningTask, ScreeningTaskResult, WatchlistSnapshot } from './worker-messages.ts';

let cached: { version: string; reader: IndexReader } | null = null;

function readerFor(snapshot: WatchlistSnapshot): IndexReader {
  if (cached?.version !== snapshot.version)
    cached = { version: snapshot.version, reader: openCompactIndex(snapshot.index) };
  return cached.reader;
}

let cachedRules: { version: string; set: RuleSet } | null = null;

function rulesFor(snapshot: RulesSnapshot): RuleSet {
  if (cachedRules?.version !== snapshot.version) {
    const rules = JSON.parse(
      new TextDecoder().decode(new Uint8Array(snapshot.buffer, 0, snapshot.byteLength).slice()),
    ) as RuleSet['rules'];
    cachedRules = { version: snapshot.version, set: { version: snapshot.version, rules } };
  }
  return cachedRules.set;
}

export default function screen(task: ScreeningTask): ScreeningTaskResult {
  if (task.kind === 'list') return { kind: 'list', result: importListText(task.format, task.text, task.options) };
  if (task.kind === 'paxlst') {
    try {
      return { kind: 'paxlst', ok: true, result: parsePaxlst(task.text) };
    } catch (e) {
      if (e instanceof PaxlstUnusable) return { kind: 'paxlst', ok: false, reason: e.message, warnings: e.warnings };
      throw e;
    }
  }
  if (task.kind === 'pnrgov') {
    try {
      return { kind: 'pnrgov', ok: true, result: parsePnrgov(task.text) };
    } catch (e) {
      if (e instanceof PnrgovUnusable)
        return { kind: 'pnrgov', ok: false, reason: e.message, segment: e.segment, tag: e.tag };
      throw e;
    }
  }
  if (task.kind === 'screen') {
    const matcher = readerFor(task.watchlist);
    const byRef = evaluateRules(rulesFor(task.rules), task.manifest, task.history);
    return {
      kind: 'screen',
      matches: task.subjects.map(({ ref, subject }) => ({
        ref,
        reasons: matcher.match(subject, { threshold: task.threshold }),
      })),
      reasons: [...byRef].map(([ref, reasons]) => ({ ref, reasons })),
    };
  }
  if (task.kind === 'match') {
    const matcher = readerFor(task.watchlist);
    return {
      kind: 'match',
      matches: task.subjects.map(({ ref, subject }) => ({
        ref,
        reasons: matcher.match(subject, { threshold: task.threshold }),
      })),
    };
  }
  if (task.kind === 'search') {
    return {
      kind: 'search',
      reasons: readerFor(task.watchlist).match(task.subject, { threshold: task.threshold, limit: task.limit }),
    };
  }
  const byRef = evaluateRules(rulesFor(task.rules), task.manifest, task.history);
  return { kind: 'rules', reasons: [...byRef].map(([ref, reasons]) => ({ ref, reasons })) };
}
