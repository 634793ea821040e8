/**
 * The messages across the worker boundary, typed on both sides. Everything here is structured-clone safe; the
 * watch-list index travels as one SharedArrayBuffer (shared, not copied) with a version; each worker
 * opens it in place once per version and keeps that reader.
 */
import type { RuleReason, WatchlistReason } from '../domain/contracts/alert.ts';
import type { Manifest } from '../domain/contracts/manifest.ts';
import type { MatchSubject } from '../domain/matching/matcher.ts';
import type { PastTravel } from '../domain/rules/history.ts';
import type { PaxlstResult, PaxlstWarning } from '../ingest/paxlst/map.ts';
import type { PnrgovResult } from '../ingest/pnrgov/parse.ts';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import type { ImportResult } from '../ingest/import-types.ts';
import type { DateOrder } from '../ingest/simple-csv.ts';

export interface WatchlistSnapshot {
  version: string;
  /** The packed name index (src/domain/matching/compact): read in place by every worker. */
  index: SharedArrayBuffer;
  entries: number;
}

export interface MatchTask {
  kind: 'match';
  watchlist: WatchlistSnapshot;
  threshold: number;
  subjects: Array<{ ref: string; subject: MatchSubject }>;
}

/** The rule set travels as shared bytes too: cloning twelve rule objects per task costs more than it should. */
export interface RulesSnapshot {
  version: string;
  buffer: SharedArrayBuffer;
  byteLength: number;
}

export interface RulesTask {
  kind: 'rules';
  rules: RulesSnapshot;
  manifest: Manifest;
  history: PastTravel[];
}

/** A small manifest in one round trip: matching and rules together. */
export interface ScreenTask {
  kind: 'screen';
  watchlist: WatchlistSnapshot;
  threshold: number;
  subjects: Array<{ ref: string; subject: MatchSubject }>;
  rules: RulesSnapshot;
  manifest: Manifest;
  history: PastTravel[];
}

export interface SearchTask {
  kind: 'search';
  watchlist: WatchlistSnapshot;
  subject: MatchSubject;
  threshold: number;
  limit: number;
}

/** A large PAXLST body, parsed off the event loop. */
export interface ParsePaxlstTask {
  kind: 'paxlst';
  text: string;
}

/** A large PNRGOV body (a 250 KB push takes ~30 ms to read), parsed off the event loop. */
export interface ParsePnrgovTask {
  kind: 'pnrgov';
  text: string;
}

/** An uploaded watch-list, read off the event loop (a 256 MB upload would hold it for seconds). */
export interface ParseListTask {
  kind: 'list';
  format: 'simple-csv' | 'jsonl';
  text: string;
  options: {
    list: string;
    category: WatchlistEntry['category'];
    action: WatchlistEntry['action'];
    dateOrder?: DateOrder;
  };
}

export interface ParseListTaskResult {
  kind: 'list';
  result: ImportResult;
}

export type ScreeningTask =
  MatchTask | RulesTask | SearchTask | ScreenTask | ParsePaxlstTask | ParsePnrgovTask | ParseListTask;

export interface MatchTaskResult {
  kind: 'match';
  matches: Array<{ ref: string; reasons: WatchlistReason[] }>;
}

export interface RulesTaskResult {
  kind: 'rules';
  reasons: Array<{ ref: string; reasons: RuleReason[] }>;
}

export interface SearchTaskResult {
  kind: 'search';
  reasons: WatchlistReason[];
}

export interface ScreenTaskResult {
  kind: 'screen';
  matches: MatchTaskResult['matches'];
  reasons: RulesTaskResult['reasons'];
}

/** Parsed, or why not: the mapper's refusal crosses as data (an error object would lose its warnings). */
export type ParsePaxlstTaskResult =
  | { kind: 'paxlst'; ok: true; result: PaxlstResult }
  | { kind: 'paxlst'; ok: false; reason: string; warnings: PaxlstWarning[] };

/** Parsed, or the refusal with its segment (data: an error object would lose them). */
export type ParsePnrgovTaskResult =
  | { kind: 'pnrgov'; ok: true; result: PnrgovResult }
  | { kind: 'pnrgov'; ok: false; reason: string; segment: number; tag: string };

export type ScreeningTaskResult =
  | MatchTaskResult
  | RulesTaskResult
  | SearchTaskResult
  | ScreenTaskResult
  | ParsePaxlstTaskResult
  | ParsePnrgovTaskResult
  | ParseListTaskResult;
