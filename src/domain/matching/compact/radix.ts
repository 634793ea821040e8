/**
 * Sorts (key, value) pairs by key with a two-pass LSD radix sort on 16-bit digits: linear time and
 * stable, so values pushed in ascending order stay ascending within a key. Millions of pairs sort in
 * well under a second, where a comparator sort or BigInt packing takes many.
 */
export function radixSortPairs(
  keys: Uint32Array,
  values: Uint32Array,
  length: number,
): { keys: Uint32Array; values: Uint32Array } {
  let k = keys;
  let v = values;
  let k2: Uint32Array = new Uint32Array(length);
  let v2: Uint32Array = new Uint32Array(length);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let i = 0; i < length; i++) counts[(((k[i] as number) >>> shift) & 0xffff) + 1]! += 1;
    for (let d = 0; d < 65536; d++) counts[d + 1]! += counts[d] as number;
    for (let i = 0; i < length; i++) {
      const key = k[i] as number;
      const pos = counts[(key >>> shift) & 0xffff]!++;
      k2[pos] = key;
      v2[pos] = v[i] as number;
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return { keys: k, values: v };
}
