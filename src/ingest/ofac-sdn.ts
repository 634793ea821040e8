import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ListedDocument, ListedName, WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { WatchlistEntry as WatchlistEntrySchema } from '../domain/contracts/watchlist.ts';
import { countryCode } from './countries.ts';
import type { ImportResult, ImportOptions } from './import-types.ts';
import { MAX_DOCUMENT_NUMBER } from '../domain/contracts/watchlist.ts';

const EMPTY = '-0-';
const MONTHS: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

function field(v: string | undefined): string {
  const t = (v ?? '').trim();
  return t === EMPTY ? '' : t;
}

/** "NORIEGA, Manuel Antonio" → surname and given names; a name without a comma stays whole. */
export function splitSdnName(raw: string): ListedName {
  const i = raw.indexOf(',');
  if (i < 0) return { full: raw.trim() };
  return { surname: raw.slice(0, i).trim(), givenNames: raw.slice(i + 1).trim() };
}

/** Most dates an entry carries (the contract's limit); a longer range keeps its ends and says so in the notes. */
const MAX_DATES = 20;

/** One SDN date of birth: "10 Dec 1948", "Dec 1948", "1948", "circa 1948", "1960 to 1962" (every year). */
export function parseSdnDates(text: string): string[] {
  const t = text
    .replace(/^circa\s+/i, '')
    .replace(/\.$/, '')
    .trim();
  const range = /^(?:\d{1,2}\s+[A-Za-z]{3}\s+)?(\d{4})\s+to\s+(?:\d{1,2}\s+[A-Za-z]{3}\s+)?(\d{4})$/.exec(t);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to < from) return [String(to), String(from)];
    // A range is every year in it; one wider than the contract holds keeps evenly spread years and its ends.
    const years = to - from + 1;
    if (years <= MAX_DATES) return Array.from({ length: years }, (_, k) => String(from + k));
    return [
      ...new Set(
        Array.from({ length: MAX_DATES }, (_, k) => String(Math.round(from + (k * (to - from)) / (MAX_DATES - 1)))),
      ),
    ];
  }
  const full = /^(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})$/.exec(t);
  if (full) {
    const m = MONTHS[(full[2] as string).toUpperCase()];
    return m ? [`${full[3]}-${m}-${(full[1] as string).padStart(2, '0')}`] : [];
  }
  const monthYear = /^([A-Za-z]{3})\s+(\d{4})$/.exec(t);
  if (monthYear) {
    const m = MONTHS[(monthYear[1] as string).toUpperCase()];
    return m ? [`${monthYear[2]}-${m}`] : [];
  }
  return /^\d{4}$/.test(t) ? [t] : [];
}

/** Reads dates of birth, passports, identity numbers and nationalities out of the free-text remarks. */
export function parseSdnRemarks(remarks: string): {
  dates: string[];
  documents: ListedDocument[];
  nationalities: string[];
  kept: string[];
} {
  const dates: string[] = [];
  const documents: ListedDocument[] = [];
  const nationalities: string[] = [];
  /** What could not become a structured field, kept for officers instead of dropped. */
  const kept: string[] = [];
  for (const part of remarks.split(';')) {
    const p = part.trim().replace(/^alt\.\s+/i, '');
    const dob = /^DOB\s+(.+)$/i.exec(p);
    if (dob) {
      const parsed = parseSdnDates(dob[1] as string);
      dates.push(...parsed);
      if (parsed.length === 0 || /\bto\b/i.test(dob[1] as string)) kept.push(`DOB ${(dob[1] as string).trim()}`);
      continue;
    }
    const doc = /^(Passport|National ID No\.|Cedula No\.|Identification Number)\s+(.+)$/i.exec(p);
    if (doc) {
      const rest = doc[2] as string;
      const country = /\(([^)]+)\)/.exec(rest);
      const number =
        rest
          .replace(/\([^)]*\)/g, ' ')
          .split(/\s+(?:issued|expires)\b/i)[0]
          ?.replace(/\.$/, '')
          .trim() ?? '';
      if (number && number.length <= MAX_DOCUMENT_NUMBER) {
        const issuer = country ? countryCode(country[1] as string) : null;
        const type = /^passport/i.test(doc[1] as string) ? 'P' : 'I';
        documents.push(issuer ? { type, number, issuingCountry: issuer } : { type, number });
        if (country && !issuer) kept.push(`document ${number} issued by ${(country[1] as string).trim()}`);
      } else if (number) kept.push(`${doc[1] as string} ${number}`);
      continue;
    }
    const nat = /^(?:nationality|citizen)\s+(.+)$/i.exec(p);
    if (nat) {
      const code = countryCode(nat[1] as string);
      if (code) nationalities.push(code);
      else kept.push(`nationality ${(nat[1] as string).trim()}`);
    }
  }
  return {
    dates: [...new Set(dates)].slice(0, MAX_DATES),
    documents: documents.slice(0, 50),
    nationalities: [...new Set(nationalities)].slice(0, 10),
    kept,
  };
}

/**
 * Imports the OFAC SDN list in its legacy CSV trio (sdn.csv, alt.csv; add.csv holds addresses, which
 * screening does not use). Only individuals become entries: companies and vessels do not travel.
 */
export async function importOfacSdn(dir: string, options: ImportOptions): Promise<ImportResult> {
  const sdnRows = parse(await readFile(join(dir, 'sdn.csv'), 'latin1'), {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: false,
  }) as string[][];
  const altRows = parse(await readFile(join(dir, 'alt.csv'), 'latin1'), {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as string[][];
  const aliases = new Map<string, ListedName[]>();
  for (const row of altRows) {
    const id = field(row[0]);
    const name = field(row[3]);
    if (!id || !name) continue;
    const list = aliases.get(id) ?? [];
    list.push(splitSdnName(name));
    aliases.set(id, list);
  }
  const entries: WatchlistEntry[] = [];
  const skipped: ImportResult['skipped'] = [];
  let aliasCount = 0;
  sdnRows.forEach((row, i) => {
    options.onProgress?.(i + 1, sdnRows.length);
    const id = field(row[0]);
    const type = field(row[2]).toLowerCase();
    if (type !== 'individual') return;
    const name = field(row[1]);
    if (!id || !name) {
      skipped.push({ line: i + 1, reason: 'no id or name' });
      return;
    }
    const remarks = parseSdnRemarks(field(row[11]));
    const names = [splitSdnName(name), ...(aliases.get(id) ?? [])];
    aliasCount += names.length - 1;
    const candidate = {
      id: `SDN-${id}`,
      list: options.list,
      category: options.category,
      action: options.action,
      names,
      ...(remarks.dates.length ? { dateOfBirth: remarks.dates } : {}),
      ...(remarks.nationalities.length ? { nationality: remarks.nationalities } : {}),
      ...(remarks.documents.length ? { documents: remarks.documents } : {}),
      notes:
        [field(row[3]) && `programme ${field(row[3])}`, field(row[4]), ...remarks.kept]
          .filter(Boolean)
          .join('; ')
          .slice(0, 2000) || undefined,
    };
    const parsed = WatchlistEntrySchema.safeParse(candidate);
    if (!parsed.success)
      skipped.push({
        line: i + 1,
        reason: parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; '),
      });
    else entries.push(parsed.data);
  });
  return { entries, aliases: aliasCount, skipped, read: sdnRows.length };
}
