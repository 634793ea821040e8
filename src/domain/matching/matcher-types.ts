import type { WatchlistReason } from '../contracts/alert.ts';

/** What the matcher needs to know of a traveller. */
export interface MatchSubject {
  surname: string;
  givenNames: string;
  dateOfBirth: string | null;
  nationality: string | null;
  documents: Array<{ type?: string; number: string; issuingCountry?: string | null }>;
}

export interface MatchOptions {
  /** Scores below this are not returned (0–100). */
  threshold: number;
  limit?: number;
}

export interface WatchlistMatcher {
  readonly size: number;
  match(subject: MatchSubject, options: MatchOptions): WatchlistReason[];
}
