/**
 * Re-screening after a watch-list change (issue 13): N active travellers on journeys not yet arrived
 * are re-screened against the new list while check-ins arrive at a steady rate; prints how long the
 * pass took, how many travellers and alerts it produced, and the check-ins' latency meanwhile.
 * 127.0.0.1 only, bounded in time; the service is started and stopped here.
 *
 *   npm run bench:rescreen                                  # 1M-name list, 100,000 travellers, checks at 300/s
 *   npm run bench:rescreen -- --list 100000 --travellers 20000 --rate 300
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sdnEntries } from './lib/sdn.ts';
import { paced } from './lib/paced.ts';
import { percentile, table } from './lib/stats.ts';
import { trafficGenerator } from './lib/traffic.ts';

const { values } = parseArgs({
  options: {
    list: { type: 'string', default: '1000000' },
    travellers: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '300' },
    'check-seconds': { type: 'string', default: '10' },
  },
});
const CHECK_SECONDS = Number(values['check-seconds']);
const LIST = Number(values.list);
const TRAVELLERS = Number(values.travellers);
const RATE = Number(values.rate);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORT = 18520;
const CARRIER = { authorization: 'Bearer dev-carrier-BA-0123456789', 'content-type': 'application/json' };
const SUPERVISOR = 'Bearer dev-supervisor-0123456789';
const base = `http://127.0.0.1:${PORT}`;

const listFile = `/tmp/paxscreen-list-${LIST}.jsonl`;
if (!existsSync(listFile)) {
  console.log(`building ${listFile}…`);
  await new Promise<void>((resolve, reject) =>
    fork(join(ROOT, 'bench/make-list.ts'), [String(LIST), listFile]).on('exit', (c) =>
      c === 0 ? resolve() : reject(new Error('make-list failed')),
    ),
  );
}
const dataDir = mkdtempSync(join(tmpdir(), 'paxscreen-rescreen-'));
const service = fork(join(ROOT, 'src/server.ts'), [], {
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
const stop = () => {
  service.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('exit', () => service.kill('SIGKILL'));

const metric = async (name: string) => {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
};
const until = async (what: () => Promise<boolean>, timeoutMs: number, label: string) => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if (await what()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${label}: not after ${timeoutMs} ms`);
};

try {
  const t0 = Date.now();
  await until(async () => (await fetch(`${base}/readyz`)).status === 200, 300_000, 'ready');
  console.log(`service ready with ${LIST + 10} entries after ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const gen = trafficGenerator(await sdnEntries(), 7);
  const t1 = Date.now();
  let loaded = 0;
  while (loaded < TRAVELLERS) {
    const size = Math.min(500, TRAVELLERS - loaded);
    const res = await fetch(`${base}/v1/manifests`, {
      method: 'POST',
      headers: CARRIER,
      body: JSON.stringify(gen.manifest(size)),
    });
    if (res.status !== 200) throw new Error(`manifest refused: ${res.status} ${await res.text()}`);
    loaded += size;
  }
  console.log(`${loaded} active travellers posted in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  const before = await metric('paxscreen_rescreen_travellers');

  // The list change: one new DO_NOT_BOARD entry uploaded; the index is rebuilt (1M names: ~35 s),
  // then every active traveller is re-screened against it.
  const t2 = Date.now();
  const entry = {
    id: 'BENCH-1',
    list: 'x',
    category: 'excluded',
    action: 'DO_NOT_BOARD',
    names: [{ surname: 'BENCHMARKOVA', givenNames: 'RESCREEN' }],
    dateOfBirth: '1990-01-01',
  };
  const upload = fetch(`${base}/v1/watchlists/bench-change`, {
    method: 'POST',
    headers: { authorization: SUPERVISOR, 'content-type': 'application/x-ndjson' },
    body: JSON.stringify(entry),
  });
  await until(async () => (await metric('paxscreen_rescreen_running')) === 1, 600_000, 're-screening start');
  console.log(`index rebuilt and re-screening started ${((Date.now() - t2) / 1000).toFixed(0)} s after the upload`);

  // Check-ins at a steady rate from the start of the pass, for CHECK_SECONDS (bounded).
  const t3 = Date.now();
  let checks: Awaited<ReturnType<typeof paced>> | null = null;
  const checking = paced({
    port: PORT,
    path: '/v1/travellers/check',
    headers: CARRIER,
    body: () => JSON.stringify(gen.check()),
    rate: RATE,
    seconds: CHECK_SECONDS,
  }).then((r) => (checks = r));
  await until(
    async () =>
      (await metric('paxscreen_rescreen_running')) === 0 && (await metric('paxscreen_rescreen_travellers')) > before,
    600_000,
    're-screening end',
  );
  const wall = (Date.now() - t3) / 1000;
  await checking;
  await upload;
  const duration = await metric('paxscreen_rescreen_last_duration_seconds');
  const rescreened = (await metric('paxscreen_rescreen_travellers')) - before;
  const raised = await metric('paxscreen_rescreen_alerts_raised');
  const c = checks as unknown as Awaited<ReturnType<typeof paced>>;
  const ms = (p: number) => `${Math.round(percentile(c.latencies, p))} ms`;
  console.log(
    `\n${table([
      {
        list: LIST + 10,
        'active travellers': TRAVELLERS,
        're-screened': rescreened,
        'pass duration': `${duration.toFixed(1)} s`,
        'travellers/s': Math.round(rescreened / Math.max(duration, 0.001)),
        'alerts raised': raised,
        'checks/s': Math.round(c.ok / c.seconds),
        'checks p50': ms(50),
        'checks p99': ms(99),
        'checks max': ms(100),
        '503s': c.unavailable,
        errors: c.errors,
      },
    ])}`,
  );
  console.log(
    `(checks at ${RATE}/s open loop for ${CHECK_SECONDS} s from the start of the pass, which took ${wall.toFixed(0)} s to end as seen here: ${wall >= CHECK_SECONDS ? 'every check overlapped re-screening' : 'some checks ran after it ended'})`,
  );
} finally {
  stop();
}
