import { parse } from 'csv-parse/sync';
import type { ListedDocument, WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { WatchlistEntry as WatchlistEntrySchema } from '../domain/contracts/watchlist.ts';
import type { ImportOptions, ImportResult } from './import-types.ts';

export type DateOrder = 'mdy' | 'dmy' | 'ymd';

/** "11-10-1975" in the file's order (GTAS writes month first), "1975", or ISO. */
export function parseCsvDate(text: string, order: DateOrder): string | null {
  const t = text.trim();
  if (!t) return null;
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(t)) return t;
  const m = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$/.exec(t);
  if (!m) return null;
  const [a, b, c] = [m[1] as string, m[2] as string, m[3] as string];
  const [y, mo, d] = order === 'ymd' ? [a, b, c] : order === 'mdy' ? [c, a, b] : [c, b, a];
  if (y.length !== 4) return null;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/**
 * The simple watch-list CSV (firstname,lastname,middlename,dob,documentcountry,documentnumber,
 * documenttype,...) as in GTAS's sample. Columns are found by header name; extra columns (phone,
 * e-mail, country of citizenship) are ignored: screening does not use them.
 */
export function importSimpleCsv(text: string, options: ImportOptions & { dateOrder?: DateOrder }): ImportResult {
  const entries: WatchlistEntry[] = [];
  const skipped: ImportResult['skipped'] = [];
  // A malformed line (a stray or unclosed quote) is skipped and named, like any unusable record:
  // it must not turn the whole upload into a 500, and the load gate judges the share skipped.
  const rows = parse(text, {
    columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      skipped.push({
        line: Number(err?.lines ?? 0),
        reason: `not valid CSV (${(err?.message ?? 'unreadable').split(':')[0]})`,
      });
      return undefined;
    },
  }) as Array<Record<string, string>>;
  rows.forEach((row, i) => {
    const line = i + 2;
    options.onProgress?.(i + 1, rows.length);
    const surname = (row['lastname'] ?? '').trim();
    const given = [row['firstname'], row['middlename']]
      .map((x) => (x ?? '').trim())
      .filter(Boolean)
      .join(' ');
    const dobText = row['dob'] ?? '';
    const dob = parseCsvDate(dobText, options.dateOrder ?? 'mdy');
    if (dobText.trim() && !dob) {
      skipped.push({ line, reason: `dob "${dobText}" is not a date` });
      return;
    }
    const number = (row['documentnumber'] ?? '').trim();
    const country = (row['documentcountry'] ?? '').trim().toUpperCase();
    const type = (row['documenttype'] ?? '').trim();
    const documents: ListedDocument[] = number
      ? [{ number, ...(type ? { type } : {}), ...(/^[A-Z]{3}$/.test(country) ? { issuingCountry: country } : {}) }]
      : [];
    const parsed = WatchlistEntrySchema.safeParse({
      id: `${options.list}-${line}`,
      list: options.list,
      category: options.category,
      action: options.action,
      names: [{ surname, givenNames: given }],
      ...(dob ? { dateOfBirth: dob } : {}),
      ...(documents.length ? { documents } : {}),
    });
    if (!parsed.success)
      skipped.push({ line, reason: parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ') });
    else entries.push(parsed.data);
  });
  return { entries, aliases: 0, skipped, read: rows.length };
}
