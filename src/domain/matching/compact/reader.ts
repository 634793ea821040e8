import type { WatchlistReason } from '../../contracts/alert.ts';
import type { PartialDate } from '../../dates/partial-date.ts';
import { parsePartialDate } from '../../dates/partial-date.ts';
import type { NameToken } from '../../names/normalise.ts';
import { nameScript, nativeTokens } from '../../names/native-script.ts';
import { tokenisePersonNameParts } from '../../names/normalise.ts';
import { MAX_SEARCH_TOKENS } from '../../names/usable.ts';
import { alignContext, alignNames } from '../align.ts';
import type { DateEvidence } from '../corroborate.ts';
import { compareParsedDates, normaliseDocumentNumber, packedDateAdjustment, withNameEvidence } from '../corroborate.ts';
import { explainMatch } from '../explain.ts';
import type { MatchOptions, MatchSubject } from '../matcher-types.ts';
import type { CompactEntry } from './build.ts';
import { ENTRY_HAS_DOCUMENTS, GIVEN_COUNT_UNKNOWN, packCountry } from './build.ts';
import { findSorted, hash32 } from './hash.ts';
import { lookup, pairHash } from './keyed-postings.ts';
import type { Sections } from './layout.ts';
import { unpack } from './layout.ts';
import type { TopSpelling, WordMatches } from './word-neighbourhood.ts';
import { wordNeighbourhoods } from './word-neighbourhood.ts';

