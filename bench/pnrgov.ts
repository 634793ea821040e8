/**
 * PNRGOV parse throughput on the largest GTAS sample (pnrWithBags.txt: 253 KB, 127 bookings, 268
 * travellers): bookings and travellers per second, in this thread, after a warm-up.
 *   npm run bench:pnrgov [seconds=5]
 */
import { readFileSync } from 'node:fs';
import { parsePnrgov } from '../src/ingest/pnrgov/parse.ts';
import { summarise, table } from './lib/stats.ts';

const SECONDS = Number(process.argv[2] ?? 5);
const rows = [];
for (const file of ['pnrWithBags.txt', 'bigbigPnr.txt', '2_pnrs_basic.edi']) {
  const text = readFileSync(new URL(`../tests/fixtures/pnrgov/${file}`, import.meta.url), 'utf8');
  const once = parsePnrgov(text);
  const bookings = once.push.bookings.length;
  const travellers = once.push.bookings.reduce((n, b) => n + b.travellers.length, 0);
  for (let i = 0; i < 50; i++) parsePnrgov(text);
  const samples: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    const t = performance.now();
    parsePnrgov(text);
    samples.push(performance.now() - t);
  }
  const s = summarise(samples);
  rows.push({
    message: file,
    size: `${Math.round(text.length / 1024)} KB`,
    bookings,
    travellers,
    'median per message': `${s.median.toFixed(2)} ms`,
    p99: `${s.p99.toFixed(2)} ms`,
    'bookings/s': Math.round((bookings / s.median) * 1000),
    'travellers/s': Math.round((travellers / s.median) * 1000),
  });
}
console.log(`node ${process.version} · ${SECONDS} s per message, one thread\n`);
console.log(table(rows));
