import { LRUCache } from 'lru-cache';
import type { NameToken } from '../../names/normalise.ts';
import type { TokenComparison } from '../token-match.ts';
import { equivalentSpellings } from '../../names/equivalences.ts';
import { compareTokens } from '../token-match.ts';
import { hash32 } from './hash.ts';
import { lookup } from './keyed-postings.ts';
import { deletionHashes, joinsWithNeighbour, skeletonKey } from './keys.ts';
import type { Sections } from './layout.ts';

/** A deletion key shared by more spellings than this is skipped: short-word neighbourhoods are crowded. */
const CROWDED_KEY = 200;
const CROWDED_KEY_TWO_DELETIONS = 24;
/**
 * Listed spellings kept per traveller word for pair lookups. Short words have many equally close
 * neighbours, so the few kept must not be chosen blindly: exact and same-name spellings first.
 */
const TOP_SPELLINGS = 6;
/** A word the list does not know, this long or longer, may be two names run together (JOHNSMITH). */
const MIN_RUN_TOGETHER = 6;
/** Listed spellings remembered across traveller words, per thread (a few tens of MB at most). */
const WORD_CACHE_SPELLINGS = 500_000;

/** A listed spelling a traveller word matches, with its rarity weight × similarity. */
export interface TopSpelling {
  v: number;
  gain: number;
}

/** What the list holds close to one traveller word: every near spelling, and the best few. */
export interface WordMatches {
  sims: ReadonlyArray<readonly [number, TokenComparison]>;
  top: readonly TopSpelling[];
  /** The word read as two listed words written joined (ABDULRAHMAN = ABDUL + RAHMAN): their spellings and the joined one. */
  splits: ReadonlyArray<readonly [number, number, number]>;
}

/**
 * The listed spellings near a traveller's word, found through the deletion keys and verified with
 * the token comparer, remembered per thread: travellers' words repeat (MARIA, JOHN, SMITH).
 */
export function wordNeighbourhoods(
  s: Sections,
  exactVocab: (text: string) => number,
  vocabToken: (v: number) => NameToken,
) {
  const V = s.vocabStart.length - 1;
  /** Listed spellings close enough to a traveller's word, found through the deletion keys. */
  const keyHashesScratch: number[] = [];
  const checked = new Uint32Array(V);
  let checkGeneration = 0;
  const similar = (unit: NameToken, into: Map<number, TokenComparison>) => {
    checkGeneration = (checkGeneration + 1) >>> 0 || 1;
    const visitHash = (h: number, crowdLimit = Infinity) => {
      const k = lookup(s.keyTable, h);
      if (k < 0) return;
      if ((s.keyStart[k + 1] as number) - (s.keyStart[k] as number) > crowdLimit) return;
      for (let i = s.keyStart[k] as number; i < (s.keyStart[k + 1] as number); i++) {
        const v = s.keyTokens[i] as number;
        if (checked[v] === checkGeneration) continue;
        checked[v] = checkGeneration;
        const c = compareTokens(vocabToken(v), unit);
        if (c && c.how !== 'initial') {
          const prev = into.get(v);
          if (!prev || prev.similarity < c.similarity) into.set(v, c);
        }
      }
    };
    unit.variants.forEach((variant, i) => {
      // Typos are looked for around the two main spellings; further spellings are looked up exactly.
      // A word the list knows exactly is searched one edit around it; an unknown word, two.
      if (i >= 2) return visitHash(hash32(variant));
      keyHashesScratch.length = 0;
      deletionHashes(variant, keyHashesScratch, exactVocab(variant) >= 0 ? 1 : 2);
      // The word itself first; a deletion shared by hundreds of spellings (HAN, MAR) is noise, and
      // two-letter deletions of an unknown long word are more crowded still.
      const oneDeletion = variant.length;
      keyHashesScratch.forEach((h, j) =>
        visitHash(h, j === 0 ? Infinity : j <= oneDeletion ? CROWDED_KEY : CROWDED_KEY_TWO_DELETIONS),
      );
    });
    if (unit.skeleton) visitHash(hash32(skeletonKey(unit.skeleton)));
    // Nicknames and other romanisations are looked up by their exact spellings.
    for (const variant of unit.variants.slice(0, 2))
      for (const other of equivalentSpellings(variant)) visitHash(hash32(other));
  };

  /**
   * Cuts of a traveller word into two listed spellings (ABDULRAHMAN = ABDUL + RAHMAN, JOHNSMITH =
   * JOHN + SMITH). The list indexes a joined pair only when one side is short (keys.ts); longer run-
   * together words are cut wherever both halves are listed spellings of at least two letters, and
   * carry the head's id as their joined id when the list never saw them written together.
   */
  const splitsOf = (token: NameToken): WordMatches['splits'] => {
    const out: Array<readonly [number, number, number]> = [];
    for (const variant of token.variants.slice(0, 2)) {
      const joined = exactVocab(variant);
      if (joined < 0 && variant.length < MIN_RUN_TOGETHER) continue;
      for (let k = 2; k <= variant.length - 2; k++) {
        const head = variant.slice(0, k);
        const tail = variant.slice(k);
        if (joined >= 0 && !joinsWithNeighbour(head) && !joinsWithNeighbour(tail)) continue;
        const a = exactVocab(head);
        const b = a < 0 ? -1 : exactVocab(tail);
        if (b >= 0) out.push([a, b, joined >= 0 ? joined : -1]);
      }
    }
    return out;
  };

  // Travellers' words repeat (MARIA, JOHN, SMITH): their neighbourhoods are remembered per thread.
  const wordCache = new LRUCache<string, WordMatches>({
    maxSize: WORD_CACHE_SPELLINGS,
    sizeCalculation: (w) => w.sims.length + 1,
  });
  let wordLookups = 0;
  let wordHits = 0;
  const wordMatches = (token: NameToken): WordMatches => {
    const key = token.skeleton ? `${token.variants.join(' ')}|${token.skeleton}` : token.variants.join(' ');
    wordLookups++;
    let w = wordCache.get(key);
    if (w) wordHits++;
    else {
      const sims = new Map<number, TokenComparison>();
      similar(token, sims);
      const list = [...sims];
      w = { sims: list, top: topOf(list), splits: splitsOf(token) };
      wordCache.set(key, w);
    }
    return w;
  };

  // The closest spellings first (an exact common word beats a rare near-miss), rarer first among equals.
  const topOf = (sims: WordMatches['sims']): readonly TopSpelling[] =>
    sims
      .map(([v, c]) => ({ v, gain: (s.vocabWeight[v] as number) * c.similarity, similarity: c.similarity }))
      .sort((a, b) => b.similarity - a.similarity || b.gain - a.gain)
      .slice(0, TOP_SPELLINGS)
      .map(({ v, gain }) => ({ v, gain }));

  return {
    lookup: wordMatches,
    stats: () => ({ lookups: wordLookups, hits: wordHits }),
  };
}
