/**
 * Synthetic watch-list entries and travellers from @faker-js/faker's name lists in many locales and
 * scripts (Latin, Cyrillic, Greek, Arabic, Persian, Hebrew, CJK...), seeded so every run is the same.
 */
import { allFakers } from '@faker-js/faker';
import type { WatchlistEntry } from '../../src/domain/contracts/watchlist.ts';

const LOCALES = [
  'en_GB',
  'en_US',
  'de',
  'fr',
  'es',
  'es_MX',
  'pt_BR',
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
  'sk',
  'lv',
  'az',
  'uz_UZ_latin',
  'ur',
  'he',
] as const;

export interface NamePools {
  locale: string;
  first: string[];
  last: string[];
}

function flatten(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && !x.includes('{'));
  if (v && typeof v === 'object') return Object.values(v).flatMap(flatten);
  return [];
}

export function namePools(locales: readonly string[]): NamePools[] {
  return locales
    .map((l) => {
      const person =
        (allFakers as unknown as Record<string, { definitions: { person?: Record<string, unknown> } }>)[l]?.definitions
          .person ?? {};
      return { locale: l, first: flatten(person['first_name']), last: flatten(person['last_name']) };
    })
    .filter((p) => p.first.length > 0 && p.last.length > 0);
}

const pools: NamePools[] = namePools(LOCALES);

/** Mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

export interface SyntheticPerson {
  surname: string;
  givenNames: string;
  dateOfBirth: string;
}

export function syntheticPerson(r: () => number): SyntheticPerson {
  const pool = pick(r, pools);
  const given = r() < 0.35 ? `${pick(r, pool.first)} ${pick(r, pool.first)}` : pick(r, pool.first);
  const surname = r() < 0.1 ? `${pick(r, pool.last)} ${pick(r, pool.last)}` : pick(r, pool.last);
  const y = 1940 + Math.floor(r() * 70);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return {
    surname,
    givenNames: given,
    dateOfBirth: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  };
}

export function syntheticEntries(count: number, seed: number): WatchlistEntry[] {
  const r = rng(seed);
  const out: WatchlistEntry[] = [];
  for (let i = 0; i < count; i++) {
    const p = syntheticPerson(r);
    const entry: WatchlistEntry = {
      id: `SYN-${i}`,
      list: 'synthetic',
      category: 'wanted',
      action: 'REFER',
      names: [{ surname: p.surname, givenNames: p.givenNames }],
    };
    if (r() < 0.8) entry.dateOfBirth = r() < 0.2 ? p.dateOfBirth.slice(0, 4) : p.dateOfBirth;
    if (r() < 0.15) entry.names.push({ surname: p.surname, givenNames: syntheticPerson(r).givenNames });
    out.push(entry);
  }
  return out;
}

export const LOCALE_COUNT = pools.length;
