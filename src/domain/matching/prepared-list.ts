import type { WatchlistEntry } from '../contracts/watchlist.ts';
import type { NameToken } from '../names/normalise.ts';
import { tokeniseName, tokenisePersonName } from '../names/normalise.ts';

export interface PreparedName {
  display: string;
  tokens: NameToken[];
}

export interface PreparedEntry {
  entry: WatchlistEntry;
  names: PreparedName[];
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

