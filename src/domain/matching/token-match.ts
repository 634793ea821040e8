import type { NameToken } from '../names/normalise.ts';
import { consonantSkeleton } from '../names/normalise.ts';
import { editBudget, nameEditDistance } from './edit-distance.ts';

export type TokenHow = 'exact' | 'variant' | 'typo' | 'initial';

export interface TokenComparison {
  similarity: number;
  how: TokenHow;
  distance: number;
}

/**
 * Compares two name words across all their spellings. Returns null when they are not plausibly the
 * same word: a distance beyond the budget for their length, or two different initials.
 */
export function compareTokens(listed: NameToken, travelled: NameToken): TokenComparison | null {
  if (listed.text === travelled.text) return { similarity: 1, how: 'exact', distance: 0 };
  for (const a of listed.variants) {
    for (const b of travelled.variants) if (a === b) return { similarity: 0.97, how: 'variant', distance: 0 };
  }
  if (listed.skeleton || travelled.skeleton) {
    const ls = listed.skeleton ?? consonantSkeleton(listed.text);
    const ts = travelled.skeleton ?? consonantSkeleton(travelled.text);
    if (ls.length >= 2 && ls === ts) return { similarity: 0.9, how: 'variant', distance: 0 };
  }
  if (listed.text.length === 1 || travelled.text.length === 1) {
    const [short, long] = listed.text.length === 1 ? [listed.text, travelled.text] : [travelled.text, listed.text];
    return long.length > 1 && long.startsWith(short) ? { similarity: 0.5, how: 'initial', distance: long.length - 1 } : null;
  }
  let best: TokenComparison | null = null;
  for (const a of listed.variants) {
    for (const b of travelled.variants) {
      const shorter = Math.min(a.length, b.length);
      const longer = Math.max(a.length, b.length);
      if (longer - shorter > editBudget(shorter)) continue;
      const d = nameEditDistance(a, b);
      if (d > editBudget(shorter)) continue;
      const similarity = Math.max(0, 1 - (1.25 * d) / longer);
      if (!best || similarity > best.similarity) best = { similarity, how: 'typo', distance: d };
    }
  }
  return best;
}
