/**
 * Soak: minutes of mixed load (manifests and check-ins from two carriers, some travellers listed)
 * while the service process is killed with SIGKILL every few seconds and started again on the same
 * data folder. Afterwards every acknowledged manifest must be found (a resend returns the same
 * manifest id) and every acknowledged listed traveller must have an alert. Prints requests served,
 * errors, lost manifests and missing alerts (both must be 0), and the service's memory at the start
 * and end of each life. With `--kill worker` the process lives and one of its screening threads is
 * terminated every few seconds (PAXSCREEN_CHAOS_KILL_WORKER_MS): travellers cut off get
 * CONTACT_AUTHORITY and an alert, so nothing is lost and no listed traveller goes unflagged.
 *
 *   npm run bench:soak                                  # 3 minutes, the process SIGKILLed every 8 s
 *   npm run bench:soak -- --kill worker --kill-every 3  # a screening thread terminated every 3 s
 *   npm run bench:soak -- --seconds 60 --kill-every 5
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '180' },
    'kill-every': { type: 'string', default: '8' },
    kill: { type: 'string', default: 'process' },
  },
});
/** `process`: SIGKILL the service and start it again; `worker`: the service terminates one of its screening threads. */
const KILL = values.kill === 'worker' ? 'worker' : 'process';
const SECONDS = Number(values.seconds);
const KILL_EVERY_MS = Number(values['kill-every']) * 1000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORT = 18530;
const BASE = `http://127.0.0.1:${PORT}`;
const TOKENS = { BA: 'dev-carrier-BA-0123456789', XF: 'dev-carrier-XF-0123456789' };
const OFFICER = 'dev-officer-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'paxscreen-soak-'));

