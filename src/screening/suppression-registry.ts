import { SuppressionIndex } from '../domain/suppression.ts';
import type { Store } from '../store/store.ts';
import type { Log } from '../log.ts';

/**
 * The suppressions in force, held in memory for screening (looked up only for travellers who
 * matched something). Refreshed at once after a change made here, and by polling the store's
 * version so that a decision or revocation made on another instance reaches this one.
 */
export interface SuppressionRegistry {
  current(): SuppressionIndex;
  refresh(): Promise<void>;
  close(): void;
}

export function createSuppressionRegistry(options: { store: Store; pollMs: number; log: Log }): SuppressionRegistry {
  let index = new SuppressionIndex([]);
  let version: string | null = null;
  let running: Promise<void> | null = null;

  const load = async () => {
    const v = await options.store.suppressionsVersion();
    index = new SuppressionIndex(await options.store.activeSuppressions(new Date().toISOString()));
    version = v;
  };
  const refresh = (): Promise<void> => {
    running ??= load()
      .catch((e: unknown) =>
        options.log.error(
          { err: (e as Error).message },
          'suppressions could not be loaded; the previous set stays in force',
        ),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  void refresh();
  const timer =
    options.pollMs > 0
      ? setInterval(() => {
          void options.store.suppressionsVersion().then(
            (v) => {
              if (v !== version) void refresh();
            },
            () => undefined,
          );
        }, options.pollMs)
      : null;
  timer?.unref();
  return {
    current: () => index,
    refresh,
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
