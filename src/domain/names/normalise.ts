import { transliterate } from 'transliteration';
import { ARABIC, CYRILLIC, GREEK, GREEK_DIGRAPHS, LATIN_SPECIAL, scriptOf } from './scripts.ts';

/** One word of a name, with every spelling it may travel under (the first is the ICAO form). */
export interface NameToken {
  text: string;
  variants: string[];
  /** Consonant skeleton when the original was written in a script without vowels (Arabic). */
  skeleton?: string;
  /** Equivalence groups of the first two spellings (nicknames, romanisations), filled on first comparison. */
  groups?: readonly number[];
}

/** Zero-width, bidirectional-control and other invisible characters used to dodge exact matching. */
const INVISIBLE = /\p{Cc}|\p{Cf}|\p{Variation_Selector}|\u034f|\u17b4|\u17b5|[\u115f\u1160\u3164\uffa0]/gu;
const ARABIC_DIACRITICS = /[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/gu;
// Includes the middle dots Japanese and Chinese write between the parts of a foreign name (・ ·).
export const NAME_SEPARATORS = /[\s\-‐‑‒–—'’‘`´",.;:/\\()[\]{}<>_+*&・·‧･]+/u;
const MAX_VARIANTS = 8;

/** Honorifics and generational suffixes that are not part of anyone's name. */
export const TITLES = new Set([
  'MR',
  'MRS',
  'MS',
  'MISS',
  'MSTR',
  'MASTER',
  'DR',
  'PROF',
  'SIR',
  'DAME',
  'LORD',
  'LADY',
  'REV',
  'FR',
  'MME',
  'MLLE',
  'MM',
  'HERR',
  'FRAU',
  'SR',
  'SRA',
  'SRTA',
  'SIG',
  'SIGRA',
  'CHD',
  'INF',
  'JR',
  'JNR',
  'SNR',
  'II',
  'III',
  'IV',
  'ESQ',
  'SHEIKH',
  'HAJI',
  'HAJJI',
]);

/** Unicode clean-up every name goes through before anything else. */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(ARABIC_DIACRITICS, '');
}

function combine(prefixes: string[], options: string[]): string[] {
  const out: string[] = [];
  for (const p of prefixes) for (const o of options) if (out.length < MAX_VARIANTS) out.push(p + o);
  return out;
}

function latinOptions(ch: string): string[] {
  const special = LATIN_SPECIAL[ch] ?? LATIN_SPECIAL[ch.toUpperCase()];
  if (special) return special;
  const plain = ch.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  return [plain];
}

/** Spellings of one word in A–Z, ICAO form first. */
export function transliterateWord(word: string): { variants: string[]; skeleton?: string } {
  // Fast path: most names on travel documents are already plain A–Z.
  if (/^[A-Za-z]+$/.test(word)) return { variants: [word.toUpperCase()] };
  if (/^[A-Za-z0-9]+$/.test(word)) return { variants: digitsReadAsLetters(word.toUpperCase()) };
  let forms = [''];
  let abjad = false;
  const chars = [...word.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const up = ch.toUpperCase();
    const script = scriptOf(ch);
    let options: string[];
    if (script === 'latin') options = latinOptions(ch);
    else if (script === 'cyrillic') options = CYRILLIC[up] ?? [transliterate(ch).toUpperCase()];
    else if (script === 'greek') {
      const bare = up.normalize('NFD').replace(/\p{M}/gu, '');
      const next = (chars[i + 1] ?? '').toUpperCase().normalize('NFD').replace(/\p{M}/gu, '');
      const digraph = GREEK_DIGRAPHS[bare + next];
      if (digraph) {
        options = digraph;
        i++;
      } else options = GREEK[bare] ?? [transliterate(ch).toUpperCase()];
    } else if (script === 'arabic') {
      abjad = true;
      options = ARABIC[ch] ?? [''];
    } else options = [transliterate(ch).toUpperCase()];
    forms = combine(
      forms,
      options.map((o) => o.replace(/[^A-Z0-9]/g, '')),
    );
  }
  const variants = [...new Set(forms.filter((f) => f.length > 0))];
  const first = variants[0];
  return abjad && first ? { variants, skeleton: consonantSkeleton(first) } : { variants };
}

/**
 * Digits typed for the letters they look like (J0HN, 1VAN, MAR1A): in a word that has letters, 0 is
 * read as O and 1 as I (or L); a word of digits alone stays as it is.
 */
function digitsReadAsLetters(word: string): string[] {
  if (!/[A-Z]/.test(word)) return [word];
  const asI = word.replace(/0/g, 'O').replace(/1/g, 'I');
  const asL = word.replace(/0/g, 'O').replace(/1/g, 'L');
  return asI === asL ? [asI] : [asI, asL];
}

/** The consonants of a spelling with repeats collapsed: MOHAMMED → MHMD, MUHAMAD → MHMD. */
export function consonantSkeleton(spelling: string): string {
  return spelling.replace(/[AEIOUYW]/g, '').replace(/(.)\1+/g, '$1');
}

function wordsOf(raw: string): NameToken[] {
  const words = cleanText(raw)
    .split(NAME_SEPARATORS)
    .filter((w) => w.length > 0);
  const tokens: NameToken[] = [];
  for (const w of words) {
    const { variants, skeleton } = transliterateWord(w);
    if (variants.length === 0) continue;
    tokens.push(
      skeleton ? { text: variants[0] as string, variants, skeleton } : { text: variants[0] as string, variants },
    );
  }
  return tokens;
}

const notTitle = (t: NameToken) => !TITLES.has(t.text);

/**
 * Splits a name into tokens after cleaning, dropping titles (unless the title is all there is).
 * Hyphens and apostrophes split (O'BRIEN → O BRIEN); the matcher also tries adjacent tokens joined.
 */
export function tokeniseName(raw: string): NameToken[] {
  const tokens = wordsOf(raw);
  const withoutTitles = tokens.filter(notTitle);
  return withoutTitles.length > 0 ? withoutTitles : tokens;
}

/** A person's name as the matcher sees it: given names first, then the surname. */
export interface PersonNameTokens {
  tokens: NameToken[];
  /** How many of the tokens are given names; the rest are the surname. */
  givenCount: number;
}

/**
 * Titles are judged across the whole name, not per field: MR in the given-names field with the
 * surname alone in its own is still a title (it is kept only when the whole name is titles).
 */
export function tokenisePersonNameParts(surname: string, givenNames: string): PersonNameTokens {
  const given = wordsOf(givenNames);
  const sur = wordsOf(surname);
  const keptGiven = given.filter(notTitle);
  const keptSur = sur.filter(notTitle);
  if (keptGiven.length + keptSur.length === 0) return { tokens: [...given, ...sur], givenCount: given.length };
  return { tokens: [...keptGiven, ...keptSur], givenCount: keptGiven.length };
}

export function tokenisePersonName(surname: string, givenNames: string): NameToken[] {
  return tokenisePersonNameParts(surname, givenNames).tokens;
}

/** A plain upper-case A–Z form for display keys and identity keys (one spelling, ICAO). */
export function canonicalName(raw: string): string {
  return tokeniseName(raw)
    .map((t) => t.text)
    .join(' ');
}
