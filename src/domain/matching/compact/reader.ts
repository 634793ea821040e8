import type { WatchlistReason } from '../../contracts/alert.ts';
import type { PartialDate } from '../../dates/partial-date.ts';
import { parsePartialDate } from '../../dates/partial-date.ts';
import type { NameToken } from '../../names/normalise.ts';
import { tokenisePersonName } from '../../names/normalise.ts';
import { alignNames } from '../align.ts';
import type { DobVerdict } from '../corroborate.ts';
import { compareParsedDates, DOB_ADJUSTMENT, normaliseDocumentNumber } from '../corroborate.ts';
import { explainMatch } from '../explain.ts';
import type { MatchOptions, MatchSubject } from '../matcher-types.ts';
import type { TokenComparison } from '../token-match.ts';
import { compareTokens } from '../token-match.ts';
import type { CompactEntry } from './build.ts';
import { ENTRY_HAS_DOCUMENTS, packCountry } from './build.ts';
import { findSorted, hash32 } from './hash.ts';
import { deletionNeighbourhood, skeletonKey } from './keys.ts';
import type { Sections } from './layout.ts';
import { unpack } from './layout.ts';

const NATIONALITY_AGREES = 3;
const NATIONALITY_DIFFERS = -5;
const DOCUMENT_DIFFERS = -3;
/** Candidates verified per traveller: all names sharing two words rank first, then the best single-word hits. */
const VERIFY_STRONG = 48;
const VERIFY_SINGLE = 12;

export interface IndexReader {
  readonly entries: number;
  readonly names: number;
  readonly vocabulary: number;
  readonly keys: number;
  readonly bytes: number;
  match(subject: MatchSubject, options: MatchOptions): WatchlistReason[];
}

function unpackDate(p: number): PartialDate {
  const year = Math.floor(p / 10000);
  const month = Math.floor(p / 100) % 100;
  const day = p % 100;
  return month === 0 ? { year } : day === 0 ? { year, month } : { year, month, day };
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}

