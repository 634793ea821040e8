/**
 * Screening worker (runs inside a piscina thread).
 *
 *   main thread                         worker thread (this file)
 *   ───────────                         ─────────────────────────
 *   ScreeningPool.runX(task) ─postMessage──► screen(task)
 *     match task: subjects + watch-list         │ readerFor(snapshot): open the shared index in
 *       index (SharedArrayBuffer, version)      │   place when the version changes (no copy, no build)
 *     rules task: whole manifest + rule set     │ evaluateRules(manifest)  (pure domain code)
 *     paxlst task: a large EDIFACT body         │ parsePaxlst(text): off the event loop
 *     pnrgov task: a large booking push         │ parsePnrgov(text): off the event loop
 *   ◄──────────────── result (plain data) ──────┘
 *
 * No I/O happens here: the store is the main thread's; a worker only computes.
 */
import type { IndexReader } from '../domain/matching/compact/reader.ts';
import { openCompactIndex } from '../domain/matching/compact/reader.ts';
import { evaluateRules } from '../domain/rules/engine.ts';
import type { RuleSet } from '../domain/rules/rule-schema.ts';
import { importListText } from '../ingest/list-import.ts';
import { parsePaxlst, PaxlstUnusable } from '../ingest/paxlst/map.ts';
import { parsePnrgov, PnrgovUnusable } from '../ingest/pnrgov/parse.ts';
import type { RulesSnapshot, ScreeningTask, ScreeningTaskResult, WatchlistSnapshot } from './contract.ts';

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
