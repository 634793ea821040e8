import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import type { LoadLimits } from '../domain/watchlist-load-gate.ts';

export interface IndexBuildRequest {
  files: string[];
  /** Lists stored in the database, by list name (each was checked when it was uploaded). */
  stored: WatchlistEntry[];
  limits: LoadLimits;
  /** Entries each source gave in the load in force: a sharp shrink is refused. */
  previous: Record<string, number>;
  /** A supervisor's explicit override of the limits (audited by the caller). */
  force: boolean;
}

export interface SourceStatus {
  source: string;
  entries: number;
  records: number;
  skippedCount: number;
  /** Skipped records counted by kind of reason. */
  skippedByKind: Record<string, number>;
  /** The first skipped records with their line and reason. */
  skipped: Array<{ line: number; reason: string }>;
  /** Set when the source could not be read at all. */
  error?: string;
}

export type IndexBuildResult =
  | {
      ok: true;
      index: SharedArrayBuffer;
      /** A digest of every entry in force: equal lists give equal versions, across restarts too. */
      version: string;
      entries: number;
      lists: SourceStatus[];
      buildMs: number;
      /** Limits overridden by force, if any. */
      overridden: string[];
    }
  | { ok: false; problems: string[]; lists: SourceStatus[] };
