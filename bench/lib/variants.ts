/**
 * Realistic ways a listed name turns up on a travel document: typos, transpositions, other
 * transliterations, swapped order, dropped middle names, and shifted dates of birth.
 */
import { tokeniseName } from '../../src/domain/names/normalise.ts';
import { pick } from './synthetic.ts';

export type VariantKind =
  | 'exact'
  | 'typo'
  | 'transposition'
  | 'two-typos-two-words'
  | 'transliteration'
  | 'swapped-order'
  | 'dropped-middle'
  | 'dob-day-month-swapped'
  | 'dob-year-off-by-one'
  | 'typo-and-swapped';

export const VARIANT_KINDS: VariantKind[] = [
  'exact', 'typo', 'transposition', 'two-typos-two-words', 'transliteration', 'swapped-order', 'dropped-middle',
  'dob-day-month-swapped', 'dob-year-off-by-one', 'typo-and-swapped',
];

const LETTERS = 'ABCDEFGHIJKLMNOPRSTUVWY';
const SPELLINGS: Array<[RegExp, string]> = [
  [/MOHAMMED/g, 'MUHAMMAD'], [/MUHAMMAD/g, 'MOHAMED'], [/YOUSSEF/g, 'YUSUF'], [/OU/g, 'U'], [/KH/g, 'H'], [/SH/g, 'CH'],
  [/J/g, 'DJ'], [/EE/g, 'I'], [/IY/g, 'I'], [/Q/g, 'K'], [/PH/g, 'F'], [/W/g, 'V'], [/Y/g, 'I'], [/AI/g, 'AY'], [/Z/g, 'S'],
];

function typo(word: string, r: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  const op = r();
  if (op < 0.4) return word.slice(0, i) + pick(r, [...LETTERS].filter((c) => c !== word[i])) + word.slice(i + 1);
  if (op < 0.7) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + pick(r, [...LETTERS]) + word.slice(i);
}

function transpose(word: string, r: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function longestIndex(words: string[]): number {
  let best = 0;
  words.forEach((w, i) => {
    if (w.length > (words[best] as string).length) best = i;
  });
  return best;
}

export interface Person {
  surname: string;
  givenNames: string;
  dateOfBirth: string | null;
}

/** One variant of a listed person, or null when the kind does not apply (e.g. no middle name). */
export function makeVariant(p: Person, kind: VariantKind, r: () => number): Person | null {
  const sur = tokeniseName(p.surname).map((t) => t.text);
  const giv = tokeniseName(p.givenNames).map((t) => t.text);
  if (sur.length === 0 || giv.length === 0) return null;
  const out = (s: string[], g: string[], dob = p.dateOfBirth): Person => ({ surname: s.join(' '), givenNames: g.join(' '), dateOfBirth: dob });
  switch (kind) {
    case 'exact':
      return out(sur, giv);
    case 'typo': {
      const s = [...sur];
      const i = longestIndex(s);
      s[i] = typo(s[i] as string, r);
      return s[i] === sur[i] ? null : out(s, giv);
    }
    case 'transposition': {
      const s = [...sur];
      const i = longestIndex(s);
      s[i] = transpose(s[i] as string, r);
      return s[i] === sur[i] ? null : out(s, giv);
    }
    case 'two-typos-two-words': {
      const s = [...sur];
      const g = [...giv];
      s[longestIndex(s)] = typo(s[longestIndex(s)] as string, r);
      g[0] = typo(g[0] as string, r);
      return s.join() === sur.join() || g.join() === giv.join() ? null : out(s, g);
    }
    case 'transliteration': {
      const whole = `${sur.join(' ')}|${giv.join(' ')}`;
      const rules = SPELLINGS.filter(([re]) => new RegExp(re.source).test(whole));
      if (rules.length === 0) return null;
      const [re, to] = pick(r, rules);
      const [s, g] = whole.replace(re, to).split('|') as [string, string];
      return out(s.split(' '), g.split(' '));
    }
    case 'swapped-order':
      return out(giv, sur);
    case 'dropped-middle':
      return giv.length >= 2 ? out(sur, giv.slice(0, 1)) : null;
    case 'dob-day-month-swapped': {
      const m = p.dateOfBirth ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.dateOfBirth) : null;
      if (!m || m[2] === m[3] || Number(m[3]) > 12) return null;
      return out(sur, giv, `${m[1]}-${m[3]}-${m[2]}`);
    }
    case 'dob-year-off-by-one': {
      if (!p.dateOfBirth) return null;
      return out(sur, giv, `${Number(p.dateOfBirth.slice(0, 4)) + 1}${p.dateOfBirth.slice(4)}`);
    }
    case 'typo-and-swapped': {
      const s = [...sur];
      const i = longestIndex(s);
      s[i] = typo(s[i] as string, r);
      return s[i] === sur[i] ? null : out(giv, s);
    }
  }
}
