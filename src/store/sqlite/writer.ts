import { Worker } from 'node:worker_threads';
import type { FollowUp, ManifestRecord } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';
import type { ManifestWrites, WrittenManifest } from './manifest-writes.ts';
import type { WriteReply, WriteRequest, WriterWorkerData } from './writer-messages.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ManifestWriter {
  recordManifest(record: ManifestRecord): Promise<WrittenManifest>;
  recordFollowUp(update: FollowUp): Promise<number[]>;
  close(): Promise<void>;
}

/** Writes on the calling thread, grouped per turn of the event loop: for in-memory databases. */
export function inProcessWriter(writes: ManifestWrites, commits: GroupCommit): ManifestWriter {
  return {
    recordManifest: (record) => commits.run(() => writes.recordManifest(record)),
    recordFollowUp: (update) => commits.run(() => writes.recordFollowUp(update)),
    async close() {
      commits.flush();
    },
  };
}

/**
 * Hands manifest writes to the writer thread (writer-worker.ts). Should that thread die, the writes
 * in flight fail (their requests get a 500, so the carrier resends: nothing accepted is lost) and
 * later writes run on the calling thread, slower but correct.
 */
export function threadWriter(data: WriterWorkerData, fallback: ManifestWriter): ManifestWriter {
  const worker = new Worker(new URL('./writer-worker.ts', import.meta.url), { workerData: data });
  worker.unref();
  const pending = new Map<
    number,
    { resolve: (r: WrittenManifest | number[] | null) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let alive = true;
  let closing = false;
  worker.on('message', (r: WriteReply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (r.ok) p.resolve(r.result);
    else p.reject(new Error(r.message));
  });
  const fail = (e: Error) => {
    alive = false;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', () => {
    if (!closing) fail(new Error('the store writer thread stopped'));
  });
  const send = (m: DistributiveOmit<WriteRequest, 'id'>) =>
    new Promise<WrittenManifest | number[] | null>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...m, id } as WriteRequest);
    }).finally(() => {
      if (pending.size === 0) worker.unref();
    });
  return {
    async recordManifest(record) {
      if (!alive) return fallback.recordManifest(record);
      return (await send({ op: 'manifest', record })) as WrittenManifest;
    },
    async recordFollowUp(update) {
      if (!alive) return fallback.recordFollowUp(update);
      return (await send({ op: 'follow-up', update })) as number[];
    },
    async close() {
      if (alive) {
        closing = true;
        // Held until it has exited: an unreferenced thread would let the process leave this await unsettled.
        worker.ref();
        await Promise.race([send({ op: 'close' }), new Promise((resolve) => setTimeout(resolve, 5000).unref())]).catch(
          () => undefined,
        );
        await worker.terminate();
      }
      await fallback.close();
    },
  };
}
