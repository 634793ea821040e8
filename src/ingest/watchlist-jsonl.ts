import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { WatchlistEntry as WatchlistEntrySchema } from '../domain/contracts/watchlist.ts';
import { renderPath } from '../errors.ts';
import type { ImportResult } from './import-types.ts';

export interface SkippedLine {
  line: number;
  reason: string;
}

export interface LoadedList {
  file: string;
  entries: WatchlistEntry[];
  skipped: SkippedLine[];
  /** Non-blank, non-comment lines read: what a skipped share is measured against. */
  records: number;
}

/**
 * `null` and a missing key both mean "unknown" (most exporters write null): nulls are dropped
 * before validation, in nested names and documents too, so an entry is never lost for them.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}

/** Codes are a closed vocabulary; exporters differ only in case (`do_not_board`, `Wanted`). */
function foldCodes(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const e = { ...(value as Record<string, unknown>) };
  if (typeof e.action === 'string')
    e.action = e.action
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_');
  if (typeof e.category === 'string')
    e.category = e.category
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
  return e;
}

/** Parses one line of a JSON-lines list; returns the entry or why it was skipped. */
function parseLine(raw: string): WatchlistEntry | string | null {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return null;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  const parsed = WatchlistEntrySchema.safeParse(foldCodes(withoutNulls(json)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return issue ? `${renderPath(issue.path)} ${issue.message}` : 'invalid entry';
  }
  return parsed.data;
}

/** A skipped line's reason without its particulars, for counting by kind ("names[0] needs …"). */
export function reasonKind(reason: string): string {
  if (reason.startsWith('duplicate id')) return 'duplicate id';
  return reason
    .replace(/\[\d+\]/g, '[]')
    .replace(/"[^"]*"/g, '…')
    .slice(0, 120);
}

export function countByKind(skipped: readonly SkippedLine[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of skipped) {
    const k = reasonKind(s.reason);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Collects entries line by line, refusing a second entry with the same id in the same list. */
function collector() {
  const entries: WatchlistEntry[] = [];
  const skipped: SkippedLine[] = [];
  const ids = new Set<string>();
  let records = 0;
  return {
    entries,
    skipped,
    get records() {
      return records;
    },
    take(raw: string, line: number) {
      const r = parseLine(raw);
      if (r === null) return;
      records++;
      if (typeof r === 'string') {
        skipped.push({ line, reason: r });
        return;
      }
      const key = `${r.list}\u0000${r.id}`;
      if (ids.has(key)) {
        skipped.push({ line, reason: `duplicate id ${r.id} in list ${r.list}` });
        return;
      }
      ids.add(key);
      entries.push(r);
    },
  };
}

/** The same format from text already in memory (an HTTP upload). */
export function readJsonLinesText(text: string, onProgress?: (done: number, total: number) => void): ImportResult {
  const lines = text.split(/\r?\n/);
  const c = collector();
  lines.forEach((raw, i) => {
    if (onProgress && i % 10_000 === 0) onProgress(i, lines.length);
    c.take(raw, i + 1);
  });
  onProgress?.(lines.length, lines.length);
  return {
    entries: c.entries,
    aliases: c.entries.reduce((s, e) => s + e.names.length - 1, 0),
    skipped: c.skipped,
    read: c.records,
  };
}

/**
 * Reads a native JSON-lines watch-list: one entry per line, blank lines and lines starting with # are
 * ignored. A bad line is skipped with its reason (it never takes the whole list down); the caller
 * decides whether the skipped share is acceptable. A file that cannot be read throws.
 */
export async function readJsonLinesList(file: string, onProgress?: (lines: number) => void): Promise<LoadedList> {
  const c = collector();
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    if (onProgress && n % 10_000 === 0) onProgress(n);
    c.take(raw, n);
  }
  onProgress?.(n);
  return { file, entries: c.entries, skipped: c.skipped, records: c.records };
}
