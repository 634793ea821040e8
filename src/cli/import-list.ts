import { readFile, stat } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { WatchlistAction, WatchlistCategory } from '../domain/contracts/watchlist.ts';
import { LIST_FORMATS } from '../ingest/import-types.ts';
import type { ListFormat } from '../ingest/import-types.ts';
import { importList } from '../ingest/list-import.ts';
import type { DateOrder } from '../ingest/simple-csv.ts';
import { openStore } from '../store/open-store.ts';

export async function importListCommand(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
): Promise<number> {
  const format = values['format'] as string | undefined;
  const name = values['name'] as string | undefined;
  const path = positionals[0];
  if (!format || !LIST_FORMATS.includes(format as ListFormat) || !name || !path) {
    console.error(`import-list needs --format (${LIST_FORMATS.join('|')}), --name and a PATH`);
    return 2;
  }
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name)) {
    console.error('--name must be lower-case letters, digits, dots, dashes or underscores');
    return 2;
  }
  const category = WatchlistCategory.safeParse(values['category']);
  const action = WatchlistAction.safeParse(values['action']);
  if (!category.success || !action.success) {
    console.error(
      `--category must be one of ${WatchlistCategory.options.join(', ')}; --action one of ${WatchlistAction.options.join(', ')}`,
    );
    return 2;
  }
  const dateOrder = values['date-order'];
  if (dateOrder !== 'mdy' && dateOrder !== 'dmy' && dateOrder !== 'ymd') {
    console.error(`--date-order must be mdy, dmy or ymd (got "${String(dateOrder)}")`);
    return 2;
  }
  const config = loadConfig();
  const isDir = (await stat(path)).isDirectory();
  const bar = new SingleBar(
    {
      format: `importing ${name} [{bar}] {percentage}% | {value}/{total} records | {eta_formatted} left`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  let started = false;
  const started_at = performance.now();
  const result = await importList(
    format as ListFormat,
    isDir ? { dir: path } : { text: await readFile(path, 'utf8') },
    {
      list: name,
      category: category.data,
      action: action.data,
      dateOrder: dateOrder as DateOrder,
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    },
  );
  if (started) bar.stop();
  if (result.entries.length === 0) {
    console.error(`no valid entry in ${path}: the stored list is unchanged`);
    for (const s of result.skipped.slice(0, 20)) console.error(`  line ${s.line}: ${s.reason}`);
    return 1;
  }
  const { store, ready } = openStore(config);
  try {
    await ready;
    const summary = await store.replaceWatchlist(name, result.entries, {
      source: `${format}:${path}`,
      importedBy: 'cli',
      audit: { actor: { id: 'cli', role: 'operator' }, action: 'watchlist.replace' },
    });
    console.log(
      `\nlist ${name} (version ${summary.version}) stored in ${store.kind === 'postgres' ? 'the PostgreSQL database' : config.databaseFile}`,
    );
    console.log(`  records read   ${result.read}`);
    console.log(`  entries        ${result.entries.length}`);
    console.log(`  aliases        ${result.aliases}`);
    console.log(`  skipped        ${result.skipped.length}`);
    for (const s of result.skipped.slice(0, 20)) console.log(`    line ${s.line}: ${s.reason}`);
    if (result.skipped.length > 20) console.log(`    … and ${result.skipped.length - 20} more`);
    console.log(`  took           ${((performance.now() - started_at) / 1000).toFixed(1)} s`);
    console.log(
      'A running service picks the change up within PAXSCREEN_LIST_POLL_MS, or at once on POST /v1/watchlists/reload.',
    );
  } finally {
    await store.close();
  }
  return 0;
}
