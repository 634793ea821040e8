import { Piscina } from 'piscina';
import type { Urgency } from './dispatcher.ts';
import { taskDispatcher } from './dispatcher.ts';
import type {
  ParseListTask,
  ParseListTaskResult,
  ParsePaxlstTask,
  ParsePaxlstTaskResult,
  ParsePnrgovTask,
  ParsePnrgovTaskResult,
  MatchTask,
  MatchTaskResult,
  RulesTask,
  RulesTaskResult,
  ScreeningTask,
  ScreeningTaskResult,
  SearchTask,
  SearchTaskResult,
  ScreenTask,
  ScreenTaskResult,
} from './worker-messages.ts';

export interface ScreeningPool {
  /** Check-ins (`interactive`) are handed to workers before queued batch work. */
  runMatch(task: MatchTask, urgency: Urgency): Promise<MatchTaskResult>;
  runRules(task: RulesTask, urgency: Urgency): Promise<RulesTaskResult>;
  runSearch(task: SearchTask): Promise<SearchTaskResult>;
  runScreen(task: ScreenTask, urgency: Urgency): Promise<ScreenTaskResult>;
  runParse(task: ParsePaxlstTask, urgency: Urgency): Promise<ParsePaxlstTaskResult>;
  /**
   * Chaos for the soak benchmark only (PAXSCREEN_CHAOS_KILL_WORKER_MS): terminates one worker
   * thread as a crash would; piscina starts another, and its tasks fail closed.
   */
  killOneWorker(): void;
  /** A supervisor's list upload, read in a worker (behind carrier work). */
  runParseList(task: ParseListTask): Promise<ParseListTaskResult>;
  runParsePnrgov(task: ParsePnrgovTask): Promise<ParsePnrgovTaskResult>;
  readonly threads: number;
  readonly running: boolean;
  readonly queueSize: number;
  readonly utilization: number;
  /** The admission limit is reached: new screening requests should be refused (503). */
  readonly saturated: boolean;
  /** Tasks that failed in a worker (an exception or the thread's death) since start. */
  readonly taskFailures: number;
  close(): Promise<void>;
}

export interface PoolOptions {
  threads: number;
  /** Tasks that may wait for a worker before new requests are refused. */
  maxQueue?: number;
  /** Overrides the worker module; tests point it at a worker that crashes or stalls. */
  workerFile?: URL;
  /** Told of every task that failed in a worker, with its cause (the error carries no traveller data). */
  onTaskFailed?: (err: Error) => void;
}

/**
 * Tasks each worker holds at once: the next check-in is already in the worker's port when it finishes
 * one. No abort signal is passed to piscina: it gives a task that carries one only to an idle worker
 * (such a task is stopped by ending its thread), which rules this out; closing the pool ends the
 * threads and their tasks all the same.
 */
const TASKS_PER_WORKER = 2;

export function createScreeningPool(options: PoolOptions): ScreeningPool {
  const piscina = new Piscina<ScreeningTask, ScreeningTaskResult>({
    filename: (options.workerFile ?? new URL('./worker.ts', import.meta.url)).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: Infinity,
    concurrentTasksPerWorker: TASKS_PER_WORKER,
  });
  // Orders the waiting tasks and hands piscina one only when a worker has room for it (dispatcher.ts).
  const dispatcher = taskDispatcher({ workers: options.threads, tasksPerWorker: TASKS_PER_WORKER });
  let running = true;
  let taskFailures = 0;
  const run = (task: ScreeningTask, urgency: Urgency) => {
    if (!running) return Promise.reject(new Error('screening pool closed'));
    return dispatcher.submit(urgency, () =>
      piscina.run(task).catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        if (running) {
          taskFailures++;
          options.onTaskFailed?.(err);
        }
        throw err;
      }),
    );
  };
  const admission = options.maxQueue ?? 256;
  /** Runs a task and checks the worker answered in kind: the messages are typed on both sides (worker-messages.ts). */
  async function runAs<K extends ScreeningTaskResult['kind']>(
    task: ScreeningTask,
    kind: K,
    urgency: Urgency,
  ): Promise<Extract<ScreeningTaskResult, { kind: K }>> {
    const r = await run(task, urgency);
    if (r.kind !== kind) throw new Error(`worker answered a ${kind} task with a ${r.kind} result`);
    return r as Extract<ScreeningTaskResult, { kind: K }>;
  }
  return {
    threads: options.threads,
    get running() {
      return running;
    },
    get queueSize() {
      return dispatcher.waiting;
    },
    get utilization() {
      return piscina.utilization;
    },
    get taskFailures() {
      return taskFailures;
    },
    get saturated() {
      return dispatcher.waiting >= admission;
    },
    runMatch: (task, urgency) => runAs(task, 'match', urgency),
    runRules: (task, urgency) => runAs(task, 'rules', urgency),
    // An officer is waiting on a search.
    runSearch: (task) => runAs(task, 'search', 'interactive'),
    runScreen: (task, urgency) => runAs(task, 'screen', urgency),
    runParse: (task, urgency) => runAs(task, 'paxlst', urgency),
    runParseList: (task) => runAs(task, 'list', 'batch'),
    runParsePnrgov: (task) => runAs(task, 'pnrgov', 'batch'),
    killOneWorker: () => {
      const threads = piscina.threads;
      void threads[Math.floor(Math.random() * threads.length)]?.terminate();
    },
    async close() {
      running = false;
      // Waiting work is refused; running work is stopped with its thread, not left running.
      dispatcher.cancelWaiting(new Error('screening pool closed'));
      await piscina.destroy();
    },
  };
}
