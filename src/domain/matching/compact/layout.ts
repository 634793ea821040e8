/**
 * The whole index lives in ONE SharedArrayBuffer so that a worker receives it as a single handle and
 * reads it in place: no copy, no rebuild per worker. A small header lists each section's offset and
 * length; sections are typed arrays aligned to 8 bytes.
 */
export const SECTIONS = [
  'vocabBytes', // Uint8: every listed spelling, ASCII, concatenated
  'vocabStart', // Uint32[V+1]
  'vocabWeight', // Float32[V]: rarity weight of the spelling
  'formStart', // Uint32[F+1]: a form is one listed word with its spellings (first = ICAO)
  'formVariants', // Uint32: vocab ids
  'nameEntry', // Uint32[N]: listed name → entry
  'nameFormStart', // Uint32[N+1]
  'nameForms', // Uint32: form ids, in name order
  'nameGivenCount', // Uint8[N]: leading forms that are given names (the rest the surname); 255 = not told apart
  'tokenNamesStart', // Uint32[V+1]: spelling → names that contain it
  'tokenNames', // Uint32
  'soloStart', // Uint32[V+1]: spelling → names of that one word alone
  'soloNames', // Uint32
  'keyHashes', // Uint32[K], sorted: hashes of spellings, their deletions and consonant skeletons
  'keyStart', // Uint32[K+1]
  'keyTokens', // Uint32: vocab ids
  'keyTable', // Uint32: open-addressing slots into keyHashes (+1)
  'pairHashes', // Uint32[P], sorted: hashes of two spellings found together in one name
  'pairStart', // Uint32[P+1]
  'pairNames', // Uint32: name ids
  'pairTable', // Uint32
  'entryDobStart', // Uint32[E+1]
  'entryDobs', // Int32: year*10000 + month*100 + day (0 for a missing part)
  'entryNatStart', // Uint32[E+1]
  'entryNats', // Uint32: three letters packed
  'entryFlags', // Uint8[E]: bit 0 = the entry lists documents
  'entryJsonStart', // Uint32[E+1]
  'entryJsonBytes', // Uint8: compact JSON per entry (ids, list, category, action, names, documents)
  'docHashes', // Uint32[D], sorted: hashes of "COUNTRY:NUMBER" and ":NUMBER"
  'docStart', // Uint32[D+1]
  'docEntries', // Uint32
] as const;
export type SectionName = (typeof SECTIONS)[number];

type ArrayKind = 'u8' | 'u32' | 'i32' | 'f32';
export const SECTION_KIND = {
  vocabBytes: 'u8',
  vocabStart: 'u32',
  vocabWeight: 'f32',
  formStart: 'u32',
  formVariants: 'u32',
  nameEntry: 'u32',
  nameFormStart: 'u32',
  nameForms: 'u32',
  nameGivenCount: 'u8',
  tokenNamesStart: 'u32',
  tokenNames: 'u32',
  soloStart: 'u32',
  soloNames: 'u32',
  keyHashes: 'u32',
  keyStart: 'u32',
  keyTokens: 'u32',
  keyTable: 'u32',
  pairHashes: 'u32',
  pairStart: 'u32',
  pairNames: 'u32',
  pairTable: 'u32',
  entryDobStart: 'u32',
  entryDobs: 'i32',
  entryNatStart: 'u32',
  entryNats: 'u32',
  entryFlags: 'u8',
  entryJsonStart: 'u32',
  entryJsonBytes: 'u8',
  docHashes: 'u32',
  docStart: 'u32',
  docEntries: 'u32',
} as const satisfies Record<SectionName, ArrayKind>;

export type Sections = {
  [K in SectionName]: (typeof SECTION_KIND)[K] extends 'u8'
    ? Uint8Array
    : (typeof SECTION_KIND)[K] extends 'i32'
      ? Int32Array
      : (typeof SECTION_KIND)[K] extends 'f32'
        ? Float32Array
        : Uint32Array;
};

const MAGIC = 0x50415832; // "PAX2"
const HEADER_WORDS = 2 + SECTIONS.length * 2;

function view(kind: ArrayKind, buffer: ArrayBufferLike, offset: number, length: number) {
  switch (kind) {
    case 'u8':
      return new Uint8Array(buffer, offset, length);
    case 'u32':
      return new Uint32Array(buffer, offset, length);
    case 'i32':
      return new Int32Array(buffer, offset, length);
    case 'f32':
      return new Float32Array(buffer, offset, length);
  }
}

/** Copies built sections into one shared buffer. */
export function pack(sections: Sections): SharedArrayBuffer {
  let offset = HEADER_WORDS * 4;
  const placed: Array<{ name: SectionName; offset: number; length: number }> = [];
  for (const name of SECTIONS) {
    offset = Math.ceil(offset / 8) * 8;
    const arr = sections[name];
    placed.push({ name, offset, length: arr.length });
    offset += arr.byteLength;
  }
  const buffer = new SharedArrayBuffer(offset);
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  header[0] = MAGIC;
  header[1] = SECTIONS.length;
  placed.forEach((p, i) => {
    header[2 + i * 2] = p.offset;
    header[3 + i * 2] = p.length;
    const target = view(SECTION_KIND[p.name], buffer, p.offset, p.length);
    (target as Uint8Array).set(sections[p.name] as unknown as Uint8Array);
  });
  return buffer;
}

/** Views over a packed buffer, without copying. */
export function unpack(buffer: SharedArrayBuffer): Sections {
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (header[0] !== MAGIC || header[1] !== SECTIONS.length) throw new Error('not a paxscreen name index');
  const out: Partial<Record<SectionName, unknown>> = {};
  SECTIONS.forEach((name, i) => {
    out[name] = view(SECTION_KIND[name], buffer, header[2 + i * 2] as number, header[3 + i * 2] as number);
  });
  return out as Sections;
}
