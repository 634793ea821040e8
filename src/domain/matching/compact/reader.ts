import type { WatchlistReason } from '../../contracts/alert.ts';
import type { PartialDate } from '../../dates/partial-date.ts';
import { parsePartialDate } from '../../dates/partial-date.ts';
import type { NameToken } from '../../names/normalise.ts';
import { nameScript, nativeTokens } from '../../names/native-script.ts';
import { tokenisePersonNameParts } from '../../names/normalise.ts';
import { MAX_SEARCH_TOKENS } from '../../names/usable.ts';
import { alignContext, alignNames } from '../align.ts';
import type { DateEvidence } from '../corroborate.ts';
import { compareParsedDates, normaliseDocumentNumber, withNameEvidence } from '../corroborate.ts';
import { explainMatch } from '../explain.ts';
import { listedRecord, packedCountryText, packedDateText } from '../listed-record.ts';
import type { MatchOptions, MatchSubject } from '../matcher-types.ts';
import type { CompactEntry } from './build.ts';
import { ENTRY_HAS_DOCUMENTS, GIVEN_COUNT_UNKNOWN, packCountry } from './build.ts';
import { candidateSearch } from './candidates.ts';
import { findSorted, hash32 } from './hash.ts';
import { lookup } from './keyed-postings.ts';
import type { Sections } from './layout.ts';
import { unpack } from './layout.ts';
import { wordNeighbourhoods } from './word-neighbourhood.ts';

const DOCUMENT_DIFFERS = -3;

export interface IndexReader {
  readonly entries: number;
  readonly names: number;
  readonly vocabulary: number;
  readonly keys: number;
  readonly bytes: number;
  match(subject: MatchSubject, options: MatchOptions): WatchlistReason[];
  /** Traveller words looked up so far, and how many were answered from this thread's word cache. */
  wordCacheStats(): { lookups: number; hits: number };
}

type IssuerVerdict = 'agrees' | 'differs' | 'unknown';
const ISSUER_RANK: Record<IssuerVerdict, number> = { agrees: 0, unknown: 1, differs: 2 };
function issuerVerdict(listed: string | undefined, travelled: string | null | undefined): IssuerVerdict {
  const t = travelled && travelled !== 'XXX' ? travelled : null;
  if (!listed || !t) return 'unknown';
  return listed === t ? 'agrees' : 'differs';
}

