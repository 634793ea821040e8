/** While check-ins have arrived this recently, batch work leaves one worker to them. */
const INTERACTIVE_WINDOW_MS = 250;

/**
 * Keeps a worker free for check-ins while they are arriving: batch tasks may then occupy all workers
 * but one (a queue lane alone cannot do this — once both workers have started batch chunks, a
 * check-in waits for one to finish, and both compete with it for the CPU). With no recent check-in,
 * batch work uses every worker.
 */
export function batchReservation(threads: number, windowMs = INTERACTIVE_WINDOW_MS) {
  let lastInteractive = -Infinity;
  let running = 0;
  const waiting: Array<() => void> = [];
  const limit = () => (performance.now() - lastInteractive < windowMs ? Math.max(1, threads - 1) : threads);
  return {
    get waiting() {
      return waiting.length;
    },
    interactiveSeen() {
      lastInteractive = performance.now();
    },
    async batch<T>(task: () => Promise<T>): Promise<T> {
      while (running >= limit()) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await task();
      } finally {
        running--;
        // As many as there are free slots: the limit rises again once check-ins stop.
        for (let free = limit() - running; free > 0 && waiting.length > 0; free--) waiting.shift()?.();
      }
    },
  };
}
