import type { NameToken } from '../names/normalise.ts';
import type { TokenComparison, TokenHow } from './token-match.ts';
import { compareTokens } from './token-match.ts';

/** A word or two neighbouring words read as one (ABDUL RAHMAN / ABDULRAHMAN, O BRIEN / OBRIEN). */
export interface Unit {
  token: NameToken;
  /** Bit per word position the unit covers. */
  mask: number;
  words: number;
}

export interface TokenPairing {
  listed: string;
  travelled: string | null;
  how: TokenHow | 'missing' | 'extra';
  distance: number | null;
  similarity: number;
  weight: number;
}

export interface NameAlignment {
  /** 0–100: how much of the listed name the traveller's name accounts for, weighted by rarity. */
  score: number;
  pairings: TokenPairing[];
  matchedTokens: number;
}

/** Share of weight an unmatched listed middle name still costs (lists often carry names people drop). */
const MISSING_MIDDLE_COST = 0.3;
/** Share of weight an extra traveller word costs (a middle name the list does not know). */
const EXTRA_TRAVELLED_COST = 0.25;
/**
 * When every listed word is found, the traveller's extra words together cost at most this share of
 * the listed name's weight: padding a listed name with given names must not hide it (a listed
 * person with six extra given names and the right date of birth still scores a strong match).
 */
const EXTRA_CAP_WHEN_ALL_FOUND = 0.2;
const MAX_WORDS = 30;

function joined(a: NameToken, b: NameToken): NameToken {
  const variants: string[] = [];
  for (const x of a.variants.slice(0, 2)) for (const y of b.variants.slice(0, 2)) variants.push(x + y);
  const token: NameToken = { text: a.text + b.text, variants };
  if (a.skeleton !== undefined || b.skeleton !== undefined) token.skeleton = (a.skeleton ?? a.text) + (b.skeleton ?? b.text);
  return token;
}

/**
 * What stays the same while one traveller is compared with many listed names: the traveller's word
 * units and every word comparison made so far (candidates share words, so most repeat).
 */
export interface AlignContext {
  travelledUnits: Unit[];
  /** Comparisons by listed token object: callers that reuse token objects across names hit it. */
  cache: Map<NameToken, Array<TokenComparison | null | undefined>>;
  joins: Map<NameToken, Map<NameToken, NameToken>>;
}

function joinCached(ctx: AlignContext | null, a: NameToken, b: NameToken): NameToken {
  if (!ctx) return joined(a, b);
  let inner = ctx.joins.get(a);
  if (!inner) ctx.joins.set(a, (inner = new Map()));
  let t = inner.get(b);
  if (!t) inner.set(b, (t = joined(a, b)));
  return t;
}

function unitsOf(tokens: NameToken[], withJoins: boolean, ctx: AlignContext | null): Unit[] {
  const n = Math.min(tokens.length, MAX_WORDS);
  const out: Unit[] = [];
  for (let i = 0; i < n; i++) out.push({ token: tokens[i] as NameToken, mask: 1 << i, words: 1 });
  if (withJoins) for (let i = 0; i + 1 < n; i++) out.push({ token: joinCached(ctx, tokens[i] as NameToken, tokens[i + 1] as NameToken), mask: (1 << i) | (1 << (i + 1)), words: 2 });
  return out;
}

export function alignContext(travelled: NameToken[]): AlignContext {
  const ctx: AlignContext = { travelledUnits: [], cache: new Map(), joins: new Map() };
  ctx.travelledUnits = unitsOf(travelled, true, ctx);
  return ctx;
}

function compareCached(ctx: AlignContext, l: NameToken, t: Unit, ti: number): TokenComparison | null {
  let row = ctx.cache.get(l);
  if (!row) ctx.cache.set(l, (row = []));
  let c = row[ti];
  if (c === undefined) row[ti] = c = compareTokens(l, t.token);
  return c;
}

interface Chosen {
  l: Unit;
  t: Unit;
  c: TokenComparison;
  weight: number;
}

function unitWeight(u: Unit, weights: number[]): number {
  let w = 0;
  for (let p = 0; p < MAX_WORDS && 1 << p <= u.mask; p++) if (u.mask & (1 << p)) w += weights[p] as number;
  return w;
}

/**
 * Greedy best-first pairing over the given units, each word used once. Units are few (a name has a
 * handful of words), so repeated selection of the best remaining pair beats sorting every pair.
 */
