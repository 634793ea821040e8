import type { WatchlistEntry } from '../../contracts/watchlist.ts';
import { datesOfBirth, nationalities } from '../../contracts/watchlist.ts';
import { parsePartialDate } from '../../dates/partial-date.ts';
import { COMMON_NAME_TOKENS } from '../../names/common-tokens.ts';
import { consonantSkeleton } from '../../names/normalise.ts';
import { normaliseDocumentNumber } from '../corroborate.ts';
import { prepareEntry } from '../prepared-list.ts';
import { hash32 } from './hash.ts';
import { buildKeyedPostings, pairHash, PairList } from './keyed-postings.ts';
import { deletionHashes, joinsWithNeighbour, skeletonKey } from './keys.ts';
import type { Sections } from './layout.ts';
import { pack } from './layout.ts';

/** Growable Uint32 list: a million names would make JS number arrays needlessly heavy. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

export const ENTRY_HAS_DOCUMENTS = 1;
/** The list gave the name whole: which words are the surname is not known. */
export const GIVEN_COUNT_UNKNOWN = 255;
const COMMON_WEIGHT = 0.35;
const MIN_WEIGHT = 0.15;
/** Spellings per word that take part in word pairs (ICAO form first): bounds pairs per name. */
const PAIR_VARIANTS = 3;

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function packDate(text: string): number | null {
  const d = parsePartialDate(text);
  return d ? d.year * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0) : null;
}

export function packCountry(code: string): number {
  return (code.charCodeAt(0) << 16) | (code.charCodeAt(1) << 8) | code.charCodeAt(2);
}

/** What the reader needs to turn a verified candidate into an officer's reason. */
export interface CompactEntry {
  id: string;
  list: string;
  category: WatchlistEntry['category'];
  action: WatchlistEntry['action'];
  names: string[];
  documents: Array<{ number: string; issuingCountry?: string }>;
  /** The list's remarks, cut to MAX_NOTES: shown to officers beside the match. */
  notes?: string;
}

/** Remarks kept in the index per entry: enough to read beside a match, bounded for a million entries. */
export const MAX_NOTES = 600;

export type BuildProgress = (phase: string, done: number, total: number) => void;

/** CSR arrays from (group, value) pairs where groups are dense ids 0..groups-1. */
function csr(pairs: PairList, groups: number): { start: Uint32Array; values: Uint32Array } {
  const start = new Uint32Array(groups + 1);
  for (let i = 0; i < pairs.length; i++) start[(pairs.keys[i] as number) + 1]! += 1;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g] as number;
  const cursor = start.slice(0, groups);
  const values = new Uint32Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) values[cursor[pairs.keys[i] as number]!++] = pairs.values[i] as number;
  return { start, values };
}

/**
 * Builds the shared name index (see src/domain/matching/README.md for the structure and its costs):
 * a vocabulary of listed spellings, their deletion neighbourhoods hashed to 32 bits, the pairs of
 * spellings that occur together in one name, and the entry facts scoring needs, packed into one
 * SharedArrayBuffer. Hash collisions only add candidates, which verification rejects.
 */
