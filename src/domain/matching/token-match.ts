import type { NameToken } from '../names/normalise.ts';
import { consonantSkeleton } from '../names/normalise.ts';
import { equivalenceGroups, shareGroup } from '../names/equivalences.ts';
import { editBudget, nameEditDistance } from './edit-distance.ts';

export type TokenHow = 'exact' | 'variant' | 'equivalent' | 'typo' | 'initial';

/** A nickname or another romanisation (TED / THEODORE, MOHAMMED / MUHAMMAD): strong, not identical. */
const EQUIVALENT_SIMILARITY = 0.88;
/** An initial agrees with a name but says little: with the surname alone it needs the date of birth to alert. */
const INITIAL_SIMILARITY = 0.35;

export interface TokenComparison {
  similarity: number;
  how: TokenHow;
  distance: number;
}

/** The groups of a word's first two spellings, kept on the word: it is compared many times. */
function groupsOf(token: NameToken): readonly number[] {
  let groups = token.groups;
  if (groups === undefined) {
    const first = equivalenceGroups(token.variants[0] ?? token.text);
    const second = token.variants[1] === undefined ? [] : equivalenceGroups(token.variants[1]);
    groups = second.length === 0 ? first : [...first, ...second];
    token.groups = groups;
  }
  return groups;
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
  if (shareGroup(groupsOf(listed), groupsOf(travelled)))
    return { similarity: EQUIVALENT_SIMILARITY, how: 'equivalent', distance: 0 };
  if (listed.text.length === 1 || travelled.text.length === 1) {
    const [short, long] = listed.text.length === 1 ? [listed.text, travelled.text] : [travelled.text, listed.text];
    return long.length > 1 && long.startsWith(short)
      ? { similarity: INITIAL_SIMILARITY, how: 'initial', distance: long.length - 1 }
      : null;
  }
  let best: TokenComparison | null = null;
  for (const a of listed.variants) {
    for (const b of travelled.variants) {
      const longer = Math.max(a.length, b.length);
      const budget = editBudget(longer);
      const d = nameEditDistance(a, b, budget);
      if (d > budget) continue;
      const similarity = Math.max(0, 1 - (1.25 * d) / longer);
      if (!best || similarity > best.similarity) best = { similarity, how: 'typo', distance: d };
    }
  }
  return best;
}
