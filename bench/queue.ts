/**
 * The officer queue with 10,000 open alerts: time to fetch a page (first, deep by cursor, filtered),
 * the counts, one alert, a journey, and traveller search (name, document) over every traveller
 * stored, through the HTTP app on a real SQLite store.
 *   npm run bench:queue [alerts=10000] [travellers per journey=100]
 */
import { randomUUID } from 'node:crypto';
import { Manifest } from '../src/domain/contracts/manifest.ts';
import { journeyKey } from '../src/screening/submit-manifest.ts';
import { bearer, startTestApp, TOKENS } from '../tests/helpers/test-app.ts';
import { summarise, table } from './lib/stats.ts';

const ALERTS = Number(process.argv[2] ?? 10_000);
/** 100 journeys of alerts; travellers beyond the first 100 of a journey raise nothing (search walks them all). */
const PER_JOURNEY = Math.max(100, Number(process.argv[3] ?? 100));
const t = await startTestApp();
const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
const SURNAMES = [
  'SMITH',
  'KOWALSKI',
  'NGUYEN',
  'GARCIA',
  'OKONKWO',
  'MUELLER',
  'ROSSI',
  'IVANOV',
  'HASSAN',
  'SILVA',
  'TANAKA',
  'DUBOIS',
  'OBRIEN',
  'PETERSEN',
  'HOLLAND',
  'SINGH',
  'KIM',
  'LOPEZ',
  'NOWAK',
  'YILMAZ',
].flatMap((s, i) => [s, `${s}${String.fromCharCode(65 + i)}ER`]);
for (let f = 0; f < ALERTS / 100; f++) {
  const day = String(1 + (f % 28)).padStart(2, '0');
  const m = Manifest.parse({
    messageRef: `Q${f}`,
    kind: 'new',
    journey: {
      mode: 'air',
      carrier: 'BA',
      serviceNumber: `BA${f}`,
      departure: { port: 'CDG', country: 'FRA', scheduled: `2026-12-${day}T08:00:00Z` },
      arrival: { port: f % 2 ? 'LHR' : 'MAN', country: 'GBR', scheduled: `2026-12-${day}T09:00:00Z` },
    },
    travellers: Array.from({ length: PER_JOURNEY }, (_, i) => ({
      ref: `T${i}`,
      role: 'passenger',
      surname: SURNAMES[(f * 7 + i) % SURNAMES.length] as string,
      givenNames: `GIVEN${i % 50}`,
      dateOfBirth: '1980-01-01',
      documents: [{ type: 'P', number: `N${f}-${i}`, issuingCountry: 'GBR' }],
    })),
  });
  const key = journeyKey(m);
  await t.store.recordManifest({
    manifestId: randomUUID(),
    carrier: 'BA',
    messageRef: m.messageRef,
    bodySha256: '',
    kind: 'new',
    journey: m.journey,
    journeyKey: key,
    receivedAt: new Date().toISOString(),
    response: { manifestId: '', complete: true, elapsedMs: 0, directives: [] },
    withdrawn: [],
    history: [],
    replay: false,
    listVersion: 'bench',
    rulesVersion: 'bench',
    outcomes: m.travellers.map((tr) => ({
      traveller: tr,
      dataSha256: tr.ref,
      directive: 'OK_TO_BOARD' as const,
      complete: true,
      listVersion: 'bench',
      rulesVersion: 'bench',
    })),
    alerts: m.travellers.slice(0, 100).map((tr, i) => ({
      id: randomUUID(),
      travellerRef: tr.ref,
      traveller: tr,
      directive: 'OK_TO_BOARD',
      priority: PRIORITIES[i % 4] as (typeof PRIORITIES)[number],
      score: 50 + (i % 50),
      reasons: [
        {
          type: 'rule',
          ruleId: 'minor-alone',
          title: 'A minor alone',
          score: 40,
          context: false,
          facts: { minor: { ref: tr.ref } },
        },
      ],
      raisedBy: 'carrier-message' as const,
      listVersion: 'bench',
      rulesVersion: 'bench',
    })),
  });
}
const time = async (url: string, n = 30) => {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const res = await t.app.inject({ url, headers: bearer(TOKENS.officer) });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    samples.push(performance.now() - s);
  }
  return summarise(samples);
};
const first = (await t.app.inject({ url: '/v1/alerts?limit=100', headers: bearer(TOKENS.officer) })).json();
let cursor = first.nextCursor as string;
for (let i = 0; i < 50; i++)
  cursor = (
    await t.app.inject({
      url: `/v1/alerts?limit=100&cursor=${encodeURIComponent(cursor)}`,
      headers: bearer(TOKENS.officer),
    })
  ).json().nextCursor;
const rows = [];
for (const [label, url] of [
  ['first page (100)', '/v1/alerts?status=open&limit=100'],
  ['page 51 by cursor', `/v1/alerts?status=open&limit=100&cursor=${encodeURIComponent(cursor)}`],
  ['filtered: port + date', '/v1/alerts?status=open&arrivalPort=LHR&arrivalDate=2026-12-05&limit=100'],
  ['counts', '/v1/alerts/counts'],
  ['one alert', `/v1/alerts/${first.items[0].id}`],
  [`journey view (${PER_JOURNEY} travellers)`, `/v1/journeys/${first.items[0].journey.id}`],
  ['search: name SMYTH (fuzzy)', '/v1/travellers/search?name=SMYTH'],
  ['search: document', '/v1/travellers/search?document=N42-7'],
] as const) {
  const s = await time(url, url.includes('search') ? 5 : 30);
  rows.push({
    request: label,
    median: `${s.median.toFixed(1)} ms`,
    p90: `${s.p90.toFixed(1)} ms`,
    max: `${s.max.toFixed(1)} ms`,
  });
}
console.log(`${ALERTS} open alerts, ${(ALERTS / 100) * PER_JOURNEY} travellers stored\n`);
console.log(table(rows));
await t.close();