/** Opens a packed index for matching, in place: what a worker does with the buffer it is handed. */
export function openCompactIndex(buffer: SharedArrayBuffer): IndexReader {
  const s: Sections = unpack(buffer);
  const V = s.vocabStart.length - 1;
  const N = s.nameEntry.length;
  const E = s.entryDobStart.length - 1;
  const strings: Array<string | undefined> = new Array(V);
  const weights = new Map<string, number>();
  const decoder = new TextDecoder();
  // Scratch space reused by every query: a generation stamp instead of clearing per traveller.
  const stamp = new Uint32Array(N);
  const mask = new Uint32Array(N);
  const estimate = new Float32Array(N);
  let generation = 0;

  const str = (v: number): string => {
    let t = strings[v];
    if (t === undefined) {
      t = String.fromCharCode(...s.vocabBytes.subarray(s.vocabStart[v], s.vocabStart[v + 1]));
      strings[v] = t;
    }
    return t;
  };
  const keyRange = (key: string): [number, number] | null => {
    const i = findSorted(s.keyHashes, hash32(key));
    return i < 0 ? null : [s.keyStart[i] as number, s.keyStart[i + 1] as number];
  };
  const weightOf = (text: string): number => {
    let w = weights.get(text);
    if (w === undefined) {
      w = 1;
      const r = keyRange(text);
      if (r) for (let i = r[0]; i < r[1]; i++) if (str(s.keyTokens[i] as number) === text) w = s.vocabWeight[s.keyTokens[i] as number] as number;
      weights.set(text, w);
    }
    return w;
  };
  const entryOf = (e: number): CompactEntry => JSON.parse(decoder.decode(s.entryJsonBytes.slice(s.entryJsonStart[e], s.entryJsonStart[e + 1]))) as CompactEntry;
  const listedTokens = (name: number): NameToken[] => {
    const out: NameToken[] = [];
    for (let i = s.nameFormStart[name] as number; i < (s.nameFormStart[name + 1] as number); i++) {
      const f = s.nameForms[i] as number;
      const variants: string[] = [];
      for (let j = s.formStart[f] as number; j < (s.formStart[f + 1] as number); j++) variants.push(str(s.formVariants[j] as number));
      out.push({ text: variants[0] as string, variants });
    }
    return out;
  };
  const firstNameOf = (entry: number): number => {
    let lo = 0;
    let hi = N;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((s.nameEntry[mid] as number) < entry) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** Listed spellings close enough to a traveller's word, found through the deletion keys. */
  const similar = (unit: NameToken, into: Map<number, TokenComparison>) => {
    const checked = new Set<number>();
    const visit = (key: string) => {
      const r = keyRange(key);
      if (!r) return;
      for (let i = r[0]; i < r[1]; i++) {
        const v = s.keyTokens[i] as number;
        if (checked.has(v)) continue;
        checked.add(v);
        const text = str(v);
        const c = compareTokens({ text, variants: [text] }, unit);
        if (c && c.how !== 'initial') {
          const prev = into.get(v);
          if (!prev || prev.similarity < c.similarity) into.set(v, c);
        }
      }
    };
    for (const variant of unit.variants) for (const k of deletionNeighbourhood(variant)) visit(k);
    if (unit.skeleton) visit(skeletonKey(unit.skeleton));
  };

  const candidates = (tokens: NameToken[]): number[] => {
    const n = Math.min(tokens.length, 30);
    const perPosition: Array<Map<number, TokenComparison>> = Array.from({ length: n }, () => new Map());
    for (let p = 0; p < n; p++) similar(tokens[p] as NameToken, perPosition[p] as Map<number, TokenComparison>);
    for (let p = 0; p + 1 < n; p++) {
      const a = tokens[p] as NameToken;
      const b = tokens[p + 1] as NameToken;
      const joined = new Map<number, TokenComparison>();
      similar({ text: a.text + b.text, variants: [a.text + b.text] }, joined);
      for (const [v, c] of joined) {
        perPosition[p]?.set(v, c);
        perPosition[p + 1]?.set(v, c);
      }
    }
    const sizes = perPosition.map((m) => {
      let total = 0;
      for (const v of m.keys()) total += (s.tokenNamesStart[v + 1] as number) - (s.tokenNamesStart[v] as number);
      return total;
    });
    const nonEmpty = sizes.map((size, p) => ({ size, p })).filter((x) => x.size > 0).sort((a, b) => a.size - b.size);
    if (nonEmpty.length === 0) return [];
    // A name sharing two of the traveller's words must share one of any (k-1) of them: walk only the
    // rarest k-1 postings and test the commonest word by membership.
    const drivers = nonEmpty.length === 1 ? nonEmpty : nonEmpty.slice(0, nonEmpty.length - 1);
    const checkers = nonEmpty.length === 1 ? [] : nonEmpty.slice(nonEmpty.length - 1);

    generation = (generation + 1) >>> 0 || 1;
    const found: number[] = [];
    for (const { p } of drivers) {
      const bit = 1 << p;
      for (const [v, c] of perPosition[p] as Map<number, TokenComparison>) {
        const gain = (s.vocabWeight[v] as number) * c.similarity;
        for (let i = s.tokenNamesStart[v] as number; i < (s.tokenNamesStart[v + 1] as number); i++) {
          const name = s.tokenNames[i] as number;
          if (stamp[name] !== generation) {
            stamp[name] = generation;
            mask[name] = 0;
            estimate[name] = 0;
            found.push(name);
          }
          if (((mask[name] as number) & bit) === 0) {
            mask[name] = (mask[name] as number) | bit;
            estimate[name] = (estimate[name] as number) + gain;
          }
        }
      }
    }
    for (const { p } of checkers) {
      const bit = 1 << p;
      const sims = perPosition[p] as Map<number, TokenComparison>;
      for (const name of found) {
        for (let i = s.nameFormStart[name] as number; i < (s.nameFormStart[name + 1] as number); i++) {
          const f = s.nameForms[i] as number;
          for (let j = s.formStart[f] as number; j < (s.formStart[f + 1] as number); j++) {
            const c = sims.get(s.formVariants[j] as number);
            if (c && ((mask[name] as number) & bit) === 0) {
              mask[name] = (mask[name] as number) | bit;
              estimate[name] = (estimate[name] as number) + (s.vocabWeight[s.formVariants[j] as number] as number) * c.similarity;
            }
          }
        }
      }
    }
    const strong: number[] = [];
    const single: number[] = [];
    const needed = Math.min(2, tokens.length);
    for (const name of found) {
      const listedCount = (s.nameFormStart[name + 1] as number) - (s.nameFormStart[name] as number);
      if (popcount(mask[name] as number) >= Math.min(needed, listedCount)) strong.push(name);
      else single.push(name);
    }
    const byEstimate = (a: number, b: number) => (estimate[b] as number) - (estimate[a] as number);
    const pick = (list: number[], k: number) => (list.length <= k ? list : list.sort(byEstimate).slice(0, k));
    return [...pick(strong, VERIFY_STRONG), ...pick(single, VERIFY_SINGLE)];
  };

  return {
    entries: E,
    names: N,
    vocabulary: V,
    keys: s.keyHashes.length,
    bytes: buffer.byteLength,
    match(subject, { threshold, limit = 10 }) {
      const tokens = tokenisePersonName(subject.surname, subject.givenNames);
      const travelledDob = subject.dateOfBirth ? parsePartialDate(subject.dateOfBirth) : null;
      const travelledNat = subject.nationality ? packCountry(subject.nationality) : null;

      const documentHits = new Set<number>();
      for (const d of subject.documents) {
        const number = normaliseDocumentNumber(d.number);
        for (const key of [`${d.issuingCountry ?? ''}:${number}`, `:${number}`]) {
          const i = findSorted(s.docHashes, hash32(key));
          if (i < 0) continue;
          for (let j = s.docStart[i] as number; j < (s.docStart[i + 1] as number); j++) {
            const e = s.docEntries[j] as number;
            const listed = entryOf(e).documents;
            // Exact check behind the hash: same number, and the same issuer unless the list gives none.
            if (listed.some((l) => normaliseDocumentNumber(l.number) === number && (!l.issuingCountry || l.issuingCountry === d.issuingCountry))) documentHits.add(e);
          }
        }
      }

      const best = new Map<number, { score: number; name: number; alignment: ReturnType<typeof alignNames>; dob: DobVerdict; nationality: 'agrees' | 'differs' | 'unknown'; document: 'agrees' | 'differs' | 'unknown' }>();
      type Verdict = 'agrees' | 'differs' | 'unknown';
      const consider = (name: number, documentEntry?: number) => {
        const e = name >= 0 ? (s.nameEntry[name] as number) : (documentEntry as number);
        const alignment = alignNames(name >= 0 ? listedTokens(name) : [], tokens, weightOf);
        const dobs: PartialDate[] = [];
        for (let i = s.entryDobStart[e] as number; i < (s.entryDobStart[e + 1] as number); i++) dobs.push(unpackDate(s.entryDobs[i] as number));
        const dob = compareParsedDates(travelledDob, dobs);
        let nationality: 'agrees' | 'differs' | 'unknown' = 'unknown';
        if (travelledNat !== null && (s.entryNatStart[e + 1] as number) > (s.entryNatStart[e] as number)) {
          nationality = 'differs';
          for (let i = s.entryNatStart[e] as number; i < (s.entryNatStart[e + 1] as number); i++) if (s.entryNats[i] === travelledNat) nationality = 'agrees';
        }
        const documentAgrees = documentHits.has(e);
        const listsDocuments = ((s.entryFlags[e] as number) & ENTRY_HAS_DOCUMENTS) !== 0;
        const document: Verdict = documentAgrees ? 'agrees' : listsDocuments && subject.documents.length > 0 ? 'differs' : 'unknown';
        let score = alignment.score + DOB_ADJUSTMENT[dob];
        if (document === 'differs') score += DOCUMENT_DIFFERS;
        if (nationality === 'agrees') score += NATIONALITY_AGREES;
        if (nationality === 'differs') score += NATIONALITY_DIFFERS;
        score = documentAgrees ? 100 : Math.max(0, Math.min(100, score));
        score = Math.round(score * 10) / 10;
        const prev = best.get(e);
        if (!prev || prev.score < score) best.set(e, { score, name, alignment, dob, nationality, document });
      };
      for (const e of documentHits) {
        const first = firstNameOf(e);
        if (first >= N || s.nameEntry[first] !== e) consider(-1, e);
        for (let name = first; name < N && s.nameEntry[name] === e; name++) consider(name);
      }
      if (tokens.length > 0) for (const name of candidates(tokens)) consider(name);

      const ranked = [...best.entries()].filter(([, b]) => b.score >= threshold).sort((a, b) => b[1].score - a[1].score).slice(0, limit);
      return ranked.map(([e, b]): WatchlistReason => {
        const entry = entryOf(e);
        const nameIndex = b.name - firstNameOf(e);
        return {
          type: 'watchlist',
          entryId: entry.id,
          list: entry.list,
          category: entry.category,
          action: entry.action,
          score: b.score,
          explanation: explainMatch({
            name: { display: b.name >= 0 ? (entry.names[nameIndex] ?? '') : '', tokens: b.name >= 0 ? listedTokens(b.name) : [] },
            alignment: b.alignment,
            dob: b.dob,
            nationality: b.nationality,
            document: b.document,
            documentDecisive: documentHits.has(e),
          }),
        };
      });
    },
  };
}
