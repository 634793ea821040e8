/**
 * Realistic ways a listed name turns up on a travel document: typos, transpositions, other
 * transliterations, swapped order, dropped middle names, and shifted dates of birth.
 */
import { tokeniseName } from '../../src/domain/names/normalise.ts';
import { pick } from './synthetic.ts';

export const VARIANT_KINDS = [
  'exact',
  'typo',
  'transposition',
  'two-typos-two-words',
  'transliteration',
  'swapped-order',
  'dropped-middle',
  'dob-day-month-swapped',
  'dob-year-off-by-one',
  'typo-and-swapped',
  // Harder kinds, added with the graded matcher (issue 14): each is a way real records differ.
  'two-edits-one-word',
  'typo-next-to-swap',
  'dropped-two-parts',
  'added-middle',
  'run-together',
  'joined-parts',
  'split-word',
  'title-in-given',
  'digit-for-letter',
  'nickname',
  'initial-given',
  'dob-year-only',
  'dob-day-off',
  'dob-month-off',
  'typo-dob-day-off',
] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];
/** The ten kinds bench:match has always drawn its listed travellers from: its figures stay comparable. */
export const SPEED_BENCH_KINDS: readonly VariantKind[] = VARIANT_KINDS.slice(0, 10);

/**
 * Short forms and romanisations NOT taken from the matcher's equivalence file: the bench keeps its
 * own, written from general knowledge, so the figure is not the file grading itself. Some are in the
 * file, some are not: a miss here is a real gap.
 */
const NICKNAMES: Record<string, string[]> = {
  MUHAMMAD: ['MOHAMED', 'MOHAMMAD', 'MOHD', 'MEHMET'],
  MOHAMMED: ['MUHAMMAD', 'MOHAMAD'],
  MOHAMMAD: ['MUHAMMED', 'MOHAMED'],
  AHMAD: ['AHMED'],
  AHMED: ['AHMAD', 'AHMET'],
  HUSSEIN: ['HUSAYN', 'HOSSEIN'],
  HUSAYN: ['HUSSEIN', 'HUSSAIN'],
  HASSAN: ['HASAN'],
  YUSUF: ['YOUSSEF', 'YOUSEF'],
  ABDULLAH: ['ABDALLAH'],
  OMAR: ['UMAR'],
  USAMA: ['OSAMA'],
  OSAMA: ['USAMA'],
  MUSTAFA: ['MOSTAFA'],
  KHALID: ['KHALED'],
  SAID: ['SAEED'],
  IBRAHIM: ['EBRAHIM'],
  ISMAIL: ['ESMAIL'],
  MAHMOUD: ['MAHMUD'],
  ABU: ['ABOU'],
  ALEXANDER: ['ALEX', 'ALEKSANDR', 'SASHA'],
  ALEKSANDR: ['ALEXANDER'],
  SERGEY: ['SERGEI', 'SERHII'],
  DMITRY: ['DMITRI'],
  YURI: ['YURY', 'IURII'],
  VLADIMIR: ['VOLODYMYR'],
  NIKOLAI: ['NIKOLAY'],
  ALEKSEY: ['ALEXEI'],
  MIKHAIL: ['MYKHAILO'],
  ROBERT: ['BOB', 'ROB'],
  WILLIAM: ['BILL', 'WILL'],
  RICHARD: ['RICK', 'DICK'],
  JAMES: ['JIM'],
  JOSEPH: ['JOE'],
  THEODORE: ['TED'],
  EDWARD: ['TED', 'ED'],
  MICHAEL: ['MIKE'],
  THOMAS: ['TOM'],
  ANTHONY: ['TONY'],
  CHRISTOPHER: ['CHRIS'],
  DANIEL: ['DANNY'],
  ELIZABETH: ['LIZ', 'BETH'],
  MARGARET: ['PEGGY', 'MAGGIE'],
  KATHERINE: ['KATE', 'KATHY'],
  CATHERINE: ['CATHY'],
  PATRICK: ['PADDY'],
  FRANCISCO: ['PACO'],
  JOSE: ['PEPE'],
  IGNACIO: ['NACHO'],
  GUILLERMO: ['MEMO'],
  ROBERTO: ['BETO'],
  XI: ['HSI', 'SHI'],
  ZHANG: ['CHANG', 'CHEUNG'],
  ZHOU: ['CHOU'],
  HUANG: ['WONG'],
  CHEN: ['CHAN'],
  LIU: ['LAU'],
  LEE: ['YI', 'RHEE'],
  PARK: ['PAK'],
  CHOI: ['CHOE'],
  JUNG: ['JEONG', 'CHUNG'],
  ALI: ['ALY'],
  JAMAL: ['GAMAL'],
  SULEIMAN: ['SULAYMAN'],
  YAHYA: ['YEHIA'],
  OTHMAN: ['UTHMAN', 'OSMAN'],
  ABDUL: ['ABDEL'],
  ABD: ['ABDUL'],
};

