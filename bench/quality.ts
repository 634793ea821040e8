/**
 * Matching quality at the default threshold, on sets built to be harder than the world:
 *
 * 1. Recall of listed people under 25 kinds of variants (typos, two edits in one word, dropped
 *    patronymic parts, run-together and split words, titles, digits for letters, nicknames and
 *    romanisations the matcher's own file was not written from, initials, partial or wrong dates),
 *    on the real OFAC SDN individuals and on ordinary listed people from 46 locales.
 * 2. False alerts of a multi-national population (faker locales in their own scripts, patronymic and
 *    double-surname cultures, family-name-first order, same-romanisation collisions) against a list of
 *    ordinary names with dates of birth, at each list size asked for. A namesake with another date of
 *    birth is a false alert; only the same name AND the same date is not counted.
 * 3. Precision, recall and F1 on labelled name pairs (bench/data/name-pairs.tsv), names alone.
 *
 *   npm run bench:quality                          # lists of 50,000 and 100,000
 *   npm run bench:quality -- 10000 100000 1000000  # chosen sizes
 */
import { datesOfBirth } from '../src/domain/contracts/watchlist.ts';
import type { WatchlistEntry } from '../src/domain/contracts/watchlist.ts';
import { buildCompactIndex } from '../src/domain/matching/compact/build.ts';
import type { IndexReader } from '../src/domain/matching/compact/reader.ts';
import { openCompactIndex } from '../src/domain/matching/compact/reader.ts';
import { canonicalName } from '../src/domain/names/normalise.ts';
import { labelledPairs } from './lib/name-pairs.ts';
import { asTravelled, POPULATION_LOCALES, populationList, populationPerson } from './lib/population.ts';
import { sdnEntries } from './lib/sdn.ts';
import { table } from './lib/stats.ts';
import { rng } from './lib/synthetic.ts';
import type { VariantKind } from './lib/variants.ts';
import { makeVariant, VARIANT_KINDS } from './lib/variants.ts';

const THRESHOLD = Number(process.env.PAXSCREEN_MATCH_THRESHOLD ?? 75);
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [50_000, 100_000];
const TRAVELLERS = 20_000;
const LISTED_ORDINARY = 3_000;
const pct = (n: number, d: number, digits = 2) => `${((100 * n) / Math.max(1, d)).toFixed(digits)}%`;

const sdn = await sdnEntries();
console.log(
  `threshold ${THRESHOLD} · ${sdn.length} SDN individuals · population from ${POPULATION_LOCALES} faker locales\n`,
);

interface Listed {
  id: string;
  surname: string;
  givenNames: string;
  dateOfBirth: string | null;
}
type Tally = Map<VariantKind, { tried: number; found: number; misses: string[] }>;

function recall(reader: IndexReader, people: Listed[], seed: number): Tally {
  const r = rng(seed);
  const tally: Tally = new Map(VARIANT_KINDS.map((k) => [k, { tried: 0, found: 0, misses: [] }]));
  for (const p of people) {
    for (const kind of VARIANT_KINDS) {
      const v = makeVariant(p, kind, r);
      if (!v) continue;
      const t = tally.get(kind) as { tried: number; found: number; misses: string[] };
      t.tried++;
      const hits = reader.match({ ...v, nationality: null, documents: [] }, { threshold: THRESHOLD, limit: 20 });
      if (hits.some((h) => h.entryId === p.id)) t.found++;
      else if (t.misses.length < 3)
        t.misses.push(
          `${v.surname}, ${v.givenNames} (${v.dateOfBirth ?? '-'}) for ${p.surname}, ${p.givenNames} (${p.dateOfBirth ?? '-'})`,
        );
    }
  }
  return tally;
}

function printRecall(title: string, tally: Tally) {
  let tried = 0;
  let found = 0;
  const rows: Array<Record<string, string | number>> = [...tally].map(([kind, t]) => {
    tried += t.tried;
    found += t.found;
    return { variant: kind, travellers: t.tried, found: t.found, recall: pct(t.found, t.tried, 1) };
  });
  rows.push({ variant: 'ALL', travellers: tried, found, recall: pct(found, tried) });
  console.log(title);
  console.log(table(rows));
  for (const [kind, t] of tally) if (t.found < t.tried) console.log(`  missed ${kind}: ${t.misses.join(' | ')}`);
  console.log();
  return found / Math.max(1, tried);
}

