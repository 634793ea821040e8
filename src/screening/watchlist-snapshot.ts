import { createHash } from 'node:crypto';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import type { WatchlistSnapshot } from './contract.ts';

/** Packs validated entries into shared memory once, so every worker reads the same bytes. */
export function makeSnapshot(entries: WatchlistEntry[]): WatchlistSnapshot {
  const bytes = new TextEncoder().encode(JSON.stringify(entries));
  const buffer = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { version, buffer, byteLength: bytes.byteLength };
}
