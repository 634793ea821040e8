import { Worker } from 'node:worker_threads';
import type { CheckpointWorkerData } from './checkpoint-worker.ts';
import { SAFETY_NET_PAGES } from './connection.ts';

const INTERVAL_MS = 200;
/**
 * A fifth of the committing connections' safety net: short RESTARTs, often
 * (docs/decisions/2026-11-28-sqlite-commits-and-checkpoints.md).
 */
const RESTART_FRAMES = SAFETY_NET_PAGES / 5;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts the background checkpoint thread for a database file (see checkpoint-worker.ts). */
export function startCheckpointer(file: string): Checkpointer {
  const data: CheckpointWorkerData = { file, intervalMs: INTERVAL_MS, restartFrames: RESTART_FRAMES };
  const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), { workerData: data });
  worker.unref();
  // A failed checkpoint thread only costs speed: the connections' own threshold takes over.
  worker.on('error', () => undefined);
  return {
    async stop() {
      // Held until it has exited: an unreferenced thread would let the process leave this await unsettled.
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
      await worker.terminate();
    },
  };
}
