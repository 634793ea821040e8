/**
 * Load tests (autocannon, 127.0.0.1 only, bounded in time): interactive checks, batches of 50 and 500
 * travellers, a mix, and an overload run at twice the sustainable check rate, against the service
 * with a 1M-name watch-list loaded; and the same check payload against a bare fastify server
 * answering a constant body, so the service's cost is a ratio.
 *
 *   npm run bench:load                       # 1M-name list (built on first run in /tmp)
 *   npm run bench:load -- --list 100000 --seconds 5
 *   npm run bench:load -- --manifest-only    # warm-up, then 500-traveller manifests one at a time
 *   npm run bench:load -- --store compare    # SQLite, PostgreSQL, two instances on PostgreSQL (lib/store-compare.ts)
 *   npm run bench:load -- --store postgres --instances 2
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sdnEntries } from './lib/sdn.ts';
import { paced } from './lib/paced.ts';
import { percentile, table } from './lib/stats.ts';
import { trafficGenerator } from './lib/traffic.ts';

const { values } = parseArgs({
  options: {
    list: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    'manifest-only': { type: 'boolean', default: false },
    store: { type: 'string' },
    instances: { type: 'string', default: '1' },
  },
});
const FULL = !values['manifest-only'];
const LIST = Number(values.list);
const SECONDS = Number(values.seconds);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORT = 18510;
const BARE = 18599;
const TOKEN = 'dev-carrier-BA-0123456789';

async function waitReady(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

const listFile = `/tmp/paxscreen-list-${LIST}.jsonl`;
if (!existsSync(listFile)) {
  console.log(`building ${listFile}…`);
  await new Promise<void>((resolve, reject) =>
    fork(join(ROOT, 'bench/make-list.ts'), [String(LIST), listFile]).on('exit', (c) =>
      c === 0 ? resolve() : reject(new Error('make-list failed')),
    ),
  );
}
if (values.store) {
  const store = values.store;
  if (!['compare', 'sqlite', 'postgres'].includes(store))
    throw new Error('--store must be compare, sqlite or postgres');
  const instances = Number(values.instances);
  const setups =
    store === 'compare'
      ? [
          { name: 'one instance, SQLite', store: 'sqlite' as const, instances: 1 },
          { name: 'one instance, PostgreSQL', store: 'postgres' as const, instances: 1 },
          { name: 'two instances, PostgreSQL', store: 'postgres' as const, instances: 2 },
        ]
      : [
          {
            name: `${instances} instance${instances > 1 ? 's' : ''}, ${store}`,
            store: store as 'sqlite' | 'postgres',
            instances,
          },
        ];
  const { compareStores } = await import('./lib/store-compare.ts');
  await compareStores({ setups, listFile, listSize: LIST, seconds: SECONDS });
  process.exit(0);
}
// The bench drives one carrier token far past the check-in rate limit, on flights with fixed dates:
// the limit and the check-in window are off.
const dataDir = mkdtempSync(join(tmpdir(), 'paxscreen-load-'));
const service: ChildProcess = fork(join(ROOT, 'src/server.ts'), [], {
  env: {
    ...process.env,
    PAXSCREEN_PORT: String(PORT),
    PAXSCREEN_DATA_DIR: dataDir,
    PAXSCREEN_WATCHLISTS: `${join(ROOT, 'fixtures/watchlists/demo.jsonl')},${listFile}`,
    PAXSCREEN_LOG_LEVEL: 'warn',
    PAXSCREEN_LIST_POLL_MS: '0',
    PAXSCREEN_CHECKIN_RATE_PER_MINUTE: '0',
    PAXSCREEN_CHECKIN_WINDOW_HOURS: '0',
  },
  stdio: 'inherit',
});
const bare: ChildProcess = fork(join(ROOT, 'bench/lib/bare-server.ts'), [], {
  env: { ...process.env, PORT: String(BARE) },
  stdio: 'inherit',
});
const started = Date.now();
await waitReady(`http://127.0.0.1:${PORT}/readyz`, 180_000);
console.log(`service ready with ${LIST + 10} list entries after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

const sdn = await sdnEntries();
const gen = trafficGenerator(sdn, 3);

interface Scenario {
  name: string;
  port: number;
  path: string;
  body: () => string;
  travellers: number;
  connections: number;
  seconds?: number;
}

async function run(s: Scenario) {
  let ok = 0;
  let unavailable = 0;
  let other = 0;
  const r = await autocannon({
    url: `http://127.0.0.1:${s.port}`,
    connections: s.connections,
    duration: s.seconds ?? SECONDS,
    requests: [
      {
        method: 'POST',
        path: s.path,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: s.body() }),
        onResponse: (status) => {
          if (status === 200) ok++;
          else if (status === 503) unavailable++;
          else other++;
        },
      },
    ],
  });
  return {
    scenario: s.name,
    'req/s': Math.round(r.requests.average),
    'travellers/s': Math.round(r.requests.average * s.travellers),
    p50: `${r.latency.p50} ms`,
    p90: `${r.latency.p90} ms`,
    p99: `${r.latency.p99} ms`,
    max: `${r.latency.max} ms`,
    errors: r.errors + r.timeouts + other,
    '503s': unavailable,
    ok,
  };
}

/** An open-loop run at a fixed average rate (see lib/paced.ts for why not autocannon's rate option). */
async function runPaced(
  name: string,
  path: string,
  body: () => string,
  travellers: number,
  rate: number,
  seconds = SECONDS,
) {
  const r = await paced({
    port: PORT,
    path,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body,
    rate,
    seconds,
  });
  const ms = (p: number) => `${Math.round(percentile(r.latencies, p))} ms`;
  return {
    scenario: name,
    'req/s': Math.round(r.ok / r.seconds),
    'travellers/s': Math.round((r.ok / r.seconds) * travellers),
    p50: ms(50),
    p90: ms(90),
    p99: ms(99),
    max: ms(100),
    errors: r.errors,
    '503s': r.unavailable,
    ok: r.ok,
  };
}

