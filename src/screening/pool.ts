import { Piscina } from 'piscina';
import type { MatchTask, MatchTaskResult, RulesTask, RulesTaskResult, ScreeningTask, ScreeningTaskResult, SearchTask, SearchTaskResult } from './contract.ts';

export interface ScreeningPool {
  runMatch(task: MatchTask): Promise<MatchTaskResult>;
  runRules(task: RulesTask): Promise<RulesTaskResult>;
  runSearch(task: SearchTask): Promise<SearchTaskResult>;
  readonly threads: number;
  readonly running: boolean;
  close(): Promise<void>;
}

export interface PoolOptions {
  threads: number;
  /** Overrides the worker module; tests point it at a worker that crashes or stalls. */
  workerFile?: URL;
}

export function createScreeningPool(options: PoolOptions): ScreeningPool {
  const piscina = new Piscina<ScreeningTask, ScreeningTaskResult>({
    filename: (options.workerFile ?? new URL('./worker.ts', import.meta.url)).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: Infinity,
  });
  let running = true;
  return {
    threads: options.threads,
    get running() {
      return running;
    },
    async runMatch(task) {
      const r = await piscina.run(task);
      if (r.kind !== 'match') throw new Error('worker answered a match task with another kind');
      return r;
    },
    async runRules(task) {
      const r = await piscina.run(task);
      if (r.kind !== 'rules') throw new Error('worker answered a rules task with another kind');
      return r;
    },
    async runSearch(task) {
      const r = await piscina.run(task);
      if (r.kind !== 'search') throw new Error('worker answered a search task with another kind');
      return r;
    },
    async close() {
      running = false;
      await piscina.destroy();
    },
  };
}
