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
  /** Runs a task and checks the worker answered in kind: the contract is typed on both sides. */
  async function runAs<K extends ScreeningTaskResult['kind']>(task: ScreeningTask, kind: K): Promise<Extract<ScreeningTaskResult, { kind: K }>> {
    const r = await run(task);
    if (r.kind !== kind) throw new Error(`worker answered a ${kind} task with a ${r.kind} result`);
    return r as Extract<ScreeningTaskResult, { kind: K }>;
  }
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
    runMatch: (task) => runAs(task, 'match'),
    runRules: (task) => runAs(task, 'rules'),
    runSearch: (task) => runAs(task, 'search'),
    runScreen: (task) => runAs(task, 'screen'),
    async close() {
      running = false;
      lifetime.abort(new Error('screening pool closed'));
      await piscina.destroy();
    },
  };
}
