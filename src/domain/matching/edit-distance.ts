/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbouring
 * letters, each one edit, as people make them (SALEK / SALKE is one edit, and so is a swap beside a
 * typo's neighbour). fast-levenshtein counts a swap as two; the npm OSA packages allocate a matrix per
 * call, which the matcher's hot loop cannot afford, so this one keeps three reusable rows and stops as
 * soon as the distance must exceed the caller's limit.
 */
let rowBefore = new Int32Array(64);
let rowPrevious = new Int32Array(64);
let rowCurrent = new Int32Array(64);

export function nameEditDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (m + 1 > rowCurrent.length) {
    rowBefore = new Int32Array(m + 1);
    rowPrevious = new Int32Array(m + 1);
    rowCurrent = new Int32Array(m + 1);
  }
  // Only cells within `limit` of the diagonal can lead to an answer within it: a band, not a matrix.
  const band = limit === Infinity ? Math.max(n, m) : limit;
  const outside = band + 1;
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  for (let j = 0; j <= m; j++) previous[j] = j <= band ? j : outside;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(m, i + band);
    current[0] = i <= band ? i : outside;
    if (from > 1) current[from - 1] = outside;
    let rowMin = from === 1 ? (current[0] as number) : outside;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = (previous[j - 1] as number) + (ai === bj ? 0 : 1);
      const up = (previous[j] as number) + 1;
      if (up < d) d = up;
      const left = (current[j - 1] as number) + 1;
      if (left < d) d = left;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const swap = (before[j - 2] as number) + 1;
        if (swap < d) d = swap;
      }
      current[j] = d > outside ? outside : d;
      if (d < rowMin) rowMin = d;
    }
    if (to < m) current[to + 1] = outside;
    if (rowMin > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  const d = previous[m] as number;
  return d > band ? limit + 1 : d;
}

/**
 * How many edits a word may carry and still be the same name, from the longer of the two spellings:
 * a letter dropped from a short word must not shrink the allowance that made the word comparable.
 */
export function editBudget(longerLength: number): number {
  if (longerLength <= 2) return 0;
  if (longerLength <= 5) return 1;
  if (longerLength <= 9) return 2;
  return 3;
}
