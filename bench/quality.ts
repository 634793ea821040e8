/**
 * Matching quality at the default threshold: recall of listed people under realistic variants of
 * their names and dates of birth (generated from the real OFAC SDN individuals), and the false-alert
 * rate on realistic unlisted travellers (synthetic names in many languages, as a passport's
 * machine-readable zone writes them). The list is the SDN individuals plus synthetic filler.
 *
 *   npm run bench:quality              # SDN + 100k synthetic entries
 *   npm run bench:quality -- 1000000   # SDN + 1M
 */
import { datesOfBirth } from '../src/domain/contracts/watchlist.ts';
import { buildCompactIndex } from '../src/domain/matching/compact/build.ts';
import { openCompactIndex } from '../src/domain/matching/compact/reader.ts';
import { canonicalName } from '../src/domain/names/normalise.ts';
import { sdnEntries } from './lib/sdn.ts';
import { table } from './lib/stats.ts';
import { rng, syntheticEntries, syntheticPerson } from './lib/synthetic.ts';
import type { VariantKind } from './lib/variants.ts';
import { makeVariant, VARIANT_KINDS } from './lib/variants.ts';

const THRESHOLD = Number(process.env.PAXSCREEN_MATCH_THRESHOLD ?? 75);
const filler = Number(process.argv[2] ?? 100_000);
const UNLISTED = 20_000;

const sdn = await sdnEntries();
if (sdn.length === 0) {
  console.error('the quality report needs the SDN list (../shared/data/ofac-sdn or PAXSCREEN_SDN_DIR)');
  process.exit(2);
}
const entries = [...sdn, ...syntheticEntries(filler, 42)];
const reader = openCompactIndex(buildCompactIndex(entries));
console.log(`list: ${sdn.length} SDN individuals + ${filler} synthetic entries · threshold ${THRESHOLD}\n`);

const r = rng(2024);
const perKind = new Map<VariantKind, { tried: number; found: number; misses: string[] }>();
for (const kind of VARIANT_KINDS) perKind.set(kind, { tried: 0, found: 0, misses: [] });
for (const e of sdn) {
  const n = e.names[0];
  if (!n?.surname || !n.givenNames) continue;
  const person = { surname: canonicalName(n.surname), givenNames: canonicalName(n.givenNames), dateOfBirth: datesOfBirth(e).find((d) => d.length === 10) ?? datesOfBirth(e)[0] ?? null };
  for (const kind of VARIANT_KINDS) {
    const v = makeVariant(person, kind, r);
    if (!v) continue;
    const stats = perKind.get(kind) as { tried: number; found: number; misses: string[] };
    stats.tried++;
    const hits = reader.match({ ...v, nationality: null, documents: [] }, { threshold: THRESHOLD, limit: 20 });
    if (hits.some((h) => h.entryId === e.id)) stats.found++;
    else if (stats.misses.length < 5) stats.misses.push(`${v.surname}, ${v.givenNames} (${v.dateOfBirth ?? '-'}) for ${n.surname}, ${n.givenNames}`);
  }
}

let tried = 0;
let found = 0;
const rows: Array<Record<string, string | number>> = [...perKind].map(([kind, s]) => {
  tried += s.tried;
  found += s.found;
  return { variant: kind, travellers: s.tried, found: s.found, recall: `${((100 * s.found) / Math.max(1, s.tried)).toFixed(1)}%` };
});
rows.push({ variant: 'ALL', travellers: tried, found, recall: `${((100 * found) / tried).toFixed(2)}%` });
console.log('Recall of listed people (SDN individuals) under variants');
console.log(table(rows));
for (const [kind, s] of perKind) if (s.misses.length) console.log(`  missed ${kind}: ${s.misses.slice(0, 3).join(' | ')}`);

// False alerts: unlisted travellers against the real list alone (none of them is on it), and against
// the list with synthetic filler, where an alert may be a true namesake (the same name drawn twice
// from the same name pools), which no matcher should suppress.
const sdnOnly = openCompactIndex(buildCompactIndex(sdn));
const fillerNames = new Set(entries.slice(sdn.length).flatMap((e) => e.names.map((n) => `${canonicalName(n.surname ?? '')}|${canonicalName(n.givenNames ?? '')}`)));
const u = rng(99);
let sdnAlerts = 0;
let fillerAlerts = 0;
let namesakes = 0;
const examples: string[] = [];
for (let i = 0; i < UNLISTED; i++) {
  const p = syntheticPerson(u);
  const subject = { surname: canonicalName(p.surname), givenNames: canonicalName(p.givenNames), dateOfBirth: p.dateOfBirth, nationality: null, documents: [] };
  const onSdn = sdnOnly.match(subject, { threshold: THRESHOLD, limit: 1 });
  if (onSdn.length > 0) {
    sdnAlerts++;
    if (examples.length < 8) examples.push(`${subject.surname}, ${subject.givenNames} ~ ${onSdn[0]?.explanation.matchedName} (${onSdn[0]?.score})`);
  }
  if (reader.match(subject, { threshold: THRESHOLD, limit: 1 }).length > 0) {
    if (fillerNames.has(`${subject.surname}|${subject.givenNames}`)) namesakes++;
    else fillerAlerts++;
  }
}
const pct = (n: number) => `${((100 * n) / UNLISTED).toFixed(3)}%`;
console.log(`\nFalse alerts on ${UNLISTED} unlisted travellers (synthetic names in many languages, as on a passport)`);
console.log(table([
  { list: `SDN only (${sdn.length})`, alerts: sdnAlerts, rate: pct(sdnAlerts), 'true namesakes': '-' },
  { list: `SDN + ${filler} synthetic`, alerts: fillerAlerts + namesakes, rate: pct(fillerAlerts), 'true namesakes': `${namesakes} (not counted)` },
]));
for (const x of examples) console.log(`  e.g. ${x}`);