let service: ChildProcess | null = null;
const rss: string[] = [];
function rssOf(pid: number | undefined): string {
  try {
    return `${Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024)} MB`;
  } catch {
    return '?';
  }
}
async function start(): Promise<void> {
  service = spawn(process.execPath, [join(ROOT, 'src/server.ts')], {
    env: {
      ...process.env,
      PAXSCREEN_DATA_DIR: dir,
      PAXSCREEN_PORT: String(PORT),
      PAXSCREEN_LOG_LEVEL: 'error',
      PAXSCREEN_LIST_POLL_MS: '0',
      PAXSCREEN_CHECKIN_RATE_PER_MINUTE: '0',
      PAXSCREEN_CHAOS_KILL_WORKER_MS: KILL === 'worker' ? String(KILL_EVERY_MS) : '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if ((await fetch(`${BASE}/readyz`).catch(() => null))?.status === 200) {
      rss.push(`start ${rssOf(service.pid)}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('service not ready');
}
function kill(): Promise<void> {
  const s = service;
  if (!s || s.exitCode !== null) return Promise.resolve();
  rss.push(`end ${rssOf(s.pid)}`);
  return new Promise((resolve) => {
    s.once('exit', () => resolve());
    s.kill('SIGKILL');
  });
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const dep = new Date(Date.now() + 2 * 86_400_000);
const journey = (carrier: string, n: number) => ({
  mode: 'air',
  carrier,
  serviceNumber: `${carrier}${1000 + (n % 400)}`,
  departure: { port: 'CDG', country: 'FRA', scheduled: iso(dep) },
  arrival: { port: 'LHR', country: 'GBR', scheduled: iso(new Date(dep.getTime() + 7_200_000)) },
});
// The demo list's KOVALENKO: one traveller in twenty is listed.
const person = (ref: string, listed: boolean) =>
  listed
    ? {
        ref,
        role: 'passenger',
        surname: 'KOVALENKO',
        givenNames: 'DMYTRO OLEKSANDROVYCH',
        sex: 'M',
        dateOfBirth: '1979-04-12',
        nationality: 'UKR',
        documents: [{ type: 'P', number: `K${ref}`, issuingCountry: 'UKR' }],
      }
    : {
        ref,
        role: 'passenger',
        surname: `SOAK${ref}`,
        givenNames: 'ORDINARY',
        sex: 'F',
        dateOfBirth: '1985-05-05',
        nationality: 'FRA',
        documents: [{ type: 'P', number: `S${ref}`, issuingCountry: 'FRA' }],
      };

interface Sent {
  carrier: 'BA' | 'XF';
  body: object;
  manifestId: string;
  listedRefs: string[];
}
const acknowledged: Sent[] = [];
let served = 0;
let errors = 0;
let refused = 0;
let n = 0;

async function one(): Promise<void> {
  const i = n++;
  const carrier = i % 2 ? 'XF' : 'BA';
  const size = i % 5 === 0 ? 50 : 5;
  const travellers = Array.from({ length: size }, (_, k) => person(`S${i}-${k}`, (i * 7 + k) % 20 === 0));
  const body = { messageRef: `SOAK-${i}`, kind: 'new', journey: journey(carrier, i), travellers };
  try {
    const res = await fetch(`${BASE}/v1/manifests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS[carrier]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 200) {
      served++;
      const json = (await res.json()) as { manifestId: string };
      acknowledged.push({
        carrier,
        body,
        manifestId: json.manifestId,
        listedRefs: travellers.filter((t) => t.surname === 'KOVALENKO').map((t) => t.ref),
      });
    } else if (res.status === 503) refused++;
    else errors++;
  } catch {
    // the process died under the request: not acknowledged, nothing to check
  }
}

await start();
const ends = Date.now() + SECONDS * 1000;
let nextKill = Date.now() + KILL_EVERY_MS;
let lives = 1;
while (Date.now() < ends) {
  await Promise.all(Array.from({ length: 8 }, () => one()));
  if (KILL === 'process' && Date.now() >= nextKill) {
    await kill();
    await start();
    lives++;
    nextKill = Date.now() + KILL_EVERY_MS;
  }
}

// Every acknowledged manifest is found; every acknowledged listed traveller has an alert.
let lost = 0;
for (const s of acknowledged) {
  const res = await fetch(`${BASE}/v1/manifests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS[s.carrier]}`, 'content-type': 'application/json' },
    body: JSON.stringify(s.body),
  });
  if (res.status !== 200 || ((await res.json()) as { manifestId: string }).manifestId !== s.manifestId) lost++;
}
const alerted = new Set<string>();
for (let cursor: string | null = null, first = true; first || cursor; first = false) {
  const page = (await (
    await fetch(`${BASE}/v1/alerts?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${OFFICER}` },
    })
  ).json()) as { items: Array<{ travellerRef: string }>; nextCursor: string | null };
  for (const a of page.items) alerted.add(a.travellerRef);
  cursor = page.nextCursor;
}
const metrics = await (await fetch(`${BASE}/metrics`)).text();
const metric = (name: string) =>
  /\S+ (\S+)$/.exec(metrics.split('\n').find((l) => l.startsWith(`${name} `)) ?? '')?.[1] ?? '?';
const listed = acknowledged.flatMap((s) => s.listedRefs);
const missing = listed.filter((r) => !alerted.has(r)).length;
await kill();
rmSync(dir, { recursive: true, force: true });

console.log(
  KILL === 'process'
    ? `soak: ${SECONDS} s, ${lives} lives (SIGKILL every ${KILL_EVERY_MS / 1000} s), node ${process.version}`
    : `soak: ${SECONDS} s, a screening thread terminated every ${KILL_EVERY_MS / 1000} s, node ${process.version}`,
);
console.log(`  manifests acknowledged ${served}, refused with 503 ${refused}, other errors ${errors}`);
console.log(
  `  lost manifests ${lost} (must be 0); listed travellers acknowledged ${listed.length}, alerts missing ${missing} (must be 0)`,
);
console.log(
  `  last life: worker task failures ${metric('paxscreen_worker_task_failures')}, manifests answered incomplete ${metric('paxscreen_incomplete_manifests_total')}`,
);
console.log(`  service memory per life: ${rss.join(' · ')}`);
process.exit(lost === 0 && missing === 0 ? 0 : 1);
