import { randomUUID } from 'node:crypto';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import type { BuildProgress } from '../domain/matching/compact/build.ts';
import { buildCompactIndex } from '../domain/matching/compact/build.ts';
import type { WatchlistSnapshot } from './contract.ts';

/** Builds the shared name index for a set of entries; workers open it in place. */
export function makeSnapshot(entries: WatchlistEntry[], progress?: BuildProgress): WatchlistSnapshot {
  return { version: randomUUID(), index: buildCompactIndex(entries, progress), entries: entries.length };
}
