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
  /** Points taken because the matched words come in an order no one writes a name in (0 or more). */
  orderPenalty: number;
}

/**
 * Share of weight a listed word the traveller left out still costs: people drop middle names and
 * parts of long patronymic chains, so each costs little when the rest of the name is there.
 */
const MISSING_DROPPED_COST = 0.3;
/**
 * Share of weight a listed word costs when the traveller wrote another word in its place (another
 * surname, another patronymic): that is a different person far more often than a dropped word.
 */
const MISSING_REPLACED_COST = 0.85;
/** Share of weight an extra traveller word costs (a middle name the list does not know). */
const EXTRA_TRAVELLED_COST = 0.25;
/** The surname carries more of a person's identity than any one given name. */
const SURNAME_WEIGHT = 1.5;
/**
 * Word order is weak evidence: the same words in the written order, or with surname and given
 * names swapped (as forms are often filled), cost nothing; a shuffle costs this much.
 */
const ORDER_PENALTY = 4;
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
  if (a.skeleton !== undefined || b.skeleton !== undefined)
    token.skeleton = (a.skeleton ?? a.text) + (b.skeleton ?? b.text);
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
  if (withJoins)
    for (let i = 0; i + 1 < n; i++)
      out.push({
        token: joinCached(ctx, tokens[i] as NameToken, tokens[i + 1] as NameToken),
        mask: (1 << i) | (1 << (i + 1)),
        words: 2,
      });
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
function pair(
  listed: Unit[],
  travelled: Array<{ unit: Unit; index: number }>,
  weights: number[],
  ctx: AlignContext,
  taken: { listed: number; travelled: number },
): Chosen[] {
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

const firstPosition = (mask: number) => 31 - Math.clz32(mask & -mask);

/**
 * True when the traveller's words run in neither the listed order nor a rotation of it (surname
 * first instead of last). Read over the listed words in order: at most one step back is a rotation.
 */
function outOfOrder(chosen: Chosen[]): boolean {
  if (chosen.length < 3) return false;
  const sequence = [...chosen]
    .sort((a, b) => firstPosition(a.l.mask) - firstPosition(b.l.mask))
    .map((c) => firstPosition(c.t.mask));
  let descents = 0;
  for (let i = 1; i < sequence.length; i++) if ((sequence[i] as number) < (sequence[i - 1] as number)) descents++;
  if (descents === 0) return false;
  return !(descents === 1 && (sequence[sequence.length - 1] as number) < (sequence[0] as number));
}

/**
 * Pairs the words of a listed name with the traveller's in whatever order they come, each word used
 * once, best pairs first. Rarity weights make a shared rare surname count for more than a shared
 * MOHAMMED; the listed surname weighs more than a given name. Listed words the traveller dropped
 * cost little, listed words the traveller replaced with other words cost nearly their weight, and
 * order counts as weak evidence. Joined neighbours (ABDUL RAHMAN / ABDULRAHMAN) are tried only when
 * words are left over on both sides.
 */
export function alignNames(
  listed: NameToken[],
  travelled: NameToken[],
  weightOf: (token: string) => number,
  ctx: AlignContext = alignContext(travelled),
  /** How many leading listed words are given names (the rest the surname); unknown when absent. */
  listedGivenCount?: number,
): NameAlignment {
  const nl = Math.min(listed.length, MAX_WORDS);
  const nt = Math.min(travelled.length, MAX_WORDS);
  const isSurname = (i: number) => listedGivenCount !== undefined && listedGivenCount < nl && i >= listedGivenCount;
  const weights = listed.slice(0, nl).map((t, i) => weightOf(t.text) * (isSurname(i) ? SURNAME_WEIGHT : 1));
  const listedUnits = unitsOf(listed, false, ctx);
  const travelledAll = ctx.travelledUnits.map((unit, index) => ({ unit, index }));
  const taken = { listed: 0, travelled: 0 };
  const chosen = pair(
    listedUnits,
    travelledAll.filter((t) => t.unit.words === 1),
    weights,
    ctx,
    taken,
  );
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
  const pairings: TokenPairing[] = result.chosen.map(({ l, t, c, weight }) => ({
    listed: l.token.text,
    travelled: t.token.text,
    how: c.how,
    distance: c.distance,
    similarity: c.similarity,
    weight,
  }));
  const strongPairs = pairings.filter((p) => p.how !== 'initial').length;
  const missing: number[] = [];
  for (let i = 0; i < nl; i++) if (!(result.usedListed & (1 << i))) missing.push(i);
  const extra: number[] = [];
  for (let i = 0; i < nt; i++) if (!(result.usedTravelled & (1 << i))) extra.push(i);

  // Each traveller word left over stands in for one listed word left over: those are replaced, the
  // heaviest first (the cautious reading); the remaining listed words were dropped.
  const replacedCount = Math.min(missing.length, extra.length);
  const replaced = new Set(
    [...missing].sort((a, b) => (weights[b] as number) - (weights[a] as number)).slice(0, replacedCount),
  );
  // Dropping is forgiven only when two words matched for real and the surname is not the word gone.
  const surnameFound =
    listedGivenCount === undefined || listedGivenCount >= nl || result.usedListed >>> listedGivenCount !== 0;
  const dropForgiven = strongPairs >= 2 && surnameFound;
  let denominator = 0;
  let numerator = 0;
  for (const p of pairings) {
    denominator += p.weight;
    numerator += p.similarity * p.weight;
  }
  for (const i of missing) {
    const share = replaced.has(i) ? MISSING_REPLACED_COST : dropForgiven ? MISSING_DROPPED_COST : 1;
    denominator += (weights[i] as number) * share;
  }
  let extraCost = 0;
  for (const i of extra) extraCost += weightOf((travelled[i] as NameToken).text) * EXTRA_TRAVELLED_COST;
  if (missing.length === 0)
    extraCost = Math.min(extraCost, EXTRA_CAP_WHEN_ALL_FOUND * weights.reduce((a, w) => a + w, 0));
  denominator += extraCost;
  let score = denominator > 0 ? (100 * numerator) / denominator : 0;
  const orderPenalty = outOfOrder(result.chosen) ? ORDER_PENALTY : 0;
  score = Math.max(0, score - orderPenalty);

  // One shared word between two multi-word names is a coincidence, not a match; an initial that
  // agrees besides makes it a lead worth scoring (it still needs the date of birth to alert).
  const initials = pairings.length - strongPairs;
  if (nl >= 2 && nt >= 2 && strongPairs < 2 && !(strongPairs === 1 && initials >= 1)) score = Math.min(score, 50);

  for (const i of missing)
    pairings.push({
      listed: (listed[i] as NameToken).text,
      travelled: null,
      how: 'missing',
      distance: null,
      similarity: 0,
      weight: weights[i] as number,
    });
  for (const i of extra)
    pairings.push({
      listed: '',
      travelled: (travelled[i] as NameToken).text,
      how: 'extra',
      distance: null,
      similarity: 0,
      weight: weightOf((travelled[i] as NameToken).text),
    });
  return { score, pairings, matchedTokens: strongPairs, orderPenalty };
}
