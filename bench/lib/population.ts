/**
 * A multi-national population for false-alert figures: faker's name lists in 40-odd locales and
 * their own scripts (Latin, Cyrillic, Greek, Arabic, Persian, Hebrew, Han, kana, Hangul, Thai,
 * Georgian, Armenian, Devanagari, Bengali, Tamil), with the naming cultures that make screening hard:
 * patronymics (Russian, Ukrainian, Arabic chains), double surnames (Spanish, Portuguese), family name
 * first (Chinese, Korean, Japanese, Vietnamese, Hungarian), and many people sharing a few surnames.
 * A share is written in Latin letters as a passport's machine-readable zone would, the rest in script.
 */
import type { WatchlistEntry } from '../../src/domain/contracts/watchlist.ts';
import { canonicalName } from '../../src/domain/names/normalise.ts';
import type { NamePools } from './synthetic.ts';
import { namePools, pick } from './synthetic.ts';

const LOCALES = [
  'en_GB',
  'en_US',
  'en_IE',
  'de',
  'fr',
  'es',
  'es_MX',
  'pt_BR',
  'pt_PT',
  'it',
  'pl',
  'nl',
  'sv',
  'tr',
  'ru',
  'uk',
  'el',
  'ar',
  'fa',
  'he',
  'ro',
  'cs_CZ',
  'hu',
  'vi',
  'id_ID',
  'en_NG',
  'en_IN',
  'yo_NG',
  'zu_ZA',
  'hr',
  'sr_RS_latin',
  'az',
  'uz_UZ_latin',
  'ur',
  'zh_CN',
  'zh_TW',
  'ja',
  'ko',
  'th',
  'ka_GE',
  'hy',
  'ne',
  'bn_BD',
  'ta_IN',
  'mn_MN_cyrl',
  'ku_kmr_latin',
] as const;

const pools = namePools(LOCALES);
const byLocale = new Map(pools.map((p) => [p.locale, p]));
/** Locales whose people write the family name first. */
const FAMILY_FIRST = new Set(['zh_CN', 'zh_TW', 'ko', 'ja', 'vi', 'hu']);

export interface Person {
  surname: string;
  givenNames: string;
  dateOfBirth: string;
  locale: string;
}

function patronymic(pool: NamePools, r: () => number, female: boolean): string {
  const father = pick(r, pool.first).replace(/[аяйь]$/u, '');
  return `${father}${female ? 'овна' : 'ович'}`;
}

function dateOfBirth(r: () => number): string {
  const y = 1940 + Math.floor(r() * 70);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function populationPerson(r: () => number): Person {
  const pool = pick(r, pools);
  const l = pool.locale;
  let given = pick(r, pool.first);
  let surname = pick(r, pool.last);
  if ((l === 'ru' || l === 'uk' || l === 'mn_MN_cyrl') && r() < 0.7)
    given = `${given} ${patronymic(pool, r, r() < 0.5)}`;
  else if ((l === 'ar' || l === 'ur' || l === 'fa') && r() < 0.6) {
    given = [given, pick(r, pool.first), ...(r() < 0.5 ? [pick(r, pool.first)] : [])].join(' ');
  } else if ((l.startsWith('es') || l.startsWith('pt')) && r() < 0.6) surname = `${surname} ${pick(r, pool.last)}`;
  else if (r() < 0.25) given = `${given} ${pick(r, pool.first)}`;
  const person: Person = { surname, givenNames: given, dateOfBirth: dateOfBirth(r), locale: l };
  // Family-first cultures sometimes fill the form in their own order.
  if (FAMILY_FIRST.has(l) && r() < 0.2) return { ...person, surname: given, givenNames: surname };
  return person;
}

/** As a passport's machine-readable zone writes it, or as typed in the person's script. */
export function asTravelled(p: Person, r: () => number): Person {
  return r() < 0.6 ? { ...p, surname: canonicalName(p.surname), givenNames: canonicalName(p.givenNames) } : p;
}

/** A list of ordinary people: what a real list's names look like to a matcher, minus the notoriety. */
export function populationList(count: number, r: () => number): Array<{ entry: WatchlistEntry; person: Person }> {
  const out: Array<{ entry: WatchlistEntry; person: Person }> = [];
  for (let i = 0; i < count; i++) {
    const p = populationPerson(r);
    const written = asTravelled(p, r);
    const entry: WatchlistEntry = {
      id: `POP-${i}`,
      list: 'population',
      category: 'wanted',
      action: 'REFER',
      names: [{ surname: written.surname, givenNames: written.givenNames }],
    };
    const roll = r();
    if (roll < 0.75) entry.dateOfBirth = p.dateOfBirth;
    else if (roll < 0.9) entry.dateOfBirth = p.dateOfBirth.slice(0, 4);
    else if (roll < 0.95)
      entry.dateOfBirth = [p.dateOfBirth, `${Number(p.dateOfBirth.slice(0, 4)) + 1}${p.dateOfBirth.slice(4)}`];
    out.push({ entry, person: p });
  }
  return out;
}

export const POPULATION_LOCALES = pools.length;
export const localePools = byLocale;
