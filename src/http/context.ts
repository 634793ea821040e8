import type { Config } from '../config.ts';
import type { ScreeningPool } from '../screening/pool.ts';
import type { RulesRegistry } from '../screening/rules-registry.ts';
import type { Rescreener } from '../screening/rescreen.ts';
import type { SuppressionRegistry } from '../screening/suppression-registry.ts';
import type { WatchlistRegistry } from '../screening/watchlist-registry.ts';
import type { Store } from '../store/store.ts';
import type { Authenticator } from './credentials.ts';

/** Everything the HTTP layer needs, built by the process (server.ts) or by a test. */
export interface AppContext {
  config: Config;
  store: Store;
  pool: ScreeningPool;
  auth: Authenticator;
  watchlists: WatchlistRegistry;
  rules: RulesRegistry;
  rescreen: Rescreener;
  suppressions: SuppressionRegistry;
  /** Travellers whose first screening is still running in this process (re-screening leaves them alone). */
  inFlight: Set<string>;
}
