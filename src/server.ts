/**
 * The paxscreen process: reads the environment, opens the store, starts the worker pool and the
 * HTTP service, then loads watch-lists and rules (readiness follows). Stops cleanly on SIGINT/SIGTERM.
 */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { loadCredentials } from './http/credentials.ts';
import { createScreeningPool } from './screening/pool.ts';
import type { ScreeningHolder } from './screening/screening-state.ts';
import { loadScreeningState } from './screening/screening-state.ts';
import { openSqliteStore } from './store/sqlite/sqlite-store.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`paxscreen: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const auth = await loadCredentials(config.credentialsFile);
  const store = openSqliteStore(config.databaseFile);
  const pool = createScreeningPool({ threads: config.workers });
  const screening: ScreeningHolder = { current: null, entries: 0 };
  const app = await buildApp({ config, store, pool, auth, screening });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await pool.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ node: process.version, workers: config.workers, store: 'sqlite', database: config.databaseFile }, 'paxscreen listening');

  const loaded = await loadScreeningState(config.watchlistFiles, config.rulesDir);
  screening.current = loaded.state;
  screening.entries = loaded.lists.reduce((s, l) => s + l.entries, 0);
  for (const l of loaded.lists) app.log.info({ file: l.file, entries: l.entries, skipped: l.skipped.length }, 'watch-list loaded');
  app.log.info({ rules: loaded.state.rules.rules.length, version: loaded.state.rules.version }, 'rules loaded; ready');
}

main().catch((e: unknown) => {
  console.error(`paxscreen: failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
