import type { WatchlistEntry } from '../contracts/watchlist.ts';
import type { NameToken } from '../names/normalise.ts';
import { tokeniseName, tokenisePersonName } from '../names/normalise.ts';
import { COMMON_NAME_TOKENS } from '../names/common-tokens.ts';
import { normaliseDocumentNumber } from './corroborate.ts';

export interface PreparedName {
  display: string;
  tokens: NameToken[];
}

export interface PreparedEntry {
  entry: WatchlistEntry;
  names: PreparedName[];
}

/** Rarity weight of a name word: a list's own frequencies, floored by a world prior for common words. */
export interface TokenWeights {
  weightOf(token: string): number;
}

const COMMON_WEIGHT = 0.35;
const MIN_WEIGHT = 0.15;

export function buildTokenWeights(entries: PreparedEntry[]): TokenWeights {
  const df = new Map<string, number>();
  let names = 0;
  for (const e of entries) {
    for (const n of e.names) {
      names++;
      for (const t of new Set(n.tokens.map((x) => x.text))) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const maxIdf = Math.log(1 + names);
  return {
    weightOf(token: string): number {
      const idf = Math.log(1 + names / (df.get(token) ?? 1)) / (maxIdf || 1);
      const fromList = Math.max(MIN_WEIGHT, Math.min(1, idf));
      return COMMON_NAME_TOKENS.has(token) ? Math.min(fromList, COMMON_WEIGHT) : fromList;
    },
  };
}

export function prepareEntry(entry: WatchlistEntry): PreparedEntry {
  const names: PreparedName[] = [];
  for (const n of entry.names) {
    const tokens = n.full !== undefined && !n.surname ? tokeniseName(n.full) : tokenisePersonName(n.surname ?? '', n.givenNames ?? '');
    if (tokens.length === 0) continue;
    const display = n.full && !n.surname ? n.full : [n.surname, n.givenNames].filter(Boolean).join(', ');
    names.push({ display, tokens });
  }
  return { entry, names };
}

export function documentKey(number: string, issuingCountry?: string | null): string {
  return `${issuingCountry ?? ''}:${normaliseDocumentNumber(number)}`;
}
