/**
 * Rule evaluation cost: a 500-traveller manifest against a store holding 1M earlier journeys
 * (travellers, bookings, payers, contacts, guardians), measuring the history read from SQLite and
 * the evaluation of the shipped catalogue separately.
 *
 *   npm run bench:rules               # 1,000,000 history rows
 *   npm run bench:rules -- 200000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Manifest } from '../src/domain/contracts/manifest.ts';
import type { ManifestInput, TravellerInput } from '../src/domain/contracts/manifest.ts';
import { evaluateRules } from '../src/domain/rules/engine.ts';
import { historyQueryFor, toPastTravel } from '../src/domain/rules/history.ts';
import { loadRuleSet } from '../src/ingest/rule-files.ts';
import { journeyKey } from '../src/screening/submit-manifest.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { summarise, table } from './lib/stats.ts';
import { pick, rng, syntheticPerson } from './lib/synthetic.ts';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const PER_FLIGHT = 250;
const r = rng(11);
const dir = mkdtempSync(join(tmpdir(), 'paxscreen-bench-rules-'));
const store = openSqliteStore(join(dir, 'bench.sqlite'));
const rules = await loadRuleSet(fileURLToPath(new URL('../rules', import.meta.url)));

/** A population that travels repeatedly: identities are reused across flights. */
const population: TravellerInput[] = Array.from({ length: Math.ceil(ROWS / 4) }, (_, i) => {
  const p = syntheticPerson(r);
  return {
    ref: `P${i}`,
    role: 'passenger',
    surname: p.surname,
    givenNames: p.givenNames,
    dateOfBirth: r() < 0.2 ? `${2010 + Math.floor(r() * 8)}-0${1 + Math.floor(r() * 9)}-15` : p.dateOfBirth,
    documents: [{ type: 'P', number: `N${i}`, issuingCountry: 'GBR' }],
  };
});

function flight(n: number, day: Date, size: number): ManifestInput {
  const travellers: TravellerInput[] = [];
  for (let i = 0; i < size; i++) {
    const who = pick(r, population);
    const booking = `B${n}-${Math.floor(i / 3)}`;
    travellers.push({
      ...who,
      ref: `${who.ref}-${n}-${i}`,
      booking: {
        ref: booking,
        bookedAt: new Date(day.getTime() - 86_400_000 * 10).toISOString().replace(/\.\d+Z$/, 'Z'),
        payment: r() < 0.1 ? 'cash' : 'card',
        ticket: r() < 0.3 ? 'one-way' : 'return',
        ...(r() < 0.2 ? { payer: `PAYER ${Math.floor(r() * 5000)}` } : {}),
        contact: { phone: `+4477009${String(Math.floor(r() * 100000)).padStart(5, '0')}` },
      },
      ...(r() < 0.02 ? { unaccompaniedMinor: { collectedBy: `GUARDIAN ${Math.floor(r() * 3000)}` } } : {}),
    });
  }
  const inbound = n % 2 === 0;
  const at = day.toISOString().slice(0, 10);
  return {
    messageRef: `F${n}`,
    kind: 'new',
    journey: {
      mode: 'air',
      carrier: 'XF',
      serviceNumber: `XF${n}`,
      departure: { port: inbound ? 'CDG' : 'LHR', country: inbound ? 'FRA' : 'GBR', scheduled: `${at}T08:00:00Z` },
      arrival: { port: inbound ? 'LHR' : 'CDG', country: inbound ? 'GBR' : 'FRA', scheduled: `${at}T09:30:00Z` },
    },
    travellers,
  };
}

console.log(`writing ${ROWS} history rows…`);
const t0 = performance.now();
const flights = Math.ceil(ROWS / PER_FLIGHT);
const start = Date.parse('2026-06-01T00:00:00Z');
for (let n = 0; n < flights; n++) {
  const m = Manifest.parse(flight(n, new Date(start + (n / flights) * 170 * 86_400_000), PER_FLIGHT));
  const key = journeyKey(m);
  await store.recordManifest({
    manifestId: `M${n}`,
    carrier: 'XF',
    messageRef: m.messageRef,
    bodySha256: '',
    kind: 'new',
    journey: m.journey,
    journeyKey: key,
    receivedAt: m.journey.departure.scheduled,
    response: { manifestId: `M${n}`, complete: true, elapsedMs: 0, directives: [] },
    outcomes: [],
    withdrawn: [],
    alerts: [],
    replay: false,
    listVersion: 'bench',
    rulesVersion: 'bench',
    history: m.travellers.map((t) => toPastTravel(m, key, t)),
  });
}
console.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

const reads: number[] = [];
const evals: number[] = [];
const sizes: number[] = [];
let firings = 0;
for (let i = 0; i < 20; i++) {
  const m = Manifest.parse(flight(100_000 + i, new Date('2026-11-25T00:00:00Z'), 500));
  const t1 = performance.now();
  const history = await store.travelHistory(historyQueryFor(m, 180));
  const t2 = performance.now();
  const fired = evaluateRules(rules, m, history);
  const t3 = performance.now();
  reads.push(t2 - t1);
  evals.push(t3 - t2);
  sizes.push(history.length);
  firings += [...fired.values()].reduce((s, x) => s + x.length, 0);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const read = summarise(reads);
const ev = summarise(evals);
console.log(
  table([
    { step: 'history read (SQLite)', median: ms(read.median), p90: ms(read.p90), max: ms(read.max) },
    { step: `evaluate ${rules.rules.length} rules`, median: ms(ev.median), p90: ms(ev.p90), max: ms(ev.max) },
  ]),
);
console.log(
  `\n500 travellers per manifest · ${ROWS} history rows · ${Math.round(summarise(sizes).median)} rows read per manifest (median) · ${firings / 20} firings per manifest`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
