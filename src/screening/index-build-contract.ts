import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';

export interface IndexBuildRequest {
  files: string[];
  stored: WatchlistEntry[];
}

export interface IndexBuildResult {
  index: SharedArrayBuffer;
  entries: number;
  lists: Array<{ source: string; entries: number; skipped: Array<{ line: number; reason: string }>; skippedCount: number }>;
  buildMs: number;
}