const check = () => JSON.stringify(gen.check());
const rows: Array<Record<string, string | number>> = [];
const log = (row: Record<string, string | number>) => {
  rows.push(row);
  console.log(table([row]));
};
// Warm up until throughput settles: a fresh worker decodes list spellings on first touch and the JIT
// is cold, so the first seconds run at half speed or less (measured: 738 → 1,268 → 1,733 checks/s).
let previous = 0;
for (let round = 1; round <= 8; round++) {
  const w = await run({
    name: 'warm-up',
    port: PORT,
    path: '/v1/travellers/check',
    body: check,
    travellers: 1,
    connections: 20,
  });
  const rate = Number(w['req/s']);
  console.log(`warm-up round ${round}: ${rate} checks/s`);
  if (previous > 0 && Math.abs(rate - previous) / previous < 0.1) break;
  previous = rate;
}
const batch50 = () => JSON.stringify(gen.manifest(50));
let bareRow: Record<string, string | number> | null = null;
let max: Record<string, string | number> | null = null;
if (FULL) {
  bareRow = await run({
    name: 'bare fastify, check payload',
    port: BARE,
    path: '/v1/travellers/check',
    body: check,
    travellers: 1,
    connections: 20,
  });
  log(bareRow);
  max = await run({
    name: 'interactive checks, max',
    port: PORT,
    path: '/v1/travellers/check',
    body: check,
    travellers: 1,
    connections: 20,
  });
  log(max);
  // Twice as long as the others: a screening worker's major GC comes every 20 s or so, and whether one
  // fell inside a short window decided the p99.
  log(await runPaced('interactive checks @500/s (open loop)', '/v1/travellers/check', check, 1, 500, SECONDS * 2));
  log(
    await run({ name: 'batch 50', port: PORT, path: '/v1/manifests', body: batch50, travellers: 50, connections: 4 }),
  );
}
// One connection: each batch has the service to itself (the latency of one flight's manifest; twice
// the length for a sample of ~140). Two: the service is saturated and each batch waits for the other,
// a throughput figure. At 3/s (1,500 travellers/s, far above any one border's peak), arrivals at
// random overlap as flights close together: the latency a carrier sees then.
const batch500 = () => JSON.stringify(gen.manifest(500));
log(
  await run({
    name: 'batch 500, one at a time',
    port: PORT,
    path: '/v1/manifests',
    body: batch500,
    travellers: 500,
    connections: 1,
    seconds: SECONDS * 2,
  }),
);
if (FULL) {
  log(
    await run({
      name: 'batch 500, two at a time',
      port: PORT,
      path: '/v1/manifests',
      body: batch500,
      travellers: 500,
      connections: 2,
    }),
  );
  log(await runPaced('batch 500 @3/s (open loop)', '/v1/manifests', batch500, 500, 3, SECONDS * 2));
  // Check-ins while batches arrive at a rate the service keeps up with, then while two closed-loop
  // batch connections saturate it (where check-ins compete with batch work for the CPU).
  for (const row of await Promise.all([
    runPaced('mix: checks @300/s (open loop)', '/v1/travellers/check', check, 1, 300),
    runPaced('mix: batch 50 @20/s (open loop)', '/v1/manifests', batch50, 50, 20),
  ]))
    log(row);
  for (const row of await Promise.all([
    runPaced('saturated mix: checks @300/s (open loop)', '/v1/travellers/check', check, 1, 300),
    run({
      name: 'saturated mix: batch 50 (2 connections)',
      port: PORT,
      path: '/v1/manifests',
      body: batch50,
      travellers: 50,
      connections: 2,
    }),
  ]))
    log(row);
  const sustainable = Number(max?.['req/s']);
  log(
    await runPaced(
      `overload: checks @${sustainable * 2}/s (open loop)`,
      '/v1/travellers/check',
      check,
      1,
      sustainable * 2,
    ),
  );
}

console.log(`\nnode ${process.version} · ${LIST + 10}-entry list · ${SECONDS} s per scenario\n`);
console.log(table(rows));
if (max && bareRow)
  console.log(
    `\nservice / bare fastify on interactive checks: ${((100 * Number(max['req/s'])) / Number(bareRow['req/s'])).toFixed(0)}% of requests/s`,
  );
// The whole service's memory after every scenario, list loaded (Linux: the process's resident set).
try {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1]);
  console.log(`service RSS after the run: ${(kb / 1024 / 1024).toFixed(2)} GB`);
} catch {
  // not Linux: no /proc
}
// The data folder goes once the service has closed its database.
service.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
service.kill('SIGTERM');
bare.kill('SIGTERM');
