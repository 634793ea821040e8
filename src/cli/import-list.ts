import { readFile, stat } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { ListName, WatchlistAction, WatchlistCategory } from '../domain/contracts/watchlist.ts';
import { PaxError } from '../errors.ts';
import { LIST_FORMATS } from '../ingest/import-types.ts';
import type { ListFormat } from '../ingest/import-types.ts';
import { importList } from '../ingest/list-import.ts';
import { countByKind } from '../ingest/watchlist-jsonl.ts';
import type { DateOrder } from '../ingest/simple-csv.ts';
import { replaceStoredList } from '../screening/list-upload.ts';
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
  const listName = ListName.safeParse(name);
  if (!listName.success) {
    console.error(`--name ${listName.error.issues[0]?.message ?? 'is not a list name'}`);
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
  const { store, ready } = openStore(config);
  try {
    await ready;
    const { summary, forced } = await replaceStoredList(
      { store, limits: config.listLimits },
      {
        name,
        read: result,
        source: `${format}:${path}`,
        actor: { id: 'cli', role: 'operator' },
        force: values['force'] === true,
      },
    );
    if (forced) console.log('\nthe load limits were overridden with --force (audited)');
    console.log(
      `\nlist ${name} (version ${summary.version}) stored in ${store.kind === 'postgres' ? 'the PostgreSQL database' : config.databaseFile}`,
    );
    console.log(`  records read   ${result.read}`);
    console.log(`  entries        ${result.entries.length}`);
    console.log(`  aliases        ${result.aliases}`);
    console.log(`  skipped        ${result.skipped.length}`);
    // Why, by kind (most first), then the first lines themselves to look at.
    const byKind = Object.entries(countByKind(result.skipped)).sort((a, b) => b[1] - a[1]);
    const width = Math.max(0, ...byKind.map(([, n]) => String(n).length));
    for (const [kind, n] of byKind) console.log(`    ${String(n).padStart(width)} × ${kind}`);
    if (result.skipped.length > 0) console.log('  first skipped lines');
    for (const s of result.skipped.slice(0, 20)) console.log(`    line ${s.line}: ${s.reason}`);
    if (result.skipped.length > 20) console.log(`    … and ${result.skipped.length - 20} more`);
    console.log(`  took           ${((performance.now() - started_at) / 1000).toFixed(1)} s`);
    console.log(
      'A running service picks the change up within PAXSCREEN_LIST_POLL_MS, or at once on POST /v1/watchlists/reload.',
    );
  } catch (e) {
    if (!(e instanceof PaxError)) throw e;
    // Refused: nothing read, or too many records skipped, or the list would shrink sharply.
    console.error(`${e.message}`);
    for (const issue of e.issues ?? []) console.error(`  ${issue.path}: ${issue.message}`);
    return 1;
  } finally {
    await store.close();
  }
  return 0;
}