const summary: Array<Record<string, string | number>> = [];
for (const size of SIZES) {
  const population = populationList(size, rng(42 + size));
  const entries: WatchlistEntry[] = [...sdn, ...population.map((p) => p.entry)];
  const t0 = performance.now();
  const reader = openCompactIndex(buildCompactIndex(entries));
  console.log(
    `── list: ${sdn.length} SDN + ${size.toLocaleString('en')} ordinary names (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
  );

  const sdnPeople: Listed[] = sdn.flatMap((e) => {
    const n = e.names[0];
    if (!n?.surname || !n.givenNames) return [];
    return [
      {
        id: e.id,
        surname: canonicalName(n.surname),
        givenNames: canonicalName(n.givenNames),
        dateOfBirth: datesOfBirth(e).find((d) => d.length === 10) ?? datesOfBirth(e)[0] ?? null,
      },
    ];
  });
  const ordinary: Listed[] = population.slice(0, LISTED_ORDINARY).map(({ entry, person }) => ({
    id: entry.id,
    surname: canonicalName(person.surname),
    givenNames: canonicalName(person.givenNames),
    dateOfBirth: person.dateOfBirth,
  }));
  const sdnRecall = sdnPeople.length
    ? printRecall('Recall: SDN individuals under variants', recall(reader, sdnPeople, 2024))
    : NaN;
  const ordinaryRecall = printRecall(
    'Recall: ordinary listed people (46 locales) under variants',
    recall(reader, ordinary, 2025),
  );

  // False alerts: travellers drawn from the same locales and name pools as the list.
  const identities = new Set(
    population.map(
      ({ person }) => `${canonicalName(person.surname)}|${canonicalName(person.givenNames)}|${person.dateOfBirth}`,
    ),
  );
  const r = rng(99);
  let alerts = 0;
  let sameIdentity = 0;
  const byKind = new Map<string, number>();
  const examples: string[] = [];
  for (let i = 0; i < TRAVELLERS; i++) {
    const p = asTravelled(populationPerson(r), r);
    const hits = reader.match(
      { surname: p.surname, givenNames: p.givenNames, dateOfBirth: p.dateOfBirth, nationality: null, documents: [] },
      { threshold: THRESHOLD, limit: 1 },
    );
    if (hits.length === 0) continue;
    if (identities.has(`${canonicalName(p.surname)}|${canonicalName(p.givenNames)}|${p.dateOfBirth}`)) {
      sameIdentity++;
      continue;
    }
    alerts++;
    const h = hits[0];
    if (h?.type === 'watchlist') {
      const exactName = (h.explanation.scoreParts?.name ?? 0) >= 100 ? 'same name' : 'near name';
      const key = `${exactName}, date ${h.explanation.dateOfBirth}`;
      byKind.set(key, (byKind.get(key) ?? 0) + 1);
      if (examples.length < 6)
        examples.push(
          `${p.surname}, ${p.givenNames} (${p.dateOfBirth}) ~ ${h.explanation.matchedName} ${h.score}: ${h.explanation.tokens.map((t) => `${t.listed}/${t.travelled ?? '-'}:${t.how}`).join(' ')} · ${h.explanation.dateOfBirth}`,
        );
    }
  }
  console.log(
    `False alerts: ${TRAVELLERS.toLocaleString('en')} unlisted travellers (46 locales, 60% as on a passport, 40% in their script)`,
  );
  console.log(
    `  ${alerts} alerts = ${pct(alerts, TRAVELLERS, 3)} (same name and same date of birth as a listed person, not counted: ${sameIdentity})`,
  );
  console.log(`  by name and date of birth: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || '-'}`);
  for (const x of examples) console.log(`  e.g. ${x}`);
  console.log();
  summary.push({
    'list size': size.toLocaleString('en'),
    'SDN recall': Number.isNaN(sdnRecall) ? '-' : pct(sdnRecall, 1),
    'ordinary recall': pct(ordinaryRecall, 1),
    'false alerts': pct(alerts, TRAVELLERS, 3),
  });
}

const pairs = labelledPairs();
let tp = 0;
let fp = 0;
let fn = 0;
const wrong: string[] = [];
for (const p of pairs) {
  const reader = openCompactIndex(
    buildCompactIndex([
      {
        id: 'P',
        list: 'pairs',
        category: 'wanted',
        action: 'REFER',
        names: [{ surname: p.listed.surname, givenNames: p.listed.givenNames }],
      },
    ]),
  );
  const hit =
    reader.match(
      { ...p.travelled, dateOfBirth: null, nationality: null, documents: [] },
      { threshold: THRESHOLD, limit: 1 },
    ).length > 0;
  if (hit && p.same) tp++;
  else if (hit) fp++;
  else if (p.same) fn++;
  if (hit !== p.same)
    wrong.push(
      `${p.same ? 'missed' : 'false'}: ${p.listed.surname}, ${p.listed.givenNames} / ${p.travelled.surname}, ${p.travelled.givenNames} (${p.kind})`,
    );
}
const precision = tp / Math.max(1, tp + fp);
const rec = tp / Math.max(1, tp + fn);
const f1 = (2 * precision * rec) / Math.max(1e-9, precision + rec);
console.log(
  `Labelled pairs (${pairs.length}: ${pairs.filter((p) => p.same).length} same, ${pairs.filter((p) => !p.same).length} different), names alone`,
);
console.log(`  precision ${precision.toFixed(3)}, recall ${rec.toFixed(3)}, F1 ${f1.toFixed(3)}`);
for (const w of wrong) console.log(`  ${w}`);
console.log('\nSummary');
console.log(table(summary));
