/**
 * The paxscreen process: reads the environment, starts the runtime (store, worker pool, watch-list
 * and rule registries) and the HTTP service. Lists are indexed after the port opens; /readyz says
 * when screening can start. Stops cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { buildApp } from './app.ts';
import { ConfigError, DEMO_CREDENTIALS, loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { loadCredentials } from './http/credentials.ts';
import { createLogger } from './log.ts';
import { startRuntime } from './runtime.ts';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`paxscreen: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  // A list file named in PAXSCREEN_WATCHLISTS that is not there stops the start, naming it (a running
  // service that loses one later keeps the list in force and reports it at /readyz instead).
  const missing = config.watchlistFiles.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`paxscreen: PAXSCREEN_WATCHLISTS names ${missing.map((f) => `"${f}"`).join(', ')}: no such file`);
    process.exit(2);
  }
  const auth = await loadCredentials(config.credentialsFile, {
    production: config.production,
    demoFile: DEMO_CREDENTIALS,
  });
  const log = createLogger(config.logLevel, config.logFormat);
  const runtime = startRuntime(config, { log, live: true });
  if (config.chaosKillWorkerMs > 0) {
    log.warn(
      { everyMs: config.chaosKillWorkerMs },
      'chaos: a screening worker will be terminated periodically (soak testing)',
    );
    setInterval(() => runtime.pool.killOneWorker(), config.chaosKillWorkerMs).unref();
  }
  const app = await buildApp({ ...runtime, auth });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      node: process.version,
      workers: config.workers,
      store: runtime.store.kind,
      ...(runtime.store.kind === 'sqlite' ? { database: config.databaseFile } : {}),
    },
    'paxscreen listening',
  );
  await runtime.loaded;
  app.log.info({ watchlistEntries: runtime.watchlists.status().entries, rules: runtime.rules.status().rules }, 'ready');
}

main().catch((e: unknown) => {
  console.error(`paxscreen: failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
