import { radixSortPairs } from './radix.ts';

/**
 * A multimap from 32-bit hashes to lists of 32-bit values, as flat arrays: the distinct hashes, where
 * each one's values start, the values, and an open-addressing table from hash to slot so a lookup
 * costs one or two memory reads instead of a binary search.
 */
export interface KeyedPostings {
  hashes: Uint32Array;
  starts: Uint32Array;
  values: Uint32Array;
  table: Uint32Array;
}

export function buildKeyedPostings(keys: Uint32Array, values: Uint32Array, length: number): KeyedPostings {
  const sorted = radixSortPairs(keys, values, length);
  let distinct = 0;
  for (let i = 0; i < length; i++) if (i === 0 || sorted.keys[i] !== sorted.keys[i - 1]) distinct++;
  const hashArray = new Uint32Array(distinct);
  const startArray = new Uint32Array(distinct + 1);
  const out = new Uint32Array(length);
  let n = 0;
  let d = -1;
  let lastValue = -1;
  for (let i = 0; i < length; i++) {
    const h = sorted.keys[i] as number;
    const v = sorted.values[i] as number;
    if (i === 0 || h !== sorted.keys[i - 1]) {
      d++;
      hashArray[d] = h;
      startArray[d] = n;
      lastValue = -1;
    }
    if (v !== lastValue) out[n++] = v;
    lastValue = v;
  }
  startArray[distinct] = n;
  let size = 16;
  while (size < hashArray.length * 2) size *= 2;
  // Slots hold [hash, index + 1] side by side: a lookup touches one cache line, not two arrays.
  const table = new Uint32Array(size * 2);
  const mask = size - 1;
  for (let i = 0; i < hashArray.length; i++) {
    const h = hashArray[i] as number;
    let slot = mix(h) & mask;
    while (table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    table[slot * 2] = h;
    table[slot * 2 + 1] = i + 1;
  }
  return { hashes: hashArray, starts: startArray, values: out.slice(0, n), table };
}

/** Spreads a hash over the table's low bits (FNV's low bits are weak for similar keys). */
function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  return x >>> 0;
}

/** Index into `hashes`/`starts` for a hash, or -1. */
export function lookup(table: Uint32Array, h: number): number {
  const mask = (table.length >>> 1) - 1;
  let slot = mix(h) & mask;
  for (;;) {
    const e = table[slot * 2 + 1] as number;
    if (e === 0) return -1;
    if (table[slot * 2] === h) return e - 1;
    slot = (slot + 1) & mask;
  }
}

/** One 32-bit key for an unordered pair of vocabulary ids. */
export function pairHash(a: number, b: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ hi;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Growable (key, value) pair list for building postings. */
export class PairList {
  keys = new Uint32Array(4096);
  values = new Uint32Array(4096);
  length = 0;
  push(k: number, v: number) {
    if (this.length === this.keys.length) {
      const nk = new Uint32Array(this.keys.length * 2);
      nk.set(this.keys);
      this.keys = nk;
      const nv = new Uint32Array(this.values.length * 2);
      nv.set(this.values);
      this.values = nv;
    }
    this.keys[this.length] = k;
    this.values[this.length++] = v;
  }
}