function pair(listed: Unit[], travelled: Array<{ unit: Unit; index: number }>, weights: number[], ctx: AlignContext, taken: { listed: number; travelled: number }): Chosen[] {
  const cands: Chosen[] = [];
  for (const l of listed) {
    if (l.mask & taken.listed) continue;
    const w = unitWeight(l, weights);
    for (const { unit: t, index } of travelled) {
      if (t.mask & taken.travelled || (t.words > 1 && l.words > 1)) continue;
      const c = compareCached(ctx, l.token, t, index);
      if (c) cands.push({ l, t, c, weight: w });
    }
  }
  const chosen: Chosen[] = [];
  for (;;) {
    let best: Chosen | null = null;
    let bestGain = -1;
    for (const cand of cands) {
      if (cand.l.mask & taken.listed || cand.t.mask & taken.travelled) continue;
      // At equal gain a single word beats a joined pair.
      const gain = cand.c.similarity * cand.weight - (cand.l.words > 1 || cand.t.words > 1 ? 1e-9 : 0);
      if (gain > bestGain) {
        bestGain = gain;
        best = cand;
      }
    }
    if (!best) return chosen;
    taken.listed |= best.l.mask;
    taken.travelled |= best.t.mask;
    chosen.push(best);
  }
}

/**
 * Pairs the words of a listed name with the traveller's in whatever order they come, each word used
 * once, best pairs first. Rarity weights make a shared rare surname count for more than a shared
 * MOHAMMED. Tolerates one missing middle name and the traveller's extra words, at a cost. Joined
 * neighbours (ABDUL RAHMAN / ABDULRAHMAN) are tried only when words are left over on both sides.
 */
export function alignNames(listed: NameToken[], travelled: NameToken[], weightOf: (token: string) => number, ctx: AlignContext = alignContext(travelled)): NameAlignment {
  const nl = Math.min(listed.length, MAX_WORDS);
  const nt = Math.min(travelled.length, MAX_WORDS);
  const weights = listed.slice(0, nl).map((t) => weightOf(t.text));
  const listedUnits = unitsOf(listed, false, ctx);
  const travelledAll = ctx.travelledUnits.map((unit, index) => ({ unit, index }));
  const taken = { listed: 0, travelled: 0 };
  const chosen = pair(listedUnits, travelledAll.filter((t) => t.unit.words === 1), weights, ctx, taken);
  // Joined neighbours only where two neighbouring words are left over on one side.
  const fullListed = nl >= 31 ? -1 : (1 << nl) - 1;
  const fullTravelled = nt >= 31 ? -1 : (1 << nt) - 1;
  const leftListed = fullListed & ~taken.listed;
  const leftTravelled = fullTravelled & ~taken.travelled;
  if (leftListed && leftTravelled && (leftListed & (leftListed >>> 1) || leftTravelled & (leftTravelled >>> 1))) {
    const joinedListed = unitsOf(listed, true, ctx).filter((u) => u.words === 1 || (u.mask & leftListed) === u.mask);
    chosen.push(...pair(joinedListed, travelledAll, weights, ctx, taken));
  }
  const result = { chosen, usedListed: taken.listed, usedTravelled: taken.travelled };
  const pairings: TokenPairing[] = result.chosen.map(({ l, t, c, weight }) => ({ listed: l.token.text, travelled: t.token.text, how: c.how, distance: c.distance, similarity: c.similarity, weight }));
  const strongPairs = pairings.filter((p) => p.how !== 'initial').length;
  const missing: number[] = [];
  for (let i = 0; i < nl; i++) if (!(result.usedListed & (1 << i))) missing.push(i);
  const extra: number[] = [];
  for (let i = 0; i < nt; i++) if (!(result.usedTravelled & (1 << i))) extra.push(i);

  // Forgive one missing middle name when at least two other words matched for real.
  const forgiven = nl >= 3 && missing.length === 1 && strongPairs >= 2 ? missing[0] : undefined;
  let denominator = 0;
  let numerator = 0;
  for (const p of pairings) {
    denominator += p.weight;
    numerator += p.similarity * p.weight;
  }
  for (const i of missing) denominator += (weights[i] as number) * (i === forgiven ? MISSING_MIDDLE_COST : 1);
  let extraCost = 0;
  for (const i of extra) extraCost += weightOf((travelled[i] as NameToken).text) * EXTRA_TRAVELLED_COST;
  if (missing.length === 0) extraCost = Math.min(extraCost, EXTRA_CAP_WHEN_ALL_FOUND * weights.reduce((a, w) => a + w, 0));
  denominator += extraCost;
  let score = denominator > 0 ? (100 * numerator) / denominator : 0;

  // One shared word between two multi-word names is a coincidence, not a match.
  if (nl >= 2 && nt >= 2 && strongPairs < 2) score = Math.min(score, 50);

  for (const i of missing) pairings.push({ listed: (listed[i] as NameToken).text, travelled: null, how: 'missing', distance: null, similarity: 0, weight: weights[i] as number });
  for (const i of extra) pairings.push({ listed: '', travelled: (travelled[i] as NameToken).text, how: 'extra', distance: null, similarity: 0, weight: weightOf((travelled[i] as NameToken).text) });
  return { score, pairings, matchedTokens: strongPairs };
}