const DOCUMENT_DIFFERS = -3;
/** Candidates verified per traveller, the best estimated first. */
const VERIFY = 16;
/** Traveller units (words and joined neighbours) that take part in pair lookups. */
const PAIR_UNITS = 6;
/** A word pair shared by more names than this is too common to walk unless nothing rarer matched. */
const COMMON_PAIR = 1000;
/** Names gathered before larger pairs stop being walked: bounds the cost of very common names. */
const FOUND_CAP = 400;
/** The most a date of birth adds on the quick score's 0–1 scale (an exact date: +8 points). */
const MAX_DATE_GAIN = 0.08;
/** A listed word held by this few names is rare enough to take all its names as candidates. */
const RARE_WORD_NAMES = 24;
/** A listed word held by this few names is taken with all its names, even sharing nothing else. */
const UNIQUE_WORD_NAMES = 2;
/** Names walked for a traveller who gives an initial (J SMITH): bounded for a common surname. */
const INITIAL_WALK = 4000;

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
  // Scratch space reused by every query: a generation stamp instead of clearing per traveller.
  const stamp = new Uint32Array(N);
  const estimate = new Float32Array(N);
  let generation = 0;
  // Per-query map from a listed spelling to the traveller positions it matches, without a Map.
  const SLOT_WIDTH = 4;
  const vocabStamp = new Uint32Array(V);
  const vocabSlot = new Uint32Array(V);
  let vocabGeneration = 0;
  let slotCount = new Uint8Array(1024);
  let slotPos = new Uint8Array(1024 * SLOT_WIDTH);
  let slotSim = new Float32Array(1024 * SLOT_WIDTH);
  const growSlots = () => {
    const grow = <T extends Uint8Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    slotCount = grow(slotCount, (n) => new Uint8Array(n));
    slotPos = grow(slotPos, (n) => new Uint8Array(n));
    slotSim = grow(slotSim, (n) => new Float32Array(n));
  };

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
    for (let i = s.keyStart[k] as number; i < (s.keyStart[k + 1] as number); i++) if (str(s.keyTokens[i] as number) === text) return s.keyTokens[i] as number;
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
  const entryOf = (e: number): CompactEntry => JSON.parse(decoder.decode(s.entryJsonBytes.slice(s.entryJsonStart[e], s.entryJsonStart[e + 1]))) as CompactEntry;
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
      for (let j = s.formStart[f] as number; j < (s.formStart[f + 1] as number); j++) variants.push(str(s.formVariants[j] as number));
      t = { text: variants[0] as string, variants };
      formTokens[f] = t;
    }
    return t;
  };
  const listedTokens = (name: number): NameToken[] => {
    const out: NameToken[] = [];
    for (let i = s.nameFormStart[name] as number; i < (s.nameFormStart[name + 1] as number); i++) out.push(formToken(s.nameForms[i] as number));
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

  interface Unit {
    first: number;
    last: number;
    /** Listed spellings this traveller unit matches, best first, with weight × similarity. */
    top: readonly TopSpelling[];
  }
  /**
   * Candidates are names that share two words with the traveller, found through the pair index in a
   * few lookups however common each word is; names of a single listed word come from their own
   * postings; a one-word traveller walks every name holding that word.
   */
  const candidates = (tokens: NameToken[], travelledDob: PartialDate | null): number[] => {
    const n = Math.min(tokens.length, 16);
    const units: Unit[] = [];
    const simsByPosition: Array<WordMatches['sims']> = [];
    splitCount = 0;
    // Listed spellings that are two traveller words written joined, at the first word's position.
    const joinedAt: Array<readonly [number, number]> = [];
    for (let p = 0; p < n; p++) {
      const w = words.lookup(tokens[p] as NameToken);
      simsByPosition.push(w.sims);
      units.push({ first: p, last: p, top: w.top });
      for (const [a, b, v] of w.splits) {
        if (splitCount === splitHead.length) break;
        splitHead[splitCount] = a;
        splitTail[splitCount] = b;
        splitJoined[splitCount] = v;
        splitPosition[splitCount++] = p;
      }
    }
    for (let p = 0; p + 1 < n; p++) {
      const v = exactVocab((tokens[p] as NameToken).text + (tokens[p + 1] as NameToken).text);
      if (v >= 0) {
        units.push({ first: p, last: p + 1, top: [{ v, gain: (s.vocabWeight[v] as number) * 2 }] });
        joinedAt.push([p, v]);
      }
    }

    generation = (generation + 1) >>> 0 || 1;
    const found: number[] = [];
    const add = (name: number, gain: number) => {
      if (stamp[name] !== generation) {
        stamp[name] = generation;
        estimate[name] = gain;
        found.push(name);
      } else if ((estimate[name] as number) < gain) estimate[name] = gain;
    };
    // Pairs of common words (VAN DER, DE LOS, MARIA DE) hold thousands of names and say little:
    // they are walked only when no more telling pair found anyone.
    // Long names (ABD AL SALAM ABD AL MALIK MUHAMMAD YUSUF...) pair only their most telling units.
    const pairing = units.filter((u) => u.top.length > 0).sort((a, b) => (b.top[0]?.gain ?? 0) - (a.top[0]?.gain ?? 0)).slice(0, PAIR_UNITS);
    const deferred: Array<{ k: number; gain: number }> = [];
    const hits: Array<{ k: number; gain: number; size: number }> = [];
    for (let a = 0; a < pairing.length; a++) {
      for (let b = a + 1; b < pairing.length; b++) {
        const ua = pairing[a] as Unit;
        const ub = pairing[b] as Unit;
        if (ub.first <= ua.last && ua.first <= ub.last) continue;
        for (const x of ua.top) {
          for (const y of ub.top) {
            const k = lookup(s.pairTable, pairHash(x.v, y.v));
            if (k < 0) continue;
            const size = (s.pairStart[k + 1] as number) - (s.pairStart[k] as number);
            if (size > COMMON_PAIR) deferred.push({ k, gain: x.gain + y.gain });
            else hits.push({ k, gain: x.gain + y.gain, size });
          }
        }
      }
    }
    // A word that is two listed words run together (JOHNSMITH) finds the names holding both.
    for (let i = 0; i < splitCount; i++) {
      const k = lookup(s.pairTable, pairHash(splitHead[i] as number, splitTail[i] as number));
      if (k < 0) continue;
      const size = (s.pairStart[k + 1] as number) - (s.pairStart[k] as number);
      const gain = (s.vocabWeight[splitHead[i] as number] as number) + (s.vocabWeight[splitTail[i] as number] as number);
      if (size <= COMMON_PAIR) hits.push({ k, gain, size });
    }
    // Rarest pairs first; once enough names are found, only small pairs are still walked.
    hits.sort((a, b) => a.size - b.size);
    for (const { k, gain, size } of hits) {
      if (found.length >= FOUND_CAP && size > 64) break;
      for (let i = s.pairStart[k] as number; i < (s.pairStart[k + 1] as number); i++) add(s.pairNames[i] as number, gain);
    }
    if (found.length === 0) {
      deferred.sort((a, b) => b.gain - a.gain);
      for (const { k, gain } of deferred) {
        const end = Math.min(s.pairStart[k + 1] as number, (s.pairStart[k] as number) + COMMON_PAIR * 4);
        for (let i = s.pairStart[k] as number; i < end; i++) add(s.pairNames[i] as number, gain);
        if (found.length >= COMMON_PAIR * 4) break;
      }
    }
    for (const u of units) {
      for (const x of u.top) for (let i = s.soloStart[x.v] as number; i < (s.soloStart[x.v + 1] as number); i++) add(s.soloNames[i] as number, x.gain);
    }
    if (n === 1) {
      for (const x of units[0]?.top ?? []) {
        for (let i = s.tokenNamesStart[x.v] as number; i < (s.tokenNamesStart[x.v + 1] as number); i++) add(s.tokenNames[i] as number, x.gain);
      }
    }
    // Spelling → the traveller positions it matches, in typed scratch arrays stamped per query;
    // filled once, when a walk or the ranking first needs it.
    vocabGeneration = (vocabGeneration + 1) >>> 0 || 1;
    let slots = 0;
    let placed = false;
    const ensurePlaced = () => {
      if (placed) return;
      placed = true;
      const place = (v: number, p: number, similarity: number) => {
        let slot: number;
        if (vocabStamp[v] === vocabGeneration) slot = vocabSlot[v] as number;
        else {
          slot = slots++;
          if (slot >= slotCount.length) growSlots();
          vocabStamp[v] = vocabGeneration;
          vocabSlot[v] = slot;
          slotCount[slot] = 0;
        }
        const k = slotCount[slot] as number;
        if (k < SLOT_WIDTH) {
          slotPos[slot * SLOT_WIDTH + k] = p;
          slotSim[slot * SLOT_WIDTH + k] = similarity;
          slotCount[slot] = k + 1;
        }
      };
      simsByPosition.forEach((sims, p) => {
        for (const [v, c] of sims) place(v, p, c.similarity);
      });
      for (const [p, v] of joinedAt) place(v, p, 1);
    };
    // A rare listed word close to a traveller word finds its few names directly: the pair index needs
    // the other word among the few spellings kept, and a short common word has many equally close.
    // Only as a fallback: when the pairs found few names (walking rare words for every traveller
    // doubled the median time at 1M names).
    // A word found nowhere in the list (two edits on a short word, a garbled one) is what a unique
    // word's names are walked for.
    let garbled = false;
    for (let p = 0; p < n; p++) if ((units[p] as Unit).top.length === 0) garbled = true;
    for (let p = 0; p < n && found.length < VERIFY; p++) {
      const closest = (units[p] as Unit).top[0];
      if (!closest) continue;
      const from = s.tokenNamesStart[closest.v] as number;
      const to = s.tokenNamesStart[closest.v + 1] as number;
      if (to - from > RARE_WORD_NAMES) continue;
      ensurePlaced();
      // A name it holds must share a second word with the traveller (as a pair would), unless the
      // word is so rare that it alone is worth a look (a second word too garbled to be found).
      const unique = garbled && to - from <= UNIQUE_WORD_NAMES;
      for (let i = from; i < to; i++) {
        const name = s.tokenNames[i] as number;
        if (unique || sharedWords(name) >= 2) add(name, closest.gain);
      }
    }
    // An initial (J SMITH) is no spelling to look up: the names holding the other words are walked,
    // those with a word of that initial kept.
    const initials = tokens.slice(0, n).filter((t) => t.text.length === 1).map((t) => t.text);
    if (initials.length > 0 && initials.length < n) initialCandidates(units, initials, add);
    if (found.length <= VERIFY) return found;
    // Rank by a quick alignment on vocabulary ids (no strings): the share of the listed name the
    // traveller's words account for, as the full scorer will judge it, then verify the best few.
    const travelledWeights = tokens.slice(0, n).map((t) => weightOf(t.text));
    ensurePlaced();
    // The best few by quick score, kept in a small sorted list: no sort of every candidate.
    const best: number[] = [];
    let floor = -Infinity;
    for (const name of found) {
      // The date of birth ranks too: on a list with a thousand entries of one common name, it is
      // the only thing that tells the right one from the rest.
      const quick = quickScore(name, travelledWeights);
      // A date can add at most +0.08: a name that cannot reach the kept few is not dated at all.
      if (best.length === VERIFY && quick + MAX_DATE_GAIN <= floor) continue;
      const score = quick + (travelledDob ? datesOf(s.nameEntry[name] as number) : 0);
      estimate[name] = score;
      if (best.length === VERIFY && score <= floor) continue;
      let i = best.length;
      while (i > 0 && (estimate[best[i - 1] as number] as number) < score) i--;
      best.splice(i, 0, name);
      if (best.length > VERIFY) best.pop();
      floor = estimate[best[best.length - 1] as number] as number;
    }
    return best;
  };

  const initialCandidates = (units: Unit[], initials: string[], add: (name: number, gain: number) => void) => {
    let walked = 0;
    for (const u of units) {
      const x = u.top[0];
      if (!x || str(x.v).length === 1) continue;
      const end = Math.min(s.tokenNamesStart[x.v + 1] as number, (s.tokenNamesStart[x.v] as number) + INITIAL_WALK);
      for (let i = s.tokenNamesStart[x.v] as number; i < end && walked < INITIAL_WALK; i++, walked++) {
        const name = s.tokenNames[i] as number;
        for (let f = s.nameFormStart[name] as number; f < (s.nameFormStart[name + 1] as number); f++) {
          if (initials.includes(str(firstSpelling(s.nameForms[f] as number)).charAt(0))) {
            add(name, x.gain);
            break;
          }
        }
      }
    }
  };

  /** The listed name's words in its own script when it is written in `script` alone, else null. */
  const nativeListed = (e: number, nameIndex: number, script: string): NameToken[] | null => {
    const display = entryOf(e).names[nameIndex];
    if (!display || nameScript(display) !== script) return null;
    const words = nativeTokens(display, script);
    return words.length > 0 ? words : null;
  };
  const sameWeight = () => 1;

  let dobTraveller: PartialDate | null = null;
  /** The entry's best date-of-birth adjustment against this query's traveller, on the quick score's 0–1 scale. */
  const datesOf = (e: number): number => {
    const from = s.entryDobStart[e] as number;
    const to = s.entryDobStart[e + 1] as number;
    if (!dobTraveller || from === to) return 0;
    let best = -Infinity;
    for (let i = from; i < to; i++) best = Math.max(best, packedDateAdjustment(dobTraveller, s.entryDobs[i] as number));
    return best / 100;
  };

  // This query's traveller words that are two listed words joined, as parallel arrays quickScore scans.
  const splitHead = new Int32Array(64);
  const splitTail = new Int32Array(64);
  const splitJoined = new Int32Array(64);
  const splitPosition = new Int32Array(64);
  let splitCount = 0;
  const firstSpelling = (f: number) => s.formVariants[s.formStart[f] as number] as number;

  /** How many of a listed name's words match some traveller word (the slots must be placed). */
  const sharedWords = (name: number): number => {
    let shared = 0;
    for (let i = s.nameFormStart[name] as number; i < (s.nameFormStart[name + 1] as number); i++) {
      const f = s.nameForms[i] as number;
      for (let j = s.formStart[f] as number; j < (s.formStart[f + 1] as number); j++) {
        if (vocabStamp[s.formVariants[j] as number] === vocabGeneration) {
          shared++;
          break;
        }
      }
    }
    return shared;
  };

  const quickScore = (name: number, travelledWeights: number[]): number => {
    let used = 0;
    let matched = 0;
    let listed = 0;
    let unmatchedForms = 0;
    const from = s.nameFormStart[name] as number;
    const to = s.nameFormStart[name + 1] as number;
    for (let i = from; i < to; i++) {
      const f = s.nameForms[i] as number;
      const w = s.vocabWeight[s.formVariants[s.formStart[f] as number] as number] as number;
      listed += w;
      let best = 0;
      let bestP = -1;
      for (let j = s.formStart[f] as number; j < (s.formStart[f + 1] as number); j++) {
        const v = s.formVariants[j] as number;
        if (vocabStamp[v] !== vocabGeneration) continue;
        const slot = vocabSlot[v] as number;
        for (let h = 0; h < (slotCount[slot] as number); h++) {
          const p = slotPos[slot * SLOT_WIDTH + h] as number;
          const sim = slotSim[slot * SLOT_WIDTH + h] as number;
          if (!(used & (1 << p)) && sim * w > best) {
            best = sim * w;
            bestP = p;
          }
        }
      }
      if (bestP >= 0) {
        matched += best;
        used |= 1 << bestP;
      } else unmatchedForms++;
    }
    // Two listed words left over may be one travelled word written joined (ABDUL RAHMAN / ABDULRAHMAN).
    const allUsed = used === (1 << travelledWeights.length) - 1;
    if (unmatchedForms >= 2 && !allUsed && splitCount > 0) {
      for (let i = from; i + 1 < to; i++) {
        const head = firstSpelling(s.nameForms[i] as number);
        const tail = firstSpelling(s.nameForms[i + 1] as number);
        for (let k = 0; k < splitCount; k++) {
          const p = splitPosition[k] as number;
          if (splitHead[k] === head && splitTail[k] === tail && !(used & (1 << p))) {
            const joined = splitJoined[k] as number;
            matched += joined >= 0 ? (s.vocabWeight[joined] as number) * 2 : (s.vocabWeight[head] as number) + (s.vocabWeight[tail] as number);
            used |= 1 << p;
            break;
          }
        }
      }
    }
    let extra = 0;
    for (let p = 0; p < travelledWeights.length; p++) if (!(used & (1 << p))) extra += (travelledWeights[p] as number) * 0.25;
    return matched / Math.max(1e-6, listed + extra);
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
      const searchTokens = tokens.length <= MAX_SEARCH_TOKENS ? tokens : [...given.slice(0, Math.max(0, MAX_SEARCH_TOKENS - surname.length)), ...surname.slice(0, MAX_SEARCH_TOKENS)];
      const ctx = alignContext(tokens);
      // Both sides in the same non-Latin script: compared as written (see names/native-script.ts).
      const travellerScript = nameScript(`${subject.givenNames} ${subject.surname}`);
      const travellerNative = travellerScript ? nativeTokens(`${subject.givenNames} ${subject.surname}`, travellerScript) : [];
      const nativeTraveller = travellerScript && travellerNative.length > 0 ? { script: travellerScript, tokens: travellerNative, ctx: alignContext(travellerNative) } : null;
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

      const best = new Map<number, { score: number; name: number; alignment: ReturnType<typeof alignNames>; dob: DateEvidence; documentAdjustment: number; nationality: 'agrees' | 'differs' | 'unknown'; document: 'agrees' | 'differs' | 'unknown' }>();
      type Verdict = 'agrees' | 'differs' | 'unknown';
      const consider = (name: number, documentEntry?: number) => {
        const e = name >= 0 ? (s.nameEntry[name] as number) : (documentEntry as number);
        const givenCount = name >= 0 ? (s.nameGivenCount[name] as number) : GIVEN_COUNT_UNKNOWN;
        const native = nativeTraveller && name >= 0 ? nativeListed(e, name - firstNameOf(e), nativeTraveller.script) : null;
        const alignment = native && nativeTraveller
          ? alignNames(native, nativeTraveller.tokens, sameWeight, nativeTraveller.ctx)
          : alignNames(name >= 0 ? listedTokens(name) : [], tokens, weightOf, ctx, givenCount === GIVEN_COUNT_UNKNOWN ? undefined : givenCount);
        const dobs: PartialDate[] = [];
        for (let i = s.entryDobStart[e] as number; i < (s.entryDobStart[e + 1] as number); i++) dobs.push(unpackDate(s.entryDobs[i] as number));
        const dob = withNameEvidence(compareParsedDates(travelledDob, dobs), alignment.score >= 100);
        let nationality: 'agrees' | 'differs' | 'unknown' = 'unknown';
        if (travelledNat !== null && (s.entryNatStart[e + 1] as number) > (s.entryNatStart[e] as number)) {
          nationality = 'differs';
          for (let i = s.entryNatStart[e] as number; i < (s.entryNatStart[e + 1] as number); i++) if (s.entryNats[i] === travelledNat) nationality = 'agrees';
        }
        const documentAgrees = documentHits.has(e);
        const listsDocuments = ((s.entryFlags[e] as number) & ENTRY_HAS_DOCUMENTS) !== 0;
        const document: Verdict = documentAgrees ? 'agrees' : listsDocuments && subject.documents.length > 0 ? 'differs' : 'unknown';
        // Nationality is shown to officers and never changes a score.
        const documentAdjustment = document === 'differs' ? DOCUMENT_DIFFERS : 0;
        let score = alignment.score + dob.adjustment + documentAdjustment;
        score = documentAgrees ? 100 : Math.max(0, Math.min(100, score));
        score = Math.round(score * 10) / 10;
        const prev = best.get(e);
        if (!prev || prev.score < score) best.set(e, { score, name, alignment, dob, documentAdjustment, nationality, document });
      };
      for (const e of documentHits.keys()) {
        const first = firstNameOf(e);
        if (first >= N || s.nameEntry[first] !== e) consider(-1, e);
        for (let name = first; name < N && s.nameEntry[name] === e; name++) consider(name);
      }
      dobTraveller = travelledDob;
      if (searchTokens.length > 0) for (const name of candidates(searchTokens, travelledDob)) consider(name);

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
