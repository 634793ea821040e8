import levenshtein from 'fast-levenshtein';

/** True when b is a with exactly one pair of neighbouring letters swapped (SALEK / SALKE). */
export function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i >= a.length - 1) return false;
  if (a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false;
  return a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Edit distance that counts an adjacent transposition as one edit, as people make it. fast-levenshtein
 * alone counts it as two, which would push a transposed short name out of its typo budget.
 */
export function nameEditDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d = levenshtein.get(a, b);
  return d === 2 && isAdjacentSwap(a, b) ? 1 : d;
}

/** How many edits a word of this length may carry and still be the same name. */
export function editBudget(shorterLength: number): number {
  if (shorterLength <= 2) return 0;
  if (shorterLength <= 5) return 1;
  if (shorterLength <= 9) return 2;
  return 3;
}
