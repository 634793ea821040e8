import type { DateOrder } from './simple-csv.ts';
import { importSimpleCsv } from './simple-csv.ts';
import { importOfacSdn } from './ofac-sdn.ts';
import { readJsonLinesText } from './watchlist-jsonl.ts';
import type { ImportOptions, ImportResult, ListFormat } from './import-types.ts';

/**
 * One entry point for every list format. Entries always take the list name they are imported
 * under, whatever a file says, so replacing a list replaces exactly its entries.
 */
/** A list sent as text (upload), read synchronously: what a worker thread runs for an upload. */
export function importListText(
  format: 'simple-csv' | 'jsonl',
  text: string,
  options: ImportOptions & { dateOrder?: DateOrder },
): ImportResult {
  const result = format === 'simple-csv' ? importSimpleCsv(text, options) : readJsonLinesText(text, options.onProgress);
  for (const e of result.entries) e.list = options.list;
  return result;
}

export async function importList(
  format: ListFormat,
  source: { text?: string; dir?: string },
  options: ImportOptions & { dateOrder?: DateOrder },
): Promise<ImportResult> {
  let result: ImportResult;
  if (format === 'ofac-sdn') {
    if (!source.dir) throw new Error('the OFAC SDN format reads a folder holding sdn.csv and alt.csv');
    result = await importOfacSdn(source.dir, options);
  } else if (format === 'simple-csv') result = importSimpleCsv(source.text ?? '', options);
  else result = readJsonLinesText(source.text ?? '', options.onProgress);
  for (const e of result.entries) {
    e.list = options.list;
  }
  return result;
}
