import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { readJsonLinesList } from '../ingest/watchlist-jsonl.ts';
import type { SkippedLine } from '../ingest/watchlist-jsonl.ts';
import { loadRuleSet } from '../ingest/rule-files.ts';
import type { ScreeningState } from './manifest-service.ts';
import { makeSnapshot } from './watchlist-snapshot.ts';

export interface LoadedScreening {
  state: ScreeningState;
  lists: Array<{ file: string; entries: number; skipped: SkippedLine[] }>;
}

/** Reads the configured watch-list files and rule folder into what the workers screen against. */
export async function loadScreeningState(watchlistFiles: string[], rulesDir: string): Promise<LoadedScreening> {
  const entries: WatchlistEntry[] = [];
  const lists: LoadedScreening['lists'] = [];
  for (const file of watchlistFiles) {
    const loaded = await readJsonLinesList(file);
    entries.push(...loaded.entries);
    lists.push({ file, entries: loaded.entries.length, skipped: loaded.skipped });
  }
  const rules = await loadRuleSet(rulesDir);
  return { state: { watchlist: makeSnapshot(entries), rules }, lists };
}

/** The screening state in force; null until the first load completes. */
export interface ScreeningHolder {
  current: ScreeningState | null;
  entries: number;
}
