import type { WatchlistEntry } from '../contracts/watchlist.ts';
import type { NameToken } from '../names/normalise.ts';
import { tokeniseName, tokenisePersonNameParts } from '../names/normalise.ts';

export interface PreparedName {
  display: string;
  tokens: NameToken[];
  /** How many leading tokens are given names; absent when the list gave the name whole. */
  givenCount?: number;
}

export interface PreparedEntry {
  entry: WatchlistEntry;
  names: PreparedName[];
}

export function prepareEntry(entry: WatchlistEntry): PreparedEntry {
  const names: PreparedName[] = [];
  for (const n of entry.names) {
    const whole = n.full !== undefined && !n.surname;
    const parts = whole
      ? { tokens: tokeniseName(n.full ?? ''), givenCount: undefined }
      : tokenisePersonNameParts(n.surname ?? '', n.givenNames ?? '');
    if (parts.tokens.length === 0) continue;
    const display = whole ? (n.full ?? '') : [n.surname, n.givenNames].filter(Boolean).join(', ');
    names.push(
      parts.givenCount === undefined
        ? { display, tokens: parts.tokens }
        : { display, tokens: parts.tokens, givenCount: parts.givenCount },
    );
  }
  return { entry, names };
}
