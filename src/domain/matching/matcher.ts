import type { WatchlistEntry } from '../contracts/watchlist.ts';
import { buildCompactIndex } from './compact/build.ts';
import { openCompactIndex } from './compact/reader.ts';
import type { WatchlistMatcher } from './matcher-types.ts';

export type { MatchOptions, MatchSubject, WatchlistMatcher } from './matcher-types.ts';

/** Builds the shared index and opens it: for tests and tools that match in one thread. */
export function buildMatcher(entries: WatchlistEntry[]): WatchlistMatcher {
  const reader = openCompactIndex(buildCompactIndex(entries));
  return { size: reader.entries, match: (subject, options) => reader.match(subject, options) };
}
