import type { WatchlistReason } from '../contracts/alert.ts';
import type { WatchlistEntry } from '../contracts/watchlist.ts';
import { datesOfBirth, nationalities } from '../contracts/watchlist.ts';
import { tokenisePersonName } from '../names/normalise.ts';
import { alignNames } from './align.ts';
import { buildCandidateIndex } from './candidate-index.ts';
import type { DobVerdict } from './corroborate.ts';
import { DOB_ADJUSTMENT, compareDatesOfBirth } from './corroborate.ts';
import { explainMatch } from './explain.ts';
import type { PreparedEntry } from './prepared-list.ts';
import { buildTokenWeights, documentKey, prepareEntry } from './prepared-list.ts';

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

const NATIONALITY_AGREES = 3;
const NATIONALITY_DIFFERS = -5;
const DOCUMENT_DIFFERS = -3;

export function buildMatcher(entries: WatchlistEntry[]): WatchlistMatcher {
  const prepared: PreparedEntry[] = entries.map(prepareEntry);
  const weights = buildTokenWeights(prepared);
  const index = buildCandidateIndex(prepared, weights);
  const byDocument = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    for (const d of p.entry.documents ?? []) {
      for (const key of new Set([documentKey(d.number, d.issuingCountry), documentKey(d.number)])) {
        const list = byDocument.get(key) ?? [];
        list.push(i);
        byDocument.set(key, list);
      }
    }
  });

  return {
    size: prepared.length,
    match(subject, { threshold, limit = 10 }) {
      const tokens = tokenisePersonName(subject.surname, subject.givenNames);
      const documentHits = new Set<number>();
      for (const d of subject.documents) {
        for (const i of byDocument.get(documentKey(d.number, d.issuingCountry)) ?? []) documentHits.add(i);
        for (const i of byDocument.get(documentKey(d.number)) ?? []) {
          // An entry that names no issuing country matches on the number alone.
          const p = prepared[i] as PreparedEntry;
          const listed = p.entry.documents ?? [];
          if (listed.some((ld) => !ld.issuingCountry && documentKey(ld.number) === documentKey(d.number))) documentHits.add(i);
        }
      }

      const best = new Map<number, WatchlistReason>();
      const consider = (entryIndex: number, nameIndex: number | null) => {
        const p = prepared[entryIndex] as PreparedEntry;
        const names = nameIndex === null ? p.names.map((_, i) => i) : [nameIndex];
        for (const ni of names) {
          const name = p.names[ni];
          if (!name) continue;
          const alignment = alignNames(name.tokens, tokens, weights.weightOf);
          const dob: DobVerdict = compareDatesOfBirth(subject.dateOfBirth, datesOfBirth(p.entry));
          const listedNats = nationalities(p.entry);
          const nationality = !subject.nationality || listedNats.length === 0 ? 'unknown' : listedNats.includes(subject.nationality) ? 'agrees' : 'differs';
          const documentAgrees = documentHits.has(entryIndex);
          const document = documentAgrees ? 'agrees' : (p.entry.documents?.length ?? 0) > 0 && subject.documents.length > 0 ? 'differs' : 'unknown';
          let score = alignment.score + DOB_ADJUSTMENT[dob];
          if (nationality === 'agrees') score += NATIONALITY_AGREES;
          if (nationality === 'differs') score += NATIONALITY_DIFFERS;
          if (document === 'differs') score += DOCUMENT_DIFFERS;
          score = documentAgrees ? 100 : Math.max(0, Math.min(100, score));
          score = Math.round(score * 10) / 10;
          const previous = best.get(entryIndex);
          if (previous && previous.score >= score) continue;
          best.set(entryIndex, {
            type: 'watchlist',
            entryId: p.entry.id,
            list: p.entry.list,
            category: p.entry.category,
            action: p.entry.action,
            score,
            explanation: explainMatch({ name, alignment, dob, nationality, document, documentDecisive: documentAgrees }),
          });
        }
      };

      for (const i of documentHits) consider(i, null);
      if (tokens.length > 0) for (const c of index.candidates(tokens)) consider(c.entry, c.name);
      return [...best.values()]
        .filter((r) => r.score >= threshold)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}
