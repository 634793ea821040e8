import { Piscina } from 'piscina';
import type { MatchTask, MatchTaskResult, RulesTask, RulesTaskResult, ScreeningTask, ScreeningTaskResult, SearchTask, SearchTaskResult, ScreenTask, ScreenTaskResult } from './contract.ts';

export interface ScreeningPool {
  runMatch(task: MatchTask): Promise<MatchTaskResult>;
  runRules(task: RulesTask): Promise<RulesTaskResult>;
  runSearch(task: SearchTask): Promise<SearchTaskResult>;
  runScreen(task: ScreenTask): Promise<ScreenTaskResult>;
  readonly threads: number;
  readonly running: boolean;
  readonly queueSize: number;
  readonly utilization: number;
  /** The admission limit is reached: new screening requests should be refused (503). */
  readonly saturated: boolean;
  close(): Promise<void>;
}

export interface PoolOptions {
  threads: number;
  /** Tasks that may wait for a worker before new requests are refused. */
  maxQueue?: number;
  /** Overrides the worker module; tests point it at a worker that crashes or stalls. */
  workerFile?: URL;
}

export function createScreeningPool(options: PoolOptions): ScreeningPool {
  const piscina = new Piscina<ScreeningTask, ScreeningTaskResult>({
    filename: (options.workerFile ?? new URL('./worker.ts', import.meta.url)).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: Infinity,
    // A hard bound well above the admission limit: requests are refused before tasks pile up here.
    maxQueue: (options.maxQueue ?? 256) * 4,
  });
  // Work still queued or running when the pool closes is aborted, not left running.
  const lifetime = new AbortController();
  const run = (task: ScreeningTask) => piscina.run(task, { signal: lifetime.signal });
  const admission = options.maxQueue ?? 256;
  let running = true;
  return {
    threads: options.threads,
    get running() {
      return running;
    },
    get queueSize() {
      return piscina.queueSize;
    },
    get utilization() {
      return piscina.utilization;
    },
    get saturated() {
      return piscina.queueSize >= admission;
    },
    async runMatch(task) {
      const r = await run(task);
      if (r.kind !== 'match') throw new Error('worker answered a match task with another kind');
      return r;
    },
    async runRules(task) {
      const r = await run(task);
      if (r.kind !== 'rules') throw new Error('worker answered a rules task with another kind');
      return r;
    },
    async runScreen(task) {
      const r = await run(task);
      if (r.kind !== 'screen') throw new Error('worker answered a screen task with another kind');
      return r;
    },
    async runSearch(task) {
      const r = await run(task);
      if (r.kind !== 'search') throw new Error('worker answered a search task with another kind');
      return r;
    },
    async close() {
      running = false;
      lifetime.abort(new Error('screening pool closed'));
      await piscina.destroy();
    },
  };
}
