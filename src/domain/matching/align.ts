import type { NameToken } from '../names/normalise.ts';
import type { TokenComparison, TokenHow } from './token-match.ts';
import { compareTokens } from './token-match.ts';

/** A word or two neighbouring words read as one (ABDUL RAHMAN / ABDULRAHMAN, O BRIEN / OBRIEN). */
export interface Unit {
  token: NameToken;
  positions: number[];
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

function joined(a: NameToken, b: NameToken): NameToken {
  const variants: string[] = [];
  for (const x of a.variants.slice(0, 2)) for (const y of b.variants.slice(0, 2)) variants.push(x + y);
  const token: NameToken = { text: a.text + b.text, variants };
  if (a.skeleton !== undefined || b.skeleton !== undefined) token.skeleton = (a.skeleton ?? a.text) + (b.skeleton ?? b.text);
  return token;
}

function units(tokens: NameToken[], joins?: Map<NameToken, Map<NameToken, NameToken>>): Unit[] {
  const out: Unit[] = tokens.map((token, i) => ({ token, positions: [i] }));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as NameToken;
    const b = tokens[i + 1] as NameToken;
    let token = joins?.get(a)?.get(b);
    if (!token) {
      token = joined(a, b);
      if (joins) {
        const inner = joins.get(a) ?? new Map<NameToken, NameToken>();
        inner.set(b, token);
        joins.set(a, inner);
      }
    }
    out.push({ token, positions: [i, i + 1] });
  }
  return out;
}

/** Share of weight an unmatched listed middle name still costs (lists often carry names people drop). */
const MISSING_MIDDLE_COST = 0.3;
/** Share of weight an extra traveller word costs (a middle name the list does not know). */
const EXTRA_TRAVELLED_COST = 0.25;

/**
 * Pairs the words of a listed name with the traveller's in whatever order they come, each word used
 * once, best pairs first. Rarity weights make a shared rare surname count for more than a shared
 * MOHAMMED. Tolerates one missing middle name and the traveller's extra words, at a cost.
 */
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

export function alignContext(travelled: NameToken[]): AlignContext {
  return { travelledUnits: units(travelled), cache: new Map(), joins: new Map() };
}

function compareCached(ctx: AlignContext, l: Unit, t: Unit, ti: number): TokenComparison | null {
  let row = ctx.cache.get(l.token);
  if (!row) {
    row = [];
    ctx.cache.set(l.token, row);
  }
  let c = row[ti];
  if (c === undefined) {
    c = compareTokens(l.token, t.token);
    row[ti] = c;
  }
  return c;
}

export function alignNames(listed: NameToken[], travelled: NameToken[], weightOf: (token: string) => number, ctx: AlignContext = alignContext(travelled)): NameAlignment {
  const listedUnits = units(listed, ctx.joins);
  const travelledUnits = ctx.travelledUnits;
  const candidates: { l: Unit; t: Unit; similarity: number; how: TokenHow; distance: number; gain: number }[] = [];
  for (const l of listedUnits) {
    const w = l.positions.reduce((s, p) => s + weightOf((listed[p] as NameToken).text), 0);
    for (let ti = 0; ti < travelledUnits.length; ti++) {
      const t = travelledUnits[ti] as Unit;
      if (l.positions.length > 1 && t.positions.length > 1) continue;
      const c = compareCached(ctx, l, t, ti);
      if (c) candidates.push({ l, t, ...c, gain: c.similarity * w });
    }
  }
  candidates.sort((a, b) => b.gain - a.gain || a.l.positions.length - b.l.positions.length);

  const usedListed = new Set<number>();
  const usedTravelled = new Set<number>();
  const pairings: TokenPairing[] = [];
  for (const c of candidates) {
    if (c.l.positions.some((p) => usedListed.has(p)) || c.t.positions.some((p) => usedTravelled.has(p))) continue;
    c.l.positions.forEach((p) => usedListed.add(p));
    c.t.positions.forEach((p) => usedTravelled.add(p));
    const weight = c.l.positions.reduce((s, p) => s + weightOf((listed[p] as NameToken).text), 0);
    pairings.push({ listed: c.l.token.text, travelled: c.t.token.text, how: c.how, distance: c.distance, similarity: c.similarity, weight });
  }

  const missing = listed.map((t, i) => ({ t, i })).filter(({ i }) => !usedListed.has(i));
  const extra = travelled.map((t, i) => ({ t, i })).filter(({ i }) => !usedTravelled.has(i));
  const strongPairs = pairings.filter((p) => p.how !== 'initial').length;

  // Forgive one missing middle name when at least two other words matched for real.
  const forgiven = listed.length >= 3 && missing.length === 1 && strongPairs >= 2 ? missing[0]?.i : undefined;
  let denominator = pairings.reduce((s, p) => s + p.weight, 0);
  for (const { t, i } of missing) denominator += weightOf(t.text) * (i === forgiven ? MISSING_MIDDLE_COST : 1);
  for (const { t } of extra) denominator += weightOf(t.text) * EXTRA_TRAVELLED_COST;
  const numerator = pairings.reduce((s, p) => s + p.similarity * p.weight, 0);
  let score = denominator > 0 ? (100 * numerator) / denominator : 0;

  // One shared word between two multi-word names is a coincidence, not a match.
  if (listed.length >= 2 && travelled.length >= 2 && strongPairs < 2) score = Math.min(score, 50);

  for (const { t } of missing) pairings.push({ listed: t.text, travelled: null, how: 'missing', distance: null, similarity: 0, weight: weightOf(t.text) });
  for (const { t } of extra) pairings.push({ listed: '', travelled: t.text, how: 'extra', distance: null, similarity: 0, weight: weightOf(t.text) });
  return { score, pairings, matchedTokens: strongPairs };
}