export function buildCompactIndex(entries: WatchlistEntry[], progress?: BuildProgress): SharedArrayBuffer {
  const vocab = new Map<string, number>();
  const vocabList: string[] = [];
  // Joined neighbours (ABDUL+RAHMAN) are indexed under their exact spelling only: a typo inside a
  // joined form is rare, and their deletion neighbourhoods would dominate the index.
  const joinedVocab = new Set<number>();
  const vocabId = (s: string) => {
    let id = vocab.get(s);
    if (id === undefined) {
      id = vocabList.length;
      vocab.set(s, id);
      vocabList.push(s);
    }
    return id;
  };
  const forms = new Map<string, number>();
  const formStart = new U32List();
  const formVariants = new U32List();
  const nameEntry = new U32List();
  const nameFormStart = new U32List();
  const nameForms = new U32List();
  const nameGivenCount: number[] = [];
  const tokenPostings = new PairList();
  const soloPostings = new PairList();
  const pairPostings = new PairList();
  const entryDobStart = new U32List();
  const entryDobs: number[] = [];
  const entryNatStart = new U32List();
  const entryNats = new U32List();
  const entryJson: string[] = [];
  const entryFlags = new Uint8Array(entries.length);
  const docPostings = new PairList();
  formStart.push(0);
  nameFormStart.push(0);

  const formId = (variants: string[]) => {
    const key = variants.join('|');
    let id = forms.get(key);
    if (id === undefined) {
      id = forms.size;
      forms.set(key, id);
      for (const v of variants) formVariants.push(vocabId(v));
      formStart.push(formVariants.length);
    }
    return id;
  };

  entries.forEach((entry, ei) => {
    if (progress && ei % 50_000 === 0) progress('names', ei, entries.length);
    const prepared = prepareEntry(entry);
    for (const name of prepared.names) {
      const nameId = nameEntry.length;
      nameEntry.push(ei);
      nameGivenCount.push(
        name.givenCount === undefined ? GIVEN_COUNT_UNKNOWN : Math.min(name.givenCount, GIVEN_COUNT_UNKNOWN - 1),
      );
      // Units: each word (its spellings), and short words joined to their neighbour (ABDUL+RAHMAN).
      const units: Array<{ ids: number[]; first: number; last: number }> = [];
      name.tokens.forEach((t, i) => {
        nameForms.push(formId(t.variants));
        const ids = t.variants.slice(0, PAIR_VARIANTS).map(vocabId);
        for (const id of ids) joinedVocab.delete(id);
        units.push({ ids, first: i, last: i });
        const next = name.tokens[i + 1];
        if (next && (joinsWithNeighbour(t.text) || joinsWithNeighbour(next.text))) {
          const joined = t.text + next.text;
          const known = vocab.has(joined);
          const id = vocabId(joined);
          if (!known) joinedVocab.add(id);
          units.push({ ids: [id], first: i, last: i + 1 });
        }
      });
      nameFormStart.push(nameForms.length);
      const seen = new Set<number>();
      for (const u of units) {
        for (const v of u.ids) {
          if (!seen.has(v)) tokenPostings.push(v, nameId);
          seen.add(v);
        }
      }
      if (name.tokens.length === 1) for (const v of units[0]?.ids ?? []) soloPostings.push(v, nameId);
      const pairs = new Set<number>();
      for (let a = 0; a < units.length; a++) {
        for (let b = a + 1; b < units.length; b++) {
          const ua = units[a] as (typeof units)[number];
          const ub = units[b] as (typeof units)[number];
          if (ub.first <= ua.last) continue; // overlapping units never pair
          for (const x of ua.ids) for (const y of ub.ids) pairs.add(pairHash(x, y));
        }
      }
      for (const h of pairs) pairPostings.push(h, nameId);
    }
    entryDobStart.push(entryDobs.length);
    for (const d of datesOfBirth(entry)) {
      const p = packDate(d);
      if (p !== null) entryDobs.push(p);
    }
    entryNatStart.push(entryNats.length);
    for (const n of nationalities(entry)) entryNats.push(packCountry(n));
    const compact: CompactEntry = {
      id: entry.id,
      list: entry.list,
      category: entry.category,
      action: entry.action,
      names: prepared.names.map((n) => n.display),
      documents: (entry.documents ?? []).map((d) =>
        d.issuingCountry ? { number: d.number, issuingCountry: d.issuingCountry } : { number: d.number },
      ),
      ...(entry.notes ? { notes: entry.notes.slice(0, MAX_NOTES) } : {}),
    };
    entryJson.push(JSON.stringify(compact));
    if ((entry.documents?.length ?? 0) > 0) entryFlags[ei] = ENTRY_HAS_DOCUMENTS;
    for (const d of entry.documents ?? []) {
      const number = normaliseDocumentNumber(d.number);
      // The number alone finds the entry: an issuer that differs or is unknown must not hide it.
      docPostings.push(hash32(`:${number}`), ei);
    }
  });
  entryDobStart.push(entryDobs.length);
  entryNatStart.push(entryNats.length);

  progress?.('postings', 0, 1);
  const V = vocabList.length;
  const N = nameEntry.length;
  const tokenNames = csr(tokenPostings, V);
  const solo = csr(soloPostings, V);
  const vocabWeight = new Float32Array(V);
  const maxIdf = Math.log(1 + N) || 1;
  for (let v = 0; v < V; v++) {
    const df = (tokenNames.start[v + 1] as number) - (tokenNames.start[v] as number) || 1;
    const w = Math.max(MIN_WEIGHT, Math.min(1, Math.log(1 + N / df) / maxIdf));
    vocabWeight[v] = COMMON_NAME_TOKENS.has(vocabList[v] as string) ? Math.min(w, COMMON_WEIGHT) : w;
  }

  progress?.('keys', 0, V);
  const keyPairs = new PairList();
  const hashes: number[] = [];
  for (let v = 0; v < V; v++) {
    if (progress && v % 100_000 === 0) progress('keys', v, V);
    const word = vocabList[v] as string;
    hashes.length = 0;
    if (joinedVocab.has(v)) hashes.push(hash32(word));
    else {
      deletionHashes(word, hashes);
      hashes.push(hash32(skeletonKey(consonantSkeleton(word))));
    }
    for (const h of hashes) keyPairs.push(h, v);
  }
  const keys = buildKeyedPostings(keyPairs.keys, keyPairs.values, keyPairs.length);
  progress?.('pairs', 0, 1);
  const pairs = buildKeyedPostings(pairPostings.keys, pairPostings.values, pairPostings.length);
  const docs = buildKeyedPostings(docPostings.keys, docPostings.values, docPostings.length);

  progress?.('pack', 0, 1);
  const encoder = new TextEncoder();
  const vocabBytes = encoder.encode(vocabList.join(''));
  const vocabStart = new Uint32Array(V + 1);
  for (let v = 0; v < V; v++) vocabStart[v + 1] = (vocabStart[v] as number) + (vocabList[v] as string).length;
  const jsonBytes = encoder.encode(entryJson.join(''));
  const entryJsonStart = new Uint32Array(entryJson.length + 1);
  for (let e = 0; e < entryJson.length; e++)
    entryJsonStart[e + 1] = (entryJsonStart[e] as number) + utf8Length(entryJson[e] as string);

  const sections: Sections = {
    vocabBytes,
    vocabStart,
    vocabWeight,
    formStart: formStart.toArray(),
    formVariants: formVariants.toArray(),
    nameEntry: nameEntry.toArray(),
    nameFormStart: nameFormStart.toArray(),
    nameForms: nameForms.toArray(),
    nameGivenCount: Uint8Array.from(nameGivenCount),
    tokenNamesStart: tokenNames.start,
    tokenNames: tokenNames.values,
    soloStart: solo.start,
    soloNames: solo.values,
    keyHashes: keys.hashes,
    keyStart: keys.starts,
    keyTokens: keys.values,
    keyTable: keys.table,
    pairHashes: pairs.hashes,
    pairStart: pairs.starts,
    pairNames: pairs.values,
    pairTable: pairs.table,
    entryDobStart: entryDobStart.toArray(),
    entryDobs: Int32Array.from(entryDobs),
    entryNatStart: entryNatStart.toArray(),
    entryNats: entryNats.toArray(),
    entryFlags,
    entryJsonStart,
    entryJsonBytes: jsonBytes,
    docHashes: docs.hashes,
    docStart: docs.starts,
    docEntries: docs.values,
  };
  return pack(sections);
}