function unpackDate(p: number): PartialDate {
  const year = Math.floor(p / 10000);
  const month = Math.floor(p / 100) % 100;
  const day = p % 100;
  return month === 0 ? { year } : day === 0 ? { year, month } : { year, month, day };
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
  const str = (v: number): string => {
    let t = strings[v];
    if (t === undefined) {
      t = String.fromCharCode(...s.vocabBytes.subarray(s.vocabStart[v], s.vocabStart[v + 1]));
      strings[v] = t;
    }
    return t;
  };
  /** Vocabulary id of an exact spelling, or -1. */
  const exactVocab = (text: string): number => {
    const k = lookup(s.keyTable, hash32(text));
    if (k < 0) return -1;
    for (let i = s.keyStart[k] as number; i < (s.keyStart[k + 1] as number); i++)
      if (str(s.keyTokens[i] as number) === text) return s.keyTokens[i] as number;
    return -1;
  };
  const weightOf = (text: string): number => {
    let w = weights.get(text);
    if (w === undefined) {
      const v = exactVocab(text);
      // A word the list has never seen is as rare as a word can be.
      w = v < 0 ? 1 : (s.vocabWeight[v] as number);
      weights.set(text, w);
    }
    return w;
  };
  const entryOf = (e: number): CompactEntry =>
    JSON.parse(decoder.decode(s.entryJsonBytes.slice(s.entryJsonStart[e], s.entryJsonStart[e + 1]))) as CompactEntry;
  // One token object per spelling, kept: similar() compares hundreds per traveller.
  const vocabTokens: Array<NameToken | undefined> = [];
  const vocabToken = (v: number): NameToken => {
    let t = vocabTokens[v];
    if (!t) {
      const text = str(v);
      vocabTokens[v] = t = { text, variants: [text] };
    }
    return t;
  };
  // One token object per listed form, kept: the aligner caches comparisons by token identity.
  const formTokens: Array<NameToken | undefined> = [];
  const formToken = (f: number): NameToken => {
    let t = formTokens[f];
    if (!t) {
      const variants: string[] = [];
      for (let j = s.formStart[f] as number; j < (s.formStart[f + 1] as number); j++)
        variants.push(str(s.formVariants[j] as number));
      t = { text: variants[0] as string, variants };
      formTokens[f] = t;
    }
    return t;
  };
  const listedTokens = (name: number): NameToken[] => {
    const out: NameToken[] = [];
    for (let i = s.nameFormStart[name] as number; i < (s.nameFormStart[name + 1] as number); i++)
      out.push(formToken(s.nameForms[i] as number));
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

  const words = wordNeighbourhoods(s, exactVocab, vocabToken);
  const candidates = candidateSearch(s, { str, exactVocab, weightOf, words });

  /** The listed name's words in its own script when it is written in `script` alone, else null. */
  const nativeListed = (e: number, nameIndex: number, script: string): NameToken[] | null => {
    const display = entryOf(e).names[nameIndex];
    if (!display || nameScript(display) !== script) return null;
    const words = nativeTokens(display, script);
    return words.length > 0 ? words : null;
  };
  const sameWeight = () => 1;
  const listedRecordOf = (e: number, entry: CompactEntry) => {
    const datesOfBirth: string[] = [];
    for (let i = s.entryDobStart[e] as number; i < (s.entryDobStart[e + 1] as number); i++)
      datesOfBirth.push(packedDateText(s.entryDobs[i] as number));
    const nationalities: string[] = [];
    for (let i = s.entryNatStart[e] as number; i < (s.entryNatStart[e + 1] as number); i++)
      nationalities.push(packedCountryText(s.entryNats[i] as number));
    return listedRecord({
      category: entry.category,
      action: entry.action,
      names: entry.names,
      datesOfBirth,
      nationalities,
      documents: entry.documents,
      notes: entry.notes ?? null,
    });
  };

  return {
    entries: E,
    names: N,
    vocabulary: V,
    keys: s.keyHashes.length,
    bytes: buffer.byteLength,
    wordCacheStats: () => words.stats(),
    match(subject, { threshold, limit = 10 }) {
      const person = tokenisePersonNameParts(subject.surname, subject.givenNames);
      const tokens = person.tokens;
      const given = tokens.slice(0, person.givenCount);
      const surname = tokens.slice(person.givenCount);
      // Candidate search looks at a bounded number of words: the surname always among them, so
      // padding the given names cannot push it out.
      const searchTokens =
        tokens.length <= MAX_SEARCH_TOKENS
          ? tokens
          : [
              ...given.slice(0, Math.max(0, MAX_SEARCH_TOKENS - surname.length)),
              ...surname.slice(0, MAX_SEARCH_TOKENS),
            ];
      const ctx = alignContext(tokens);
      // Both sides in the same non-Latin script: compared as written (see names/native-script.ts).
      const travellerScript = nameScript(`${subject.givenNames} ${subject.surname}`);
      const travellerNative = travellerScript
        ? nativeTokens(`${subject.givenNames} ${subject.surname}`, travellerScript)
        : [];
      const nativeTraveller =
        travellerScript && travellerNative.length > 0
          ? { script: travellerScript, tokens: travellerNative, ctx: alignContext(travellerNative) }
          : null;
      const travelledDob = subject.dateOfBirth ? parsePartialDate(subject.dateOfBirth) : null;
      const travelledNat = subject.nationality ? packCountry(subject.nationality) : null;

      // The normalised number alone is decisive; the issuer only says how sure the officer can be.
      const documentHits = new Map<number, IssuerVerdict>();
      for (const d of subject.documents) {
        const number = normaliseDocumentNumber(d.number);
        if (number === '') continue;
        const i = findSorted(s.docHashes, hash32(`:${number}`));
        if (i < 0) continue;
        for (let j = s.docStart[i] as number; j < (s.docStart[i + 1] as number); j++) {
          const e = s.docEntries[j] as number;
          for (const l of entryOf(e).documents) {
            if (normaliseDocumentNumber(l.number) !== number) continue;
            const issuer = issuerVerdict(l.issuingCountry, d.issuingCountry);
            const prev = documentHits.get(e);
            if (!prev || ISSUER_RANK[issuer] < ISSUER_RANK[prev]) documentHits.set(e, issuer);
          }
        }
      }

      const best = new Map<
        number,
        {
          score: number;
          name: number;
          alignment: ReturnType<typeof alignNames>;
          dob: DateEvidence;
          documentAdjustment: number;
          nationality: 'agrees' | 'differs' | 'unknown';
          document: 'agrees' | 'differs' | 'unknown';
        }
      >();
      type Verdict = 'agrees' | 'differs' | 'unknown';
      const consider = (name: number, documentEntry?: number) => {
        const e = name >= 0 ? (s.nameEntry[name] as number) : (documentEntry as number);
        const givenCount = name >= 0 ? (s.nameGivenCount[name] as number) : GIVEN_COUNT_UNKNOWN;
        const native =
          nativeTraveller && name >= 0 ? nativeListed(e, name - firstNameOf(e), nativeTraveller.script) : null;
        const alignment =
          native && nativeTraveller
            ? alignNames(native, nativeTraveller.tokens, sameWeight, nativeTraveller.ctx)
            : alignNames(
                name >= 0 ? listedTokens(name) : [],
                tokens,
                weightOf,
                ctx,
                givenCount === GIVEN_COUNT_UNKNOWN ? undefined : givenCount,
              );
        const dobs: PartialDate[] = [];
        for (let i = s.entryDobStart[e] as number; i < (s.entryDobStart[e + 1] as number); i++)
          dobs.push(unpackDate(s.entryDobs[i] as number));
        const dob = withNameEvidence(compareParsedDates(travelledDob, dobs), alignment.score >= 100);
        let nationality: 'agrees' | 'differs' | 'unknown' = 'unknown';
        if (travelledNat !== null && (s.entryNatStart[e + 1] as number) > (s.entryNatStart[e] as number)) {
          nationality = 'differs';
          for (let i = s.entryNatStart[e] as number; i < (s.entryNatStart[e + 1] as number); i++)
            if (s.entryNats[i] === travelledNat) nationality = 'agrees';
        }
        const documentAgrees = documentHits.has(e);
        const listsDocuments = ((s.entryFlags[e] as number) & ENTRY_HAS_DOCUMENTS) !== 0;
        const document: Verdict = documentAgrees
          ? 'agrees'
          : listsDocuments && subject.documents.length > 0
            ? 'differs'
            : 'unknown';
        // Nationality is shown to officers and never changes a score.
        const documentAdjustment = document === 'differs' ? DOCUMENT_DIFFERS : 0;
        let score = alignment.score + dob.adjustment + documentAdjustment;
        score = documentAgrees ? 100 : Math.max(0, Math.min(100, score));
        score = Math.round(score * 10) / 10;
        const prev = best.get(e);
        if (!prev || prev.score < score)
          best.set(e, { score, name, alignment, dob, documentAdjustment, nationality, document });
      };
      for (const e of documentHits.keys()) {
        const first = firstNameOf(e);
        if (first >= N || s.nameEntry[first] !== e) consider(-1, e);
        for (let name = first; name < N && s.nameEntry[name] === e; name++) consider(name);
      }
      if (searchTokens.length > 0) for (const name of candidates(searchTokens, travelledDob)) consider(name);

      const ranked = [...best.entries()]
        .filter(([, b]) => b.score >= threshold)
        .sort((a, b) => b[1].score - a[1].score)
        .slice(0, limit);
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
          listed: listedRecordOf(e, entry),
          explanation: explainMatch({
            name: {
              display: b.name >= 0 ? (entry.names[nameIndex] ?? '') : '',
              tokens: b.name >= 0 ? listedTokens(b.name) : [],
            },
            alignment: b.alignment,
            dob: b.dob,
            documentAdjustment: b.documentAdjustment,
            nationality: b.nationality,
            document: b.document,
            documentDecisive: documentHits.has(e),
            documentIssuer: documentHits.get(e) ?? null,
          }),
        };
      });
    },
  };
}
