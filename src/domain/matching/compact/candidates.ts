/**
 * Candidate generation: which listed names a traveller's name is verified against. Names that share
 * two words with the traveller (the pair index), one-word names, rare listed words' names when pairs
 * found few, names holding a word split out of a run-together one, names matching an initial; then a
 * quick rank on vocabulary ids and the date of birth keeps the best few for the full scorer.
 * Scratch arrays are reused per query (a generation stamp instead of clearing): one search per thread.
 */
import type { PartialDate } from '../../dates/partial-date.ts';
import type { NameToken } from '../../names/normalise.ts';
import { BEST_DATE_ADJUSTMENT, packedDateAdjustment } from '../corroborate.ts';
import { lookup, pairHash } from './keyed-postings.ts';
import type { Sections } from './layout.ts';
import type { TopSpelling, WordMatches, wordNeighbourhoods } from './word-neighbourhood.ts';

/** Candidates verified per traveller, the best estimated first. */
const VERIFY = 16;
/** Traveller units (words and joined neighbours) that take part in pair lookups. */
const PAIR_UNITS = 6;
/** A word pair shared by more names than this is too common to walk unless nothing rarer matched. */
const COMMON_PAIR = 1000;
/** Names gathered before larger pairs stop being walked: bounds the cost of very common names. */
const FOUND_CAP = 400;
/** The most a date of birth adds on the quick score's 0–1 scale. */
const MAX_DATE_GAIN = BEST_DATE_ADJUSTMENT / 100;
/** A listed word held by this few names is rare enough to take all its names as candidates. */
const RARE_WORD_NAMES = 24;
/** A listed word held by this few names is taken with all its names, even sharing nothing else. */
const UNIQUE_WORD_NAMES = 2;
/** Names walked for a traveller who gives an initial (J SMITH): bounded for a common surname. */
const INITIAL_WALK = 4000;

export interface CandidateDeps {
  str: (v: number) => string;
  exactVocab: (text: string) => number;
  weightOf: (text: string) => number;
  words: ReturnType<typeof wordNeighbourhoods>;
}

/** Returns the search: the traveller's words and date of birth → the listed names to verify, best first. */
export function candidateSearch(
  s: Sections,
  deps: CandidateDeps,
): (tokens: NameToken[], travelledDob: PartialDate | null) => number[] {
  const { str, exactVocab, weightOf, words } = deps;
  const N = s.nameEntry.length;
  const V = s.vocabStart.length - 1;
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
    dobTraveller = travelledDob;
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
    const pairing = units
      .filter((u) => u.top.length > 0)
      .sort((a, b) => (b.top[0]?.gain ?? 0) - (a.top[0]?.gain ?? 0))
      .slice(0, PAIR_UNITS);
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
      const gain =
        (s.vocabWeight[splitHead[i] as number] as number) + (s.vocabWeight[splitTail[i] as number] as number);
      if (size <= COMMON_PAIR) hits.push({ k, gain, size });
    }
    // Rarest pairs first; once enough names are found, only small pairs are still walked.
    hits.sort((a, b) => a.size - b.size);
    for (const { k, gain, size } of hits) {
      if (found.length >= FOUND_CAP && size > 64) break;
      for (let i = s.pairStart[k] as number; i < (s.pairStart[k + 1] as number); i++)
        add(s.pairNames[i] as number, gain);
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
      for (const x of u.top)
        for (let i = s.soloStart[x.v] as number; i < (s.soloStart[x.v + 1] as number); i++)
          add(s.soloNames[i] as number, x.gain);
    }
    if (n === 1) {
      for (const x of units[0]?.top ?? []) {
        for (let i = s.tokenNamesStart[x.v] as number; i < (s.tokenNamesStart[x.v + 1] as number); i++)
          add(s.tokenNames[i] as number, x.gain);
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
    // Collected only when there is one: most travellers give none, and this runs per traveller.
    let initials: string[] | null = null;
    for (let p = 0; p < n; p++)
      if ((tokens[p] as NameToken).text.length === 1) (initials ??= []).push((tokens[p] as NameToken).text);
    if (initials && initials.length < n) initialCandidates(units, initials, add);
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
            matched +=
              joined >= 0
                ? (s.vocabWeight[joined] as number) * 2
                : (s.vocabWeight[head] as number) + (s.vocabWeight[tail] as number);
            used |= 1 << p;
            break;
          }
        }
      }
    }
    let extra = 0;
    for (let p = 0; p < travelledWeights.length; p++)
      if (!(used & (1 << p))) extra += (travelledWeights[p] as number) * 0.25;
    return matched / Math.max(1e-6, listed + extra);
  };

  return candidates;
}
