import type { WatchlistEntry } from '../../contracts/watchlist.ts';
import { datesOfBirth, nationalities } from '../../contracts/watchlist.ts';
import { parsePartialDate } from '../../dates/partial-date.ts';
import { COMMON_NAME_TOKENS } from '../../names/common-tokens.ts';
import { consonantSkeleton } from '../../names/normalise.ts';
import { normaliseDocumentNumber } from '../corroborate.ts';
import { prepareEntry } from '../prepared-list.ts';
import { hash32 } from './hash.ts';
import { deletionNeighbourhood, joinsWithNeighbour, skeletonKey } from './keys.ts';
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
const COMMON_WEIGHT = 0.35;
const MIN_WEIGHT = 0.15;

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
}

export interface BuildProgress {
  (phase: string, done: number, total: number): void;
}

/**
 * Builds the shared name index. Costs at build: every listed spelling once in a vocabulary, its
 * deletion neighbourhood hashed to 32 bits and sorted as (hash, spelling) pairs, then laid out as
 * CSR arrays. Hash collisions only add candidates, which verification then rejects.
 */
export function buildCompactIndex(entries: WatchlistEntry[], progress?: BuildProgress): SharedArrayBuffer {
  const vocab = new Map<string, number>();
  const vocabList: string[] = [];
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
  const postingPairs = new U32List(); // (vocab id, name id) pairs
  const entryDobStart = new U32List();
  const entryDobs: number[] = [];
  const entryNatStart = new U32List();
  const entryNats = new U32List();
  const entryJson: string[] = [];
  const entryFlags = new Uint8Array(entries.length);
  const docPairs: Array<[number, number]> = [];
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
      const seen = new Set<number>();
      const post = (v: number) => {
        if (seen.has(v)) return;
        seen.add(v);
        postingPairs.push(v);
        postingPairs.push(nameId);
      };
      name.tokens.forEach((t, i) => {
        const f = formId(t.variants);
        nameForms.push(f);
        for (const v of t.variants) post(vocabId(v));
        const next = name.tokens[i + 1];
        if (next && (joinsWithNeighbour(t.text) || joinsWithNeighbour(next.text))) post(vocabId(t.text + next.text));
      });
      nameFormStart.push(nameForms.length);
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
      documents: (entry.documents ?? []).map((d) => (d.issuingCountry ? { number: d.number, issuingCountry: d.issuingCountry } : { number: d.number })),
    };
    entryJson.push(JSON.stringify(compact));
    if ((entry.documents?.length ?? 0) > 0) entryFlags[ei] = ENTRY_HAS_DOCUMENTS;
    for (const d of entry.documents ?? []) {
      const number = normaliseDocumentNumber(d.number);
      docPairs.push([hash32(`:${number}`), ei]);
      if (d.issuingCountry) docPairs.push([hash32(`${d.issuingCountry}:${number}`), ei]);
    }
  });
  entryDobStart.push(entryDobs.length);
  entryNatStart.push(entryNats.length);

  // Spelling → names (CSR), and rarity weights from how many names carry each spelling.
  progress?.('postings', 0, 1);
  const V = vocabList.length;
  const N = nameEntry.length;
  const counts = new Uint32Array(V + 1);
  for (let i = 0; i < postingPairs.length; i += 2) counts[(postingPairs.data[i] as number) + 1]! += 1;
  const tokenNamesStart = new Uint32Array(V + 1);
  for (let v = 0; v < V; v++) tokenNamesStart[v + 1] = (tokenNamesStart[v] as number) + (counts[v + 1] as number);
  const cursor = tokenNamesStart.slice(0, V);
  const tokenNames = new Uint32Array(postingPairs.length / 2);
  for (let i = 0; i < postingPairs.length; i += 2) {
    const v = postingPairs.data[i] as number;
    tokenNames[cursor[v]!++] = postingPairs.data[i + 1] as number;
  }
  const vocabWeight = new Float32Array(V);
  const maxIdf = Math.log(1 + N) || 1;
  for (let v = 0; v < V; v++) {
    const df = (tokenNamesStart[v + 1] as number) - (tokenNamesStart[v] as number) || 1;
    const w = Math.max(MIN_WEIGHT, Math.min(1, Math.log(1 + N / df) / maxIdf));
    vocabWeight[v] = COMMON_NAME_TOKENS.has(vocabList[v] as string) ? Math.min(w, COMMON_WEIGHT) : w;
  }

  // Deletion keys: (hash << 32 | vocab id), sorted, then grouped by hash.
  progress?.('keys', 0, V);
  let pairs = new BigUint64Array(Math.max(1024, V * 16));
  let nPairs = 0;
  for (let v = 0; v < V; v++) {
    if (progress && v % 100_000 === 0) progress('keys', v, V);
    const s = vocabList[v] as string;
    const keys = deletionNeighbourhood(s);
    keys.push(skeletonKey(consonantSkeleton(s)));
    if (nPairs + keys.length > pairs.length) {
      const grown = new BigUint64Array(pairs.length * 2);
      grown.set(pairs);
      pairs = grown;
    }
    for (const k of keys) pairs[nPairs++] = (BigInt(hash32(k)) << 32n) | BigInt(v);
  }
  const sorted = pairs.subarray(0, nPairs).sort();
  const keyHashes = new U32List();
  const keyStart = new U32List();
  const keyTokens = new U32List();
  let lastHash = -1;
  let lastToken = -1;
  for (let i = 0; i < nPairs; i++) {
    const p = sorted[i] as bigint;
    const h = Number(p >> 32n);
    const v = Number(p & 0xffffffffn);
    if (h !== lastHash) {
      keyHashes.push(h);
      keyStart.push(keyTokens.length);
      lastHash = h;
      lastToken = -1;
    }
    if (v !== lastToken) keyTokens.push(v);
    lastToken = v;
  }
  keyStart.push(keyTokens.length);

  // Document numbers: hash → entries.
  docPairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const docHashes = new U32List();
  const docStart = new U32List();
  const docEntries = new U32List();
  let lastDoc = -1;
  for (const [h, e] of docPairs) {
    if (h !== lastDoc) {
      docHashes.push(h);
      docStart.push(docEntries.length);
      lastDoc = h;
    }
    docEntries.push(e);
  }
  docStart.push(docEntries.length);

  progress?.('pack', 0, 1);
  const encoder = new TextEncoder();
  const vocabBytes = encoder.encode(vocabList.join(''));
  const vocabStart = new Uint32Array(V + 1);
  for (let v = 0; v < V; v++) vocabStart[v + 1] = (vocabStart[v] as number) + (vocabList[v] as string).length;
  const jsonBytes = encoder.encode(entryJson.join(''));
  const entryJsonStart = new Uint32Array(entryJson.length + 1);
  // Byte offsets: compact JSON may hold non-ASCII (list names, display names), so measure bytes.
  for (let e = 0; e < entryJson.length; e++) entryJsonStart[e + 1] = (entryJsonStart[e] as number) + utf8Length(entryJson[e] as string);

  const sections: Sections = {
    vocabBytes,
    vocabStart,
    vocabWeight,
    formStart: formStart.toArray(),
    formVariants: formVariants.toArray(),
    nameEntry: nameEntry.toArray(),
    nameFormStart: nameFormStart.toArray(),
    nameForms: nameForms.toArray(),
    tokenNamesStart,
    tokenNames,
    keyHashes: keyHashes.toArray(),
    keyStart: keyStart.toArray(),
    keyTokens: keyTokens.toArray(),
    entryDobStart: entryDobStart.toArray(),
    entryDobs: Int32Array.from(entryDobs),
    entryNatStart: entryNatStart.toArray(),
    entryNats: entryNats.toArray(),
    entryFlags,
    entryJsonStart,
    entryJsonBytes: jsonBytes,
    docHashes: docHashes.toArray(),
    docStart: docStart.toArray(),
    docEntries: docEntries.toArray(),
  };
  return pack(sections);
}
