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
  const parsed = WatchlistEntrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return issue ? `${renderPath(issue.path)} ${issue.message}` : 'invalid entry';
  }
  return parsed.data;
}

/** The same format from text already in memory (an HTTP upload). */
export function readJsonLinesText(text: string, onProgress?: (done: number, total: number) => void): ImportResult {
  const lines = text.split(/\r?\n/);
  const entries: WatchlistEntry[] = [];
  const skipped: SkippedLine[] = [];
  const ids = new Set<string>();
  lines.forEach((raw, i) => {
    if (onProgress && i % 10_000 === 0) onProgress(i, lines.length);
    const r = parseLine(raw);
    if (r === null) return;
    if (typeof r === 'string') skipped.push({ line: i + 1, reason: r });
    else if (ids.has(r.id)) skipped.push({ line: i + 1, reason: `duplicate id ${r.id}` });
    else {
      ids.add(r.id);
      entries.push(r);
    }
  });
  onProgress?.(lines.length, lines.length);
  return { entries, aliases: entries.reduce((s, e) => s + e.names.length - 1, 0), skipped, read: lines.length };
}

/**
 * Reads a native JSON-lines watch-list: one entry per line, blank lines and lines starting with # are
 * ignored. A bad line is skipped with its reason (it never takes the whole list down); the caller
 * decides whether skipped lines are acceptable.
 */
export async function readJsonLinesList(file: string, onProgress?: (lines: number) => void): Promise<LoadedList> {
  const entries: WatchlistEntry[] = [];
  const skipped: SkippedLine[] = [];
  const ids = new Set<string>();
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    if (onProgress && n % 10_000 === 0) onProgress(n);
    const r = parseLine(raw);
    if (r === null) continue;
    if (typeof r === 'string') {
      skipped.push({ line: n, reason: r });
      continue;
    }
    const key = `${r.list}\u0000${r.id}`;
    if (ids.has(key)) {
      skipped.push({ line: n, reason: `duplicate id ${r.id} in list ${r.list}` });
      continue;
    }
    ids.add(key);
    entries.push(r);
  }
  onProgress?.(n);
  return { file, entries, skipped };
}