const LETTERS = 'ABCDEFGHIJKLMNOPRSTUVWY';
const SPELLINGS: Array<[RegExp, string]> = [
  [/MOHAMMED/g, 'MUHAMMAD'],
  [/MUHAMMAD/g, 'MOHAMED'],
  [/YOUSSEF/g, 'YUSUF'],
  [/OU/g, 'U'],
  [/KH/g, 'H'],
  [/SH/g, 'CH'],
  [/J/g, 'DJ'],
  [/EE/g, 'I'],
  [/IY/g, 'I'],
  [/Q/g, 'K'],
  [/PH/g, 'F'],
  [/W/g, 'V'],
  [/Y/g, 'I'],
  [/AI/g, 'AY'],
  [/Z/g, 'S'],
];

function typo(word: string, r: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  const op = r();
  if (op < 0.4)
    return (
      word.slice(0, i) +
      pick(
        r,
        [...LETTERS].filter((c) => c !== word[i]),
      ) +
      word.slice(i + 1)
    );
  if (op < 0.7) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + pick(r, [...LETTERS]) + word.slice(i);
}

function transpose(word: string, r: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function edits(word: string, count: number, r: () => number): string {
  let w = word;
  for (let i = 0; i < count; i++) w = typo(w, r);
  return w;
}

function swapBesideTypo(word: string, r: () => number): string {
  if (word.length < 6) return word;
  const swapped = transpose(word, r);
  return typo(swapped, r);
}

const TITLES = ['MR', 'MRS', 'DR', 'PROF', 'MS', 'MISS'];

function dobParts(d: string | null): [number, number, number] | null {
  const m = d ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
const date = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

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
  const out = (s: string[], g: string[], dob = p.dateOfBirth): Person => ({
    surname: s.join(' '),
    givenNames: g.join(' '),
    dateOfBirth: dob,
  });
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
    case 'two-edits-one-word': {
      const s = [...sur];
      const i = longestIndex(s);
      if ((s[i] as string).length < 6) return null;
      s[i] = edits(s[i] as string, 2, r);
      return s[i] === sur[i] ? null : out(s, giv);
    }
    case 'typo-next-to-swap': {
      const s = [...sur];
      const i = longestIndex(s);
      s[i] = swapBesideTypo(s[i] as string, r);
      return s[i] === sur[i] ? null : out(s, giv);
    }
    case 'dropped-two-parts':
      return giv.length >= 3 ? out(sur, [giv[0] as string, ...giv.slice(3)]) : null;
    case 'added-middle':
      return out(sur, [...giv, pick(r, ['JOSE', 'ANNA', 'MARIA', 'KARIM', 'PAUL', 'IVANOVNA', 'LEE', 'NOOR'])]);
    case 'run-together':
      return giv.length >= 1 ? out([`${giv[giv.length - 1]}${sur[0]}`, ...sur.slice(1)], giv.slice(0, -1)) : null;
    case 'joined-parts':
      return sur.length >= 2 ? out([sur.join('')], giv) : giv.length >= 2 ? out(sur, [giv.join('')]) : null;
    case 'split-word': {
      const i = longestIndex(sur);
      const w = sur[i] as string;
      if (w.length < 8) return null;
      const cut = 3 + Math.floor(r() * (w.length - 6));
      return out([...sur.slice(0, i), `${w.slice(0, cut)}-${w.slice(cut)}`, ...sur.slice(i + 1)], giv);
    }
    case 'title-in-given':
      return out(sur, [pick(r, TITLES), ...giv]);
    case 'digit-for-letter': {
      const s = [...sur];
      const i = longestIndex(s);
      const w = s[i] as string;
      const at = [...w].findIndex((c, k) => k > 0 && (c === 'O' || c === 'I'));
      if (at < 0) return null;
      s[i] = w.slice(0, at) + (w[at] === 'O' ? '0' : '1') + w.slice(at + 1);
      return out(s, giv);
    }
    case 'nickname': {
      const spots = [...giv.map((w, i) => ['g', i, w] as const), ...sur.map((w, i) => ['s', i, w] as const)].filter(
        ([, , w]) => NICKNAMES[w],
      );
      if (spots.length === 0) return null;
      const [side, i, w] = pick(r, spots);
      const g = [...giv];
      const s = [...sur];
      (side === 'g' ? g : s)[i] = pick(r, NICKNAMES[w] as string[]);
      return out(s, g);
    }
    case 'initial-given':
      return p.dateOfBirth && p.dateOfBirth.length === 10
        ? out(sur, [(giv[0] as string)[0] as string, ...giv.slice(1)])
        : null;
    case 'dob-year-only':
      return p.dateOfBirth && p.dateOfBirth.length === 10 ? out(sur, giv, p.dateOfBirth.slice(0, 4)) : null;
    case 'dob-day-off': {
      const d = dobParts(p.dateOfBirth);
      if (!d) return null;
      return out(sur, giv, date(d[0], d[1], d[2] <= 25 ? d[2] + 1 + Math.floor(r() * 3) : d[2] - 2));
    }
    case 'dob-month-off': {
      const d = dobParts(p.dateOfBirth);
      if (!d || d[2] > 28) return null;
      return out(sur, giv, date(d[0], d[1] === 12 ? 11 : d[1] + 1, d[2]));
    }
    case 'typo-dob-day-off': {
      const d = dobParts(p.dateOfBirth);
      if (!d) return null;
      const s = [...sur];
      const i = longestIndex(s);
      s[i] = typo(s[i] as string, r);
      return s[i] === sur[i] ? null : out(s, giv, date(d[0], d[1], d[2] <= 27 ? d[2] + 1 : d[2] - 1));
    }
  }
}
