import { NAME_EQUIVALENCES } from './equivalence-data.ts';

/** Spelling → the groups it belongs to (most belong to one). Built once per thread, ~1,000 spellings. */
const groupsOf = new Map<string, number[]>();
const members: string[][] = [];
NAME_EQUIVALENCES.forEach((line, g) => {
  const spellings = line.split(' ').filter(Boolean);
  members.push(spellings);
  for (const s of spellings) {
    const list = groupsOf.get(s);
    if (list) list.push(g);
    else groupsOf.set(s, [g]);
  }
});

const NONE: readonly string[] = [];
const othersCache = new Map<string, readonly string[]>();

/** Every other spelling of the same name (nicknames, romanisations), for looking them up in a list. */
export function equivalentSpellings(spelling: string): readonly string[] {
  const groups = groupsOf.get(spelling);
  if (!groups) return NONE;
  let others = othersCache.get(spelling);
  if (!others) {
    const set = new Set<string>();
    for (const g of groups) for (const m of members[g] as string[]) if (m !== spelling) set.add(m);
    others = [...set];
    othersCache.set(spelling, others);
  }
  return others;
}

const NO_GROUPS: readonly number[] = [];

/** The equivalence groups of a spelling (empty for most): callers keep it on the word they compare. */
export function equivalenceGroups(spelling: string): readonly number[] {
  return groupsOf.get(spelling) ?? NO_GROUPS;
}

/** True when two group lists share a group. */
export function shareGroup(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const x of a) if (b.includes(x)) return true;
  return false;
}
