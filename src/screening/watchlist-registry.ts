import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { LoadLimits } from '../domain/watchlist-load-gate.ts';
import { DEFAULT_LOAD_LIMITS } from '../domain/watchlist-load-gate.ts';
import type { Store } from '../store/store.ts';
import type { WatchlistSnapshot } from './worker-messages.ts';
import type { IndexBuildRequest, IndexBuildResult, SourceStatus } from './index-build-messages.ts';
import type { Log } from '../log.ts';

export interface WatchlistStatus {
  ready: boolean;
  building: boolean;
  entries: number;
  version: string | null;
  builtAt: string | null;
  buildMs: number | null;
  /** Per source in force: entries, records read, skipped by kind. */
  lists: SourceStatus[];
  /** Why the last load was refused (the previous index stayed in force), or null. */
  lastError: string | null;
  refused: string[];
  /** Loads refused since start. */
  refusals: number;
}

export interface ReloadOptions {
  /** A supervisor's audited override of the load limits. */
  force?: boolean;
}

export interface WatchlistRegistry {
  current(): WatchlistSnapshot | null;
  status(): WatchlistStatus;
  /** Rebuilds from the configured files and the stored lists; concurrent calls share one rebuild. */
  reload(reason: string, options?: ReloadOptions): Promise<WatchlistStatus>;
  /** Called with the new version whenever a list with different content goes in force. */
  onChange(listener: (version: string) => void): void;
  close(): void;
}

export interface RegistryOptions {
  files: string[];
  store: Store;
  log: Log;
  limits?: LoadLimits;
  /** Rebuild when a configured file changes. */
  watchFiles: boolean;
  /** Poll the store's list version (other instances may have imported a list); 0 disables. */
  pollMs: number;
}

function buildOffThread(request: IndexBuildRequest): Promise<IndexBuildResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./index-build-worker.ts', import.meta.url), { workerData: request });
    worker.once('message', (r: IndexBuildResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`index build worker exited with code ${code}`));
    });
  });
}

/**
 * Owns the watch-list index in force. Swaps a new index in only once it is fully built, so screening
 * always uses a complete list; a failed rebuild keeps the previous index and reports the error.
 */
export function createWatchlistRegistry(options: RegistryOptions): WatchlistRegistry {
  let snapshot: WatchlistSnapshot | null = null;
  let status: WatchlistStatus = {
    ready: false,
    building: false,
    entries: 0,
    version: null,
    builtAt: null,
    buildMs: null,
    lists: [],
    lastError: null,
    refused: [],
    refusals: 0,
  };
  let running: Promise<WatchlistStatus> | null = null;
  let again = false;
  let forceAgain = false;
  const listeners: Array<(version: string) => void> = [];
  let storeVersion: string | null = null;
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | null = null;
  let debounce: NodeJS.Timeout | null = null;

  const rebuild = async (reason: string, force: boolean): Promise<WatchlistStatus> => {
    status = { ...status, building: true };
    try {
      storeVersion = await options.store.watchlistsVersion();
      const stored = await options.store.watchlistEntries();
      const previous = Object.fromEntries(status.lists.map((l) => [l.source, l.entries]));
      const result = await buildOffThread({
        files: options.files,
        stored,
        limits: options.limits ?? DEFAULT_LOAD_LIMITS,
        previous,
        force,
      });
      for (const l of result.lists) {
        if (l.skippedCount > 0)
          options.log.warn(
            { source: l.source, skipped: l.skippedCount, records: l.records, byKind: l.skippedByKind },
            'watch-list records skipped',
          );
      }
      if (!result.ok) {
        status = {
          ...status,
          building: false,
          lastError: result.problems.join('; '),
          refused: result.problems,
          refusals: status.refusals + 1,
        };
        options.log.error(
          { reason, problems: result.problems },
          snapshot
            ? 'watch-list load refused; the previous index stays in force'
            : 'watch-list load refused; no index is in force',
        );
        return status;
      }
      if (result.overridden.length > 0)
        options.log.warn({ reason, overridden: result.overridden }, 'watch-list load limits overridden by force');
      const changed = snapshot?.version !== result.version;
      snapshot = { version: result.version, index: result.index, entries: result.entries };
      status = {
        ...status,
        ready: true,
        building: false,
        entries: result.entries,
        version: result.version,
        builtAt: new Date().toISOString(),
        buildMs: Math.round(result.buildMs),
        lists: result.lists,
        lastError: null,
        refused: [],
      };
      options.log.info(
        {
          reason,
          entries: result.entries,
          version: result.version,
          buildMs: status.buildMs,
          indexBytes: result.index.byteLength,
        },
        'watch-list index built',
      );
      if (changed) for (const l of listeners) l(result.version);
    } catch (e) {
      status = { ...status, building: false, lastError: (e as Error).message };
      options.log.error(
        { reason, err: (e as Error).message },
        'watch-list index build failed; the previous index stays in force',
      );
    }
    return status;
  };

  const reload = (reason: string, options: ReloadOptions = {}): Promise<WatchlistStatus> => {
    if (running) {
      again = true;
      forceAgain ||= options.force === true;
      return running;
    }
    running = (async () => {
      let s = await rebuild(reason, options.force === true);
      while (again) {
        again = false;
        const force = forceAgain;
        forceAgain = false;
        s = await rebuild(`${reason} (again)`, force);
      }
      running = null;
      return s;
    })();
    return running;
  };

  if (options.watchFiles) {
    for (const file of options.files) {
      try {
        watchers.push(
          watch(file, () => {
            if (debounce) clearTimeout(debounce);
            debounce = setTimeout(() => void reload(`file changed: ${file}`), 500);
            debounce.unref();
          }),
        );
      } catch (e) {
        options.log.error({ file, err: (e as Error).message }, 'cannot watch watch-list file');
      }
    }
  }
  if (options.pollMs > 0) {
    timer = setInterval(() => {
      void options.store.watchlistsVersion().then((v) => {
        if (storeVersion !== null && v !== storeVersion && !running) void reload('stored lists changed');
      });
    }, options.pollMs);
    timer.unref();
  }

  return {
    current: () => snapshot,
    status: () => status,
    reload,
    onChange(listener) {
      listeners.push(listener);
    },
    close() {
      for (const w of watchers) w.close();
      if (timer) clearInterval(timer);
      if (debounce) clearTimeout(debounce);
    },
  };
}
