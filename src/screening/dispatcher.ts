/**
 * How soon a task's answer is needed: a check-in desk is waiting on the first kind, a carrier's batch
 * on the second; re-screening after a list or rule change (`background`) waits behind both.
 */
export type Urgency = 'interactive' | 'batch' | 'background';

/** While check-ins have arrived this recently, batch work leaves one worker to them. */
const INTERACTIVE_WINDOW_MS = 250;

export interface DispatcherOptions {
  workers: number;
  /**
   * Tasks handed to each worker at once. Above one, a worker finds its next check-in already waiting
   * when it finishes one, instead of idling until the main thread has read the answer and posted the
   * next task. Batch chunks never take more than one per worker, so a check-in queues behind at
   * most one chunk.
   */
  tasksPerWorker?: number;
  windowMs?: number;
}

interface Waiting {
  start: () => void;
  cancel: (reason: Error) => void;
}

/**
 * Decides which task a worker runs next, and hands piscina a task only when a worker has room for
 * it, so piscina never queues one.
 * Ordering here holds whatever options piscina is given (why not piscina's own queue:
 * docs/decisions/2026-11-29-screening-tasks-ordered-by-our-dispatcher.md).
 *
 * - Two first-in-first-out lanes: a waiting check-in goes to the next free worker before any queued
 *   chunk of a batch manifest (chunks are small, so a check-in waits for at most one per worker).
 * - While check-ins are arriving, batch work occupies all workers but one: once both workers have
 *   started batch chunks, a check-in would wait for one to finish and then share the CPU with them.
 *   With no recent check-in, batch work uses every worker.
 */
export function taskDispatcher({ workers, tasksPerWorker = 1, windowMs = INTERACTIVE_WINDOW_MS }: DispatcherOptions) {
  const lanes: Record<Urgency, Waiting[]> = { interactive: [], batch: [], background: [] };
  const slots = workers * tasksPerWorker;
  let running = 0;
  let batchRunning = 0;
  let lastInteractive = -Infinity;
  const batchLimit = () => (performance.now() - lastInteractive < windowMs ? Math.max(1, workers - 1) : workers);

  const next = (): Waiting | undefined => {
    const interactive = lanes.interactive.shift();
    if (interactive) return interactive;
    if (batchRunning >= batchLimit()) return undefined;
    return lanes.batch.shift() ?? lanes.background.shift();
  };
  const pump = () => {
    while (running < slots) {
      const task = next();
      if (!task) return;
      task.start();
    }
  };

  return {
    /** Carrier tasks waiting for a worker (background work is bounded by its owner and never refuses a carrier). */
    get waiting(): number {
      return lanes.interactive.length + lanes.batch.length;
    },
    get waitingBackground(): number {
      return lanes.background.length;
    },
    /** Runs `run` once a worker is free for a task of this urgency; settles as it does. */
    submit<T>(urgency: Urgency, run: () => Promise<T>): Promise<T> {
      if (urgency === 'interactive') lastInteractive = performance.now();
      return new Promise<T>((resolve, reject) => {
        lanes[urgency].push({
          cancel: reject,
          start() {
            running++;
            if (urgency !== 'interactive') batchRunning++;
            run()
              .then(resolve, reject)
              .finally(() => {
                running--;
                if (urgency !== 'interactive') batchRunning--;
                pump();
              });
          },
        });
        pump();
      });
    },
    /** Rejects every task still waiting (the pool is closing); running ones are the pool's to abort. */
    cancelWaiting(reason: Error): void {
      for (const lane of Object.values(lanes)) for (const task of lane.splice(0)) task.cancel(reason);
    },
  };
}
