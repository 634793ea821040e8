import type { NameToken } from '../names/normalise.ts';
import type { PreparedEntry, TokenWeights } from './prepared-list.ts';

/**
 * Symmetric-delete index over name words: every spelling of every listed word is stored under itself
 * and under each form with one letter deleted; a traveller's word is looked up the same way, so any
 * pair within one edit (including an adjacent swap) meets under a shared key without a scan of the list.
 * Words of three letters or fewer are indexed exactly: one edit of ALI is a different name.
 */
export interface CandidateIndex {
  /** Listed names (entry index, name index) sharing enough words with the traveller to verify. */
  candidates(tokens: NameToken[]): Array<{ entry: number; name: number }>;
  readonly keyCount: number;
}

const DELETE_MIN_LENGTH = 4;
/** Postings longer than this come from very common words; they only count alongside a rarer hit. */
const COMMON_POSTINGS = 2000;
const SINGLE_HIT_CANDIDATES = 64;

export function deletionKeys(word: string): string[] {
  const keys = [word];
  if (word.length >= DELETE_MIN_LENGTH) {
    for (let i = 0; i < word.length; i++) {
      const k = word.slice(0, i) + word.slice(i + 1);
      if (k !== keys[keys.length - 1]) keys.push(k);
    }
  }
  return keys;
}

function tokenKeys(token: NameToken): Set<string> {
  const keys = new Set<string>();
  for (const v of token.variants) for (const k of deletionKeys(v)) keys.add(k);
  if (token.skeleton) keys.add(`#${token.skeleton}`);
  return keys;
}

function packName(entry: number, name: number): number {
  return entry * 256 + name;
}

export function buildCandidateIndex(entries: PreparedEntry[], weights: TokenWeights): CandidateIndex {
  const postings = new Map<string, number[]>();
  const tokenCount: number[] = [];
  entries.forEach((e, ei) => {
    e.names.slice(0, 256).forEach((n, ni) => {
      const id = packName(ei, ni);
      tokenCount[id] = n.tokens.length;
      const seen = new Set<string>();
      const add = (k: string) => {
        if (seen.has(k)) return;
        seen.add(k);
        const list = postings.get(k);
        if (list) list.push(id);
        else postings.set(k, [id]);
      };
      for (const t of n.tokens) {
        for (const k of tokenKeys(t)) add(k);
        // Listed words are also reachable by their consonant skeleton, for travellers written in Arabic script.
        add(`#${t.text.replace(/[AEIOUYW]/g, '').replace(/(.)\1+/g, '$1')}`);
      }
      for (let i = 0; i + 1 < n.tokens.length; i++) add((n.tokens[i] as NameToken).text + (n.tokens[i + 1] as NameToken).text);
    });
  });

  return {
    keyCount: postings.size,
    candidates(tokens) {
      const hits = new Map<number, { mask: number; weight: number }>();
      const travelledUnits: Array<{ token: NameToken; mask: number }> = tokens.map((token, i) => ({ token, mask: 1 << Math.min(i, 30) }));
      for (let i = 0; i + 1 < tokens.length; i++) {
        const a = tokens[i] as NameToken;
        const b = tokens[i + 1] as NameToken;
        travelledUnits.push({ token: { text: a.text + b.text, variants: [a.text + b.text] }, mask: (1 << Math.min(i, 30)) | (1 << Math.min(i + 1, 30)) });
      }
      const deferred: Array<{ list: number[]; mask: number; weight: number }> = [];
      const record = (list: number[], mask: number, weight: number) => {
        for (const id of list) {
          const h = hits.get(id);
          if (!h) hits.set(id, { mask, weight });
          else if ((h.mask & mask) !== mask) {
            h.mask |= mask;
            h.weight += weight;
          }
        }
      };
      for (const u of travelledUnits) {
        const weight = weights.weightOf(u.token.text);
        for (const k of tokenKeys(u.token)) {
          const list = postings.get(k);
          if (!list) continue;
          if (list.length > COMMON_POSTINGS) deferred.push({ list, mask: u.mask, weight });
          else record(list, u.mask, weight);
        }
      }
      // Common words only add to names a rarer word already found, unless nothing else was found.
      if (hits.size === 0) for (const d of deferred) record(d.list, d.mask, d.weight);
      else {
        for (const d of deferred) {
          for (const id of d.list) {
            const h = hits.get(id);
            if (h && (h.mask & d.mask) !== d.mask) {
              h.mask |= d.mask;
              h.weight += d.weight;
            }
          }
        }
      }

      const strong: Array<{ entry: number; name: number }> = [];
      const single: Array<{ id: number; weight: number }> = [];
      const needed = Math.min(2, tokens.length);
      for (const [id, h] of hits) {
        const bits = popcount(h.mask);
        if (bits >= Math.min(needed, tokenCount[id] ?? 1)) strong.push({ entry: Math.floor(id / 256), name: id % 256 });
        else single.push({ id, weight: h.weight });
      }
      // A name with one word hit may still match when its other word carries two typos: verify the rarest few.
      single.sort((a, b) => b.weight - a.weight);
      for (const s of single.slice(0, SINGLE_HIT_CANDIDATES)) strong.push({ entry: Math.floor(s.id / 256), name: s.id % 256 });
      return strong;
    },
  };
}

function popcount(n: number): number {
  let c = 0;
  while (n) {
    n &= n - 1;
    c++;
  }
  return c;
}
