import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { WatchlistEntry as WatchlistEntrySchema } from '../domain/contracts/watchlist.ts';
import { renderPath } from '../errors.ts';

export interface SkippedLine {
  line: number;
  reason: string;
}

export interface LoadedList {
  file: string;
  entries: WatchlistEntry[];
  skipped: SkippedLine[];
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
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped.push({ line: n, reason: 'not valid JSON' });
      continue;
    }
    const parsed = WatchlistEntrySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({ line: n, reason: issue ? `${renderPath(issue.path)} ${issue.message}` : 'invalid entry' });
      continue;
    }
    const key = `${parsed.data.list}\u0000${parsed.data.id}`;
    if (ids.has(key)) {
      skipped.push({ line: n, reason: `duplicate id ${parsed.data.id} in list ${parsed.data.list}` });
      continue;
    }
    ids.add(key);
    entries.push(parsed.data);
  }
  onProgress?.(n);
  return { file, entries, skipped };
}
