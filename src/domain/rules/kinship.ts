import type { NameToken } from '../names/normalise.ts';
import { tokeniseName } from '../names/normalise.ts';

export type Kinship = 'RELATED' | 'UNLIKELY' | 'UNKNOWN';

export interface KinshipPerson {
  surname: string;
  givenNames: string;
  bookingRef?: string | undefined;
  contact?: { phone?: string | undefined; email?: string | undefined } | undefined;
}

export interface KinshipVerdict {
  kinship: Kinship;
  why: string;
}

/**
 * Surnames that say nothing about family either way: shared by millions, or from naming systems in
 * which a mother and child usually have different surnames (Korean, Chinese, Vietnamese) or where
 * the "surname" is a religious or community name (SINGH, KAUR).
 */
const UNINFORMATIVE_SURNAMES = new Set([
  'NGUYEN',
  'TRAN',
  'LE',
  'PHAM',
  'HOANG',
  'PHAN',
  'VU',
  'DANG',
  'BUI',
  'DO',
  'HO',
  'NGO',
  'KIM',
  'LEE',
  'PARK',
  'CHOI',
  'JUNG',
  'KANG',
  'CHO',
  'YOON',
  'JANG',
  'LIM',
  'WANG',
  'LI',
  'ZHANG',
  'LIU',
  'CHEN',
  'YANG',
  'HUANG',
  'ZHAO',
  'WU',
  'ZHOU',
  'XU',
  'SUN',
  'MA',
  'ZHU',
  'HU',
  'GUO',
  'HE',
  'LIN',
  'SINGH',
  'KAUR',
  'DEVI',
  'KUMAR',
  'KUMARI',
  'BEGUM',
  'KHATUN',
  'BIBI',
]);

/** Words that mark a patronymic or a name built from a father's name. */
const PATRONYMIC_WORDS = new Set([
  'BIN',
  'BINT',
  'BINTI',
  'IBN',
  'BEN',
  'BAT',
  'ABU',
  'UMM',
  'OGLU',
  'KYZY',
  'UULU',
  'MAC',
  'NIC',
  'AP',
  'VERCH',
]);
const PATRONYMIC_SUFFIXES = [
  'SSON',
  'SDOTTIR',
  'DOTTIR',
  'SEN',
  'OVICH',
  'EVICH',
  'OVNA',
  'EVNA',
  'ICHNA',
  'INICHNA',
  'OGLU',
  'ZADE',
  'POUR',
];
/** Spanish and Portuguese particles inside compound surnames. */
const COMPOUND_PARTICLES = new Set(['DE', 'DA', 'DAS', 'DO', 'DOS', 'DEL', 'LA', 'Y', 'E', 'VAN', 'VON', 'DER']);

/** Masculine and feminine endings of one family name (NOVAK/NOVAKOVA, KOWALSKI/KOWALSKA, PAPADOPOULOS/PAPADOPOULOU). */
const GENDERED_ENDINGS: Array<[string, string]> = [
  ['', 'OVA'],
  ['', 'EVA'],
  ['', 'INA'],
  ['', 'A'],
  ['OV', 'OVA'],
  ['EV', 'EVA'],
  ['IN', 'INA'],
  ['SKI', 'SKA'],
  ['CKI', 'CKA'],
  ['DZKI', 'DZKA'],
  ['SKY', 'SKA'],
  ['SKIY', 'SKAYA'],
  ['SKII', 'SKAIA'],
  ['OS', 'OU'],
  ['IS', 'I'],
  ['AS', 'A'],
  ['AS', 'IENE'],
  ['IS', 'YTE'],
  ['US', 'UTE'],
  ['AS', 'AITE'],
  ['S', 'A'],
  ['INS', 'INA'],
];

function words(tokens: NameToken[]): string[] {
  return tokens.map((t) => t.text);
}

function shareAWord(a: NameToken[], b: NameToken[]): string | null {
  for (const x of a) {
    if (COMPOUND_PARTICLES.has(x.text)) continue;
    for (const y of b) if (x.variants.some((v) => y.variants.includes(v))) return x.text;
  }
  return null;
}

function gendered(a: string, b: string): boolean {
  for (const [m, f] of GENDERED_ENDINGS) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (x.endsWith(m) && y.endsWith(f)) {
        const stemX = x.slice(0, x.length - m.length);
        const stemY = y.slice(0, y.length - f.length);
        if (stemX.length >= 3 && stemX === stemY) return true;
      }
    }
  }
  return false;
}

function isPatronymic(tokens: NameToken[]): boolean {
  return tokens.some(
    (t) =>
      PATRONYMIC_WORDS.has(t.text) ||
      PATRONYMIC_SUFFIXES.some((s) => t.text.length > s.length + 2 && t.text.endsWith(s)),
  );
}

function isCompound(tokens: NameToken[]): boolean {
  return tokens.filter((t) => !COMPOUND_PARTICLES.has(t.text)).length >= 2;
}

/**
 * Whether a minor and an adult are plausibly family. Says UNKNOWN, never UNLIKELY, wherever naming
 * conventions make a different surname meaningless; says UNLIKELY only when surnames genuinely
 * differ under a convention where families share them, and nothing else links the two.
 */
// Rules compare the same people many times over; names are tokenised once.
const tokenCache = new Map<string, NameToken[]>();
function tokens(name: string): NameToken[] {
  let t = tokenCache.get(name);
  if (!t) {
    if (tokenCache.size > 50_000) tokenCache.clear();
    t = tokeniseName(name);
    tokenCache.set(name, t);
  }
  return t;
}

export function assessKinship(minor: KinshipPerson, adult: KinshipPerson): KinshipVerdict {
  const ms = tokens(minor.surname);
  const as = tokens(adult.surname);
  const mg = tokens(minor.givenNames);
  const ag = tokens(adult.givenNames);

  const shared = shareAWord(ms, as);
  if (shared) return { kinship: 'RELATED', why: `share the surname ${shared}` };
  for (const x of words(ms))
    for (const y of words(as))
      if (gendered(x, y)) return { kinship: 'RELATED', why: `${x} and ${y} are forms of one family name` };

  const sameBooking = minor.bookingRef !== undefined && minor.bookingRef === adult.bookingRef;
  const mc = minor.contact;
  const ac = adult.contact;
  if (
    sameBooking &&
    mc &&
    ac &&
    ((mc.phone && mc.phone === ac.phone) || (mc.email && mc.email.toLowerCase() === ac.email?.toLowerCase()))
  ) {
    return { kinship: 'UNKNOWN', why: 'same booking and the same contact details' };
  }
  if (ms.length === 0 || as.length === 0) return { kinship: 'UNKNOWN', why: 'a surname is missing' };
  const uninformative = [...words(ms), ...words(as)].find((w) => UNINFORMATIVE_SURNAMES.has(w));
  if (uninformative)
    return {
      kinship: 'UNKNOWN',
      why: `${uninformative} is too common, or from a convention where mothers and children differ, to tell`,
    };
  if (isPatronymic([...ms, ...as, ...mg, ...ag]))
    return { kinship: 'UNKNOWN', why: 'patronymic naming: family members need not share a surname' };
  if (isCompound(ms) || isCompound(as))
    return { kinship: 'UNKNOWN', why: 'compound surname: a child may carry only part of a parent’s surnames' };
  if (shareAWord(ms, ag) || shareAWord(as, mg))
    return {
      kinship: 'UNKNOWN',
      why: "one's surname is among the other's given names (name order or a given-name chain)",
    };
  return { kinship: 'UNLIKELY', why: `surnames ${words(ms).join(' ')} and ${words(as).join(' ')} differ` };
}
