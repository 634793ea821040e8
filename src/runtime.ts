/**
 * The composition root shared by the server, the CLI and the tests: opens the store, starts the
 * worker pool and the watch-list and rule registries. Loading lists is started, not awaited: the
 * service answers health checks while a large list is indexed, and /readyz tells when it is done.
 */
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createRulesRegistry } from './screening/rules-registry.ts';
import type { RulesRegistry } from './screening/rules-registry.ts';
import { createScreeningPool } from './screening/pool.ts';
import type { ScreeningPool } from './screening/pool.ts';
import { createWatchlistRegistry } from './screening/watchlist-registry.ts';
import type { WatchlistRegistry } from './screening/watchlist-registry.ts';
import { createIntake } from './screening/intake.ts';
import type { Intake } from './screening/intake.ts';
import { createRescreener } from './screening/rescreen.ts';
import type { Rescreener } from './screening/rescreen.ts';
import { createSuppressionRegistry } from './screening/suppression-registry.ts';
import type { SuppressionRegistry } from './screening/suppression-registry.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export interface Runtime {
  config: Config;
  /** The process's one logger: the HTTP service writes through it too. */
  log: Logger;
  store: Store;
  pool: ScreeningPool;
  watchlists: WatchlistRegistry;
  rules: RulesRegistry;
  rescreen: Rescreener;
  suppressions: SuppressionRegistry;
  /** Travellers (`journeyKey|ref`) whose first screening is still running in this process. */
  inFlight: Set<string>;
  /** Readiness, admission and budgets for carrier messages. */
  intake: Intake;
  /** Settles when the first watch-list index and rule set are in force (or failed). */
  loaded: Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log: Logger;
  workerFile?: URL;
  /** Watch list and rule files and poll the store for list changes (off in tests and the CLI). */
  live?: boolean;
  load?: boolean;
}

export function startRuntime(config: Config, options: RuntimeOptions): Runtime {
  const { store, ready: storeReady } = openStore(config);
  const log = options.log;
  const onTaskFailed = (err: Error) =>
    log.error(
      { err: err.message },
      'a screening task failed (worker error or exit); its travellers get CONTACT_AUTHORITY and an alert',
    );
  const pool = createScreeningPool({
    threads: config.workers,
    maxQueue: config.maxQueue,
    onTaskFailed,
    ...(options.workerFile ? { workerFile: options.workerFile } : {}),
  });
  const live = options.live ?? false;
  const watchlists = createWatchlistRegistry({
    files: config.watchlistFiles,
    store,
    log,
    watchFiles: live,
    pollMs: live ? config.listPollMs : 0,
    limits: config.listLimits,
  });
  const rules = createRulesRegistry({ dir: config.rulesDir, watch: live, log });
  // Retention: journeys past the window lose their personal data, at start and hourly after; the
  // purge is audited with its counts (never a name).
  const purge = () => {
    const day = 86_400_000;
    return store
      .purgeRetained({
        before: new Date(Date.now() - config.retentionDays * day).toISOString(),
        referralsBefore: new Date(Date.now() - config.referralRetentionDays * day).toISOString(),
      })
      .then(async (report) => {
        if (report.journeys + report.alerts + report.referralAlerts + report.historyRows + report.bookings === 0)
          return;
        log.info({ ...report, retentionDays: config.retentionDays }, 'personal data past retention removed');
        await store.appendAudit({
          at: new Date().toISOString(),
          principal: 'system',
          role: 'system',
          action: 'retention.purge',
          target: Object.entries(report)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        });
      })
      .catch((e: unknown) => log.error({ err: (e as Error).message }, 'retention purge failed'));
  };
  let retention: NodeJS.Timeout | null = null;
  if (live) {
    void purge();
    retention = setInterval(() => void purge(), 3_600_000);
    retention.unref();
  }
  const inFlight = new Set<string>();
  const suppressions = createSuppressionRegistry({ store, pollMs: live ? config.listPollMs : 0, log });
  const rescreen = createRescreener({
    store,
    pool,
    state: () => {
      const watchlist = watchlists.current();
      const set = rules.current();
      const rulesSnapshot = rules.snapshot();
      return watchlist && set && rulesSnapshot
        ? { watchlist, rules: set, rulesSnapshot, suppressions: suppressions.current() }
        : null;
    },
    thresholds: config.thresholds,
    retentionDays: config.retentionDays,
    inFlight,
    log,
  });
  // Another instance changed what this one holds in memory (a PostgreSQL notification).
  store.subscribe((topic) => {
    if (topic === 'watchlists') void watchlists.reload('another instance changed the stored lists');
    else if (topic === 'rules') void rules.reload('another instance reloaded the rules');
    else void suppressions.refresh();
  });
  // Any change of what screening runs under re-screens the travellers still to arrive.
  watchlists.onChange((v) => void rescreen.trigger(`watch-lists now ${v}`));
  rules.onChange((v) => void rescreen.trigger(`rules now ${v}`));
  const loaded =
    options.load === false
      ? storeReady
      : storeReady.then(() => Promise.all([watchlists.reload('start'), rules.reload('start')])).then(() => undefined);
  const intake = createIntake({ config, store, pool, watchlists, rules, suppressions, rescreen, inFlight });
  return {
    config,
    log,
    intake,
    store,
    pool,
    watchlists,
    rules,
    rescreen,
    suppressions,
    inFlight,
    loaded,
    async close() {
      if (retention) clearInterval(retention);
      watchlists.close();
      rules.close();
      suppressions.close();
      const rescreening = rescreen.close();
      await pool.close();
      await rescreening;
      await store.close();
    },
  };
}
