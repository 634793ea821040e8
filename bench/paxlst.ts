/**
 * PAXLST parse throughput on the 47 KB, 260-traveller list (GTAS Test3.txt): messages and travellers
 * per second through tokenizer and mapper, one core.   npm run bench:paxlst
 */
import { readFileSync } from 'node:fs';
import { Manifest } from '../src/domain/contracts/manifest.ts';
import { parsePaxlst } from '../src/ingest/paxlst/map.ts';
import { table } from './lib/stats.ts';

const text = readFileSync(new URL('../tests/fixtures/paxlst/Test3.txt', import.meta.url), 'latin1');
const travellers = parsePaxlst(text).manifest.travellers.length;
for (let i = 0; i < 50; i++) parsePaxlst(text);
const rows = [];
for (const [label, validate] of [
  ['parse + map', false],
  ['parse + map + zod validation', true],
] as const) {
  const n = 400;
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const r = parsePaxlst(text);
    if (validate) Manifest.parse(r.manifest);
  }
  const s = (performance.now() - t) / 1000;
  rows.push({
    step: label,
    'ms per message': ((s * 1000) / n).toFixed(2),
    'messages/s': Math.round(n / s),
    'travellers/s': Math.round((n * travellers) / s),
    'MB/s': ((n * text.length) / s / 1e6).toFixed(1),
  });
}
console.log(`${(text.length / 1024).toFixed(0)} KB message, ${travellers} travellers\n`);
console.log(table(rows));
