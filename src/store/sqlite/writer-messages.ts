import type { FollowUp, ManifestRecord } from '../store.ts';
import type { WrittenManifest } from './manifest-writes.ts';

/** What the main thread asks the writer thread to record (see writer-worker.ts). */
export type WriteRequest =
  | { id: number; op: 'manifest'; record: ManifestRecord }
  | { id: number; op: 'follow-up'; update: FollowUp }
  | { id: number; op: 'close' };

/** Sent once the transaction holding the write has committed (or failed: only the message crosses). */
export type WriteReply =
  { id: number; ok: true; result: WrittenManifest | number[] | null } | { id: number; ok: false; message: string };

export interface WriterWorkerData {
  file: string;
  synchronous: SyncMode;
}

/** SQLite's `synchronous`: NORMAL survives a process crash, FULL a power loss too (slower commits). */
export type SyncMode = 'NORMAL' | 'FULL';
