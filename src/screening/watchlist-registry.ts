import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/store.ts';
import type { WatchlistSnapshot } from './contract.ts';
import type { IndexBuildRequest, IndexBuildResult } from './index-build-contract.ts';

export interface WatchlistStatus {
  ready: boolean;
  building: boolean;
  entries: number;
  version: string | null;
  builtAt: string | null;
  buildMs: number | null;
  lists: IndexBuildResult['lists'];
  lastError: string | null;
}

export interface WatchlistRegistry {
  current(): WatchlistSnapshot | null;
  status(): WatchlistStatus;
  /** Rebuilds from the configured files and the stored lists; concurrent calls share one rebuild. */
  reload(reason: string): Promise<WatchlistStatus>;
  close(): void;
}

export interface RegistryOptions {
  files: string[];
  store: Store;
  log: { info(o: object, m: string): void; error(o: object, m: string): void };
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
export function createWatchlistRegistry(o: RegistryOptions): WatchlistRegistry {
  let snapshot: WatchlistSnapshot | null = null;
  let status: WatchlistStatus = { ready: false, building: false, entries: 0, version: null, builtAt: null, buildMs: null, lists: [], lastError: null };
  let running: Promise<WatchlistStatus> | null = null;
  let again = false;
  let storeVersion: string | null = null;
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | null = null;
  let debounce: NodeJS.Timeout | null = null;

  const rebuild = async (reason: string): Promise<WatchlistStatus> => {
    status = { ...status, building: true };
    try {
      storeVersion = await o.store.watchlistsVersion();
      const stored = await o.store.watchlistEntries();
      const result = await buildOffThread({ files: o.files, stored });
      snapshot = { version: randomUUID(), index: result.index, entries: result.entries };
      status = { ready: true, building: false, entries: result.entries, version: snapshot.version, builtAt: new Date().toISOString(), buildMs: Math.round(result.buildMs), lists: result.lists, lastError: null };
      o.log.info({ reason, entries: result.entries, buildMs: status.buildMs, indexBytes: result.index.byteLength }, 'watch-list index built');
    } catch (e) {
      status = { ...status, building: false, lastError: (e as Error).message };
      o.log.error({ reason, err: (e as Error).message }, 'watch-list index build failed; the previous index stays in force');
    }
    return status;
  };

  const reload = (reason: string): Promise<WatchlistStatus> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let s = await rebuild(reason);
      while (again) {
        again = false;
        s = await rebuild(`${reason} (again)`);
      }
      running = null;
      return s;
    })();
    return running;
  };

  if (o.watchFiles) {
    for (const file of o.files) {
      try {
        watchers.push(
          watch(file, () => {
            if (debounce) clearTimeout(debounce);
            debounce = setTimeout(() => void reload(`file changed: ${file}`), 500);
            debounce.unref();
          }),
        );
      } catch (e) {
        o.log.error({ file, err: (e as Error).message }, 'cannot watch watch-list file');
      }
    }
  }
  if (o.pollMs > 0) {
    timer = setInterval(() => {
      void o.store.watchlistsVersion().then((v) => {
        if (storeVersion !== null && v !== storeVersion && !running) void reload('stored lists changed');
      });
    }, o.pollMs);
    timer.unref();
  }

  return {
    current: () => snapshot,
    status: () => status,
    reload,
    close() {
      for (const w of watchers) w.close();
      if (timer) clearInterval(timer);
      if (debounce) clearTimeout(debounce);
    },
  };
}
