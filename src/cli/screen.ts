import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { DIRECTIVES } from '../domain/contracts/common.ts';
import { Manifest } from '../domain/contracts/manifest.ts';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { decide } from '../domain/decision.ts';
import { buildCompactIndex } from '../domain/matching/compact/build.ts';
import { openCompactIndex } from '../domain/matching/compact/reader.ts';
import { evaluateRules } from '../domain/rules/engine.ts';
import { renderPath } from '../errors.ts';
import { parsePaxlst, PaxlstUnusable } from '../ingest/paxlst/map.ts';
import { loadRuleSet } from '../ingest/rule-files.ts';
import { readJsonLinesList } from '../ingest/watchlist-jsonl.ts';
import { subjectOf } from '../screening/screen-travellers.ts';
import { openStore } from '../store/open-store.ts';

/**
 * Screens a manifest file offline against the configured and stored lists and the rules that read
 * this manifest alone, and prints directives and alerts. Unlike the service it reads no travel
 * history (rules over earlier journeys do not run) and stores nothing.
 */
/** The longest directive, so the alert column lines up. */
const DIRECTIVE_WIDTH = Math.max(...DIRECTIVES.map((d) => d.length));

export async function screenCommand(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
): Promise<number> {
  const file = positionals[0];
  if (!file) {
    console.error('screen needs a manifest file');
    return 2;
  }
  const config = loadConfig();
  const text = await readFile(file, 'utf8');
  // UN/EDIFACT PAXLST (it opens with UNA, UNB or UNH) is read as the service reads it.
  let input: unknown;
  if (/^\s*UN[ABH]/.test(text)) {
    try {
      const r = parsePaxlst(text);
      for (const w of r.warnings.slice(0, 10)) console.error(`  segment ${w.segment} ${w.tag}: ${w.reason}`);
      input = r.manifest;
    } catch (e) {
      if (!(e instanceof PaxlstUnusable)) throw e;
      console.error(`${file} is not a usable PAXLST message: ${e.message}`);
      return 1;
    }
  } else input = JSON.parse(text);
  const parsed = Manifest.safeParse(input);
  if (!parsed.success) {
    console.error(`${file} is not a valid manifest:`);
    for (const i of parsed.error.issues) console.error(`  ${renderPath(i.path)}: ${i.message}`);
    return 1;
  }
  const manifest = parsed.data;
  const entries: WatchlistEntry[] = [];
  for (const f of config.watchlistFiles) for (const e of (await readJsonLinesList(f)).entries) entries.push(e);
  if (config.databaseUrl || existsSync(config.databaseFile)) {
    const { store, ready } = openStore(config);
    await ready;
    for (const e of await store.watchlistEntries()) entries.push(e);
    await store.close();
  }
  const bar = new SingleBar(
    { format: 'indexing [{bar}] {percentage}% {phase}', hideCursor: true, noTTYOutput: false },
    Presets.shades_classic,
  );
  bar.start(entries.length, 0, { phase: '' });
  const reader = openCompactIndex(
    buildCompactIndex(entries, (phase, done) => bar.update(phase === 'names' ? done : entries.length, { phase })),
  );
  bar.update(entries.length);
  bar.stop();
  const rules = await loadRuleSet(config.rulesDir);
  const ruleReasons = evaluateRules(rules, manifest);
  const results = manifest.travellers.map((t) => {
    const matches = reader.match(subjectOf(t), { threshold: config.thresholds.matchAlert });
    const d = decide(t, matches, ruleReasons.get(t.ref) ?? [], config.thresholds);
    return { ref: t.ref, directive: d.directive, alert: d.alert };
  });
  if (values['json']) {
    console.log(JSON.stringify({ entries: entries.length, rules: rules.rules.length, travellers: results }, null, 2));
    return 0;
  }
  console.log(
    `${manifest.journey.carrier} ${manifest.journey.serviceNumber} ${manifest.journey.departure.port} → ${manifest.journey.arrival.port} · ${entries.length} list entries · ${rules.rules.length} rules\n`,
  );
  const refWidth = Math.max(4, ...results.map((r) => r.ref.length));
  for (const r of results) {
    console.log(
      `${r.ref.padEnd(refWidth)}  ${r.directive.padEnd(DIRECTIVE_WIDTH)}${r.alert ? `  ALERT ${r.alert.priority} score ${r.alert.score}` : ''}`.trimEnd(),
    );
    // Reasons under the directive column.
    const indent = ' '.repeat(refWidth + 4);
    for (const reason of r.alert?.reasons ?? []) {
      console.log(
        reason.type === 'watchlist'
          ? `${indent}${reason.list}/${reason.entryId} (${reason.category}, ${reason.score}): ${reason.explanation.summary}`
          : reason.type === 'rule'
            ? `${indent}rule ${reason.ruleId} (${reason.score}): ${reason.title}`
            : `${indent}screening incomplete (${reason.cause}): ${reason.explanation}`,
      );
    }
  }
  return 0;
}
