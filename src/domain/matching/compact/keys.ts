/** How many letters a word may lose in the deletion index: none for short words, two for long ones. */
export function deletionDepth(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Hashes of the word and of every form of it with up to `deletionDepth` letters deleted, computed
 * without building the strings (the hot loop of both index build and lookup). The same form reached
 * twice gives the same hash twice; callers dedupe.
 */
export function deletionHashes(word: string, out: number[], maxDepth = 2): void {
  const n = word.length;
  const depth = Math.min(maxDepth, deletionDepth(n));
  const hashSkipping = (a: number, b: number) => {
    let h = FNV_OFFSET;
    for (let k = 0; k < n; k++) {
      if (k === a || k === b) continue;
      h ^= word.charCodeAt(k);
      h = Math.imul(h, FNV_PRIME);
    }
    return h >>> 0;
  };
  out.push(hashSkipping(-1, -1));
  if (depth >= 1) for (let i = 0; i < n; i++) out.push(hashSkipping(i, -1));
  if (depth >= 2) for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push(hashSkipping(i, j));
}

export function skeletonKey(skeleton: string): string {
  return `#${skeleton}`;
}

/** Listed words this short (or particles) are also indexed joined to their neighbour: ABDUL RAHMAN → ABDULRAHMAN. */
export function joinsWithNeighbour(word: string): boolean {
  return word.length <= 5;
}
