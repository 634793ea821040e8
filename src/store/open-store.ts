import type { Config } from '../config.ts';
import { openPostgresStore } from './postgres/pg-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/**
 * The store the configuration names: PostgreSQL when PAXSCREEN_DATABASE_URL is set, else the
 * embedded SQLite file. Returned at once; a PostgreSQL store connects and migrates in the
 * background, its methods waiting for that, and `ready` settles (or fails) when it is done.
 */
export function openStore(config: Config): { store: Store; ready: Promise<void> } {
  if (!config.databaseUrl) {
    return {
      store: openSqliteStore(config.databaseFile, {
        auditKey: config.auditKey,
        claimMinutes: config.claimMinutes,
        suppressionDays: config.suppressionDays,
        synchronous: config.synchronous,
      }),
      ready: Promise.resolve(),
    };
  }
  const opening = openPostgresStore(config.databaseUrl, {
    auditKey: config.auditKey as string,
    claimMinutes: config.claimMinutes,
    suppressionDays: config.suppressionDays,
    poolSize: config.databasePool,
  });
  const ready = opening.then(() => undefined);
  ready.catch(() => undefined);
  const store = new Proxy({ kind: 'postgres' } as Store, {
    get(target, name) {
      if (name === 'kind') return 'postgres';
      if (name === 'then') return undefined;
      return async (...args: unknown[]) => {
        const s = (await opening) as unknown as Record<string | symbol, (...a: unknown[]) => unknown>;
        return (s[name] as (...a: unknown[]) => unknown).apply(s, args);
      };
    },
  });
  return { store, ready };
}
