/**
 * `npm run bench:load -- --store compare|sqlite|postgres [--instances 2] [--list N] [--seconds S]`:
 * the same check-ins (closed loop, max) and 500-traveller manifests (one at a time per instance)
 * against one instance on SQLite, one on PostgreSQL and two on PostgreSQL, side by side in one
 * run. PostgreSQL is a throwaway cluster from Debian's binaries (tests/helpers/pg-cluster.ts) on
 * this same machine; two instances split the load between them (a client-side round robin: any
 * HTTP load balancer does the same). All on 127.0.0.1, every process stopped at the end.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startCluster } from '../../tests/helpers/pg-cluster.ts';
import { sdnEntries } from './sdn.ts';
import { percentile, table } from './stats.ts';
import { trafficGenerator } from './traffic.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'dev-carrier-BA-0123456789';
const AUDIT_KEY = 'bench-audit-key-0123456789abcdef0123';

interface Setup {
  name: string;
  store: 'sqlite' | 'postgres';
  instances: number;
}

async function waitReady(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

const rss = (pid: number | undefined) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024 / 1024;
  } catch {
    return Number.NaN;
  }
};

export async function compareStores(o: { setups: Setup[]; listFile: string; listSize: number; seconds: number }) {
  const gen = trafficGenerator(await sdnEntries(), 5);
  const rows: Array<Record<string, string | number>> = [];
  let port = 18610;
  for (const setup of o.setups) {
    const cluster = setup.store === 'postgres' ? await startCluster() : null;
    if (setup.store === 'postgres' && !cluster) throw new Error('no PostgreSQL binaries: apt-get install postgresql');
    const servers: Array<{ child: ChildProcess; port: number; dataDir: string }> = [];
    try {
      for (let i = 0; i < setup.instances; i++) {
        const p = port++;
        const dataDir = mkdtempSync(join(tmpdir(), 'paxscreen-stores-'));
        const child = fork(join(ROOT, 'src/server.ts'), [], {
          env: {
            ...process.env,
            PAXSCREEN_PORT: String(p),
            PAXSCREEN_DATA_DIR: dataDir,
            PAXSCREEN_WATCHLISTS: `${join(ROOT, 'fixtures/watchlists/demo.jsonl')},${o.listFile}`,
            PAXSCREEN_LOG_LEVEL: 'warn',
            PAXSCREEN_LIST_POLL_MS: '0',
            PAXSCREEN_CHECKIN_RATE_PER_MINUTE: '0',
            PAXSCREEN_CHECKIN_WINDOW_HOURS: '0',
            ...(cluster ? { PAXSCREEN_DATABASE_URL: cluster.url, PAXSCREEN_AUDIT_KEY: AUDIT_KEY } : {}),
          },
          stdio: 'inherit',
        });
        servers.push({ child, port: p, dataDir });
      }
      await Promise.all(servers.map((s) => waitReady(`http://127.0.0.1:${s.port}/readyz`, 300_000)));
      const check = () => JSON.stringify(gen.check());
      const checks = async (seconds: number) => {
        const results = await Promise.all(
          servers.map((s) =>
            autocannon({
              url: `http://127.0.0.1:${s.port}`,
              connections: Math.ceil(20 / servers.length),
              duration: seconds,
              requests: [
                {
                  method: 'POST',
                  path: '/v1/travellers/check',
                  headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
                  setupRequest: (req) => ({ ...req, body: check() }),
                },
              ],
            }),
          ),
        );
        return {
          perSecond: results.reduce((n, r) => n + r.requests.average, 0),
          p99: Math.max(...results.map((r) => r.latency.p99)),
          non2xx: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
        };
      };
      // Warm-up (JIT, the workers' word caches), then the measured runs.
      await checks(Math.min(10, o.seconds));
      const c = await checks(o.seconds);
      // 500-traveller manifests, one at a time on each instance.
      const latencies: number[] = [];
      let errors = 0;
      const until = Date.now() + o.seconds * 2000;
      await Promise.all(
        servers.map(async (s) => {
          while (Date.now() < until) {
            const body = JSON.stringify(gen.manifest(500));
            const t0 = performance.now();
            const res = await fetch(`http://127.0.0.1:${s.port}/v1/manifests`, {
              method: 'POST',
              headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
              body,
            });
            await res.arrayBuffer();
            if (res.status === 200) latencies.push(performance.now() - t0);
            else errors++;
          }
        }),
      );
      latencies.sort((x, y) => x - y);
      rows.push({
        setup: setup.name,
        'checks/s (max)': Math.round(c.perSecond),
        'checks p99': `${c.p99} ms`,
        'batch 500: manifests': latencies.length,
        'batch 500 p50': `${Math.round(percentile(latencies, 50))} ms`,
        'batch 500 p99': `${Math.round(percentile(latencies, 99))} ms`,
        'errors/503s': c.non2xx + errors,
        'RSS per instance': `${(servers.reduce((n, s) => n + rss(s.child.pid), 0) / servers.length).toFixed(2)} GB`,
      });
      console.log(table(rows.slice(-1)));
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(
        servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))),
      );
      cluster?.stop();
      for (const s of servers) rmSync(s.dataDir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nnode ${process.version} · ${o.listSize + 10}-entry list · ${o.seconds} s of checks, ${o.seconds * 2} s of batches per setup · one 2-core machine for services, PostgreSQL and load\n`,
  );
  console.log(table(rows));
}
