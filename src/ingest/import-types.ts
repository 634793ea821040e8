import type { WatchlistAction, WatchlistEntry } from '../domain/contracts/watchlist.ts';

export interface ImportOptions {
  list: string;
  category: WatchlistEntry['category'];
  action: WatchlistAction;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  entries: WatchlistEntry[];
  aliases: number;
  skipped: Array<{ line: number; reason: string }>;
  /** Records read from the source (rows or lines). */
  read: number;
}

export const LIST_FORMATS = ['jsonl', 'ofac-sdn', 'simple-csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
