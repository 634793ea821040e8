import { Piscina } from 'piscina';
import type { Urgency } from './priority-queue.ts';
import { UrgencyTaskQueue, withUrgency } from './priority-queue.ts';
import { batchReservation } from './batch-reservation.ts';
import type { MatchTask, MatchTaskResult, RulesTask, RulesTaskResult, ScreeningTask, ScreeningTaskResult, SearchTask, SearchTaskResult, ScreenTask, ScreenTaskResult } from './contract.ts';

export interface ScreeningPool {
  /** Check-ins (`interactive`) are handed to workers before queued batch work. */
  runMatch(task: MatchTask, urgency: Urgency): Promise<MatchTaskResult>;
  runRules(task: RulesTask, urgency: Urgency): Promise<RulesTaskResult>;
  runSearch(task: SearchTask): Promise<SearchTaskResult>;
  runScreen(task: ScreenTask, urgency: Urgency): Promise<ScreenTaskResult>;
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
    taskQueue: new UrgencyTaskQueue(),
    // A hard bound well above the admission limit: requests are refused before tasks pile up here.
    maxQueue: (options.maxQueue ?? 256) * 4,
  });
  // Work still queued or running when the pool closes is aborted, not left running.
  const lifetime = new AbortController();
  const reserve = batchReservation(options.threads);
  const run = (task: ScreeningTask, urgency: Urgency) => {
    const go = () => piscina.run(withUrgency(task, urgency), { signal: lifetime.signal });
    if (urgency === 'interactive') {
      reserve.interactiveSeen();
      return go();
    }
    return reserve.batch(go);
  };
  const admission = options.maxQueue ?? 256;
  /** Runs a task and checks the worker answered in kind: the contract is typed on both sides. */
  async function runAs<K extends ScreeningTaskResult['kind']>(task: ScreeningTask, kind: K, urgency: Urgency): Promise<Extract<ScreeningTaskResult, { kind: K }>> {
    const r = await run(task, urgency);
    if (r.kind !== kind) throw new Error(`worker answered a ${kind} task with a ${r.kind} result`);
    return r as Extract<ScreeningTaskResult, { kind: K }>;
  }
  // Tasks waiting for a worker: in piscina's queue, and batch tasks held back for check-ins.
  const waiting = () => piscina.queueSize + reserve.waiting;
  let running = true;
  return {
    threads: options.threads,
    get running() {
      return running;
    },
    get queueSize() {
      return waiting();
    },
    get utilization() {
      return piscina.utilization;
    },
    get saturated() {
      return waiting() >= admission;
    },
    runMatch: (task, urgency) => runAs(task, 'match', urgency),
    runRules: (task, urgency) => runAs(task, 'rules', urgency),
    // An officer is waiting on a search.
    runSearch: (task) => runAs(task, 'search', 'interactive'),
    runScreen: (task, urgency) => runAs(task, 'screen', urgency),
    async close() {
      running = false;
      lifetime.abort(new Error('screening pool closed'));
      await piscina.destroy();
    },
  };
}
