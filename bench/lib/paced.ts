/**
 * Open-loop load at a fixed average rate: requests leave on a Poisson schedule whether or not earlier
 * ones have been answered, and each latency is counted from when the request was due to leave, so a
 * slow server (or a busy load generator) cannot hide its queueing.
 *
 * Why not autocannon's `overallRate` for the paced scenarios: autocannon 8 gives each connection a
 * quota per second that it spends back-to-back from the top of the second, so "500/s over 20
 * connections" is a burst at full concurrency followed by silence; and in that mode it corrects for
 * coordinated omission with an expected interval of `Math.ceil(1 / rate)` — one millisecond whatever
 * the rate — which adds (latency − 1) synthetic samples per response. autocannon stays in use for the
 * closed-loop scenarios (maximum throughput, batches, the bare-fastify baseline).
 */
import { Agent, request } from 'node:http';
import { rng } from './synthetic.ts';

export interface PacedOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  body: () => string;
  /** Average requests per second. */
  rate: number;
  seconds: number;
  /** A request unanswered after this long counts as an error. */
  timeoutMs?: number;
  seed?: number;
}

export interface PacedResult {
  sent: number;
  ok: number;
  unavailable: number;
  errors: number;
  /** Latencies in ms of 200 answers, from each request's scheduled departure, sorted. */
  latencies: number[];
  seconds: number;
}

export async function paced(o: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const random = rng(o.seed ?? 7);
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  let unavailable = 0;
  let errors = 0;
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  const end = start + o.seconds * 1000;
  let due = start;

  const fire = (scheduled: number) => {
    const body = o.body();
    sent++;
    const p = new Promise<void>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: o.port,
          path: o.path,
          method: 'POST',
          agent,
          timeout: o.timeoutMs ?? 10_000,
          headers: { ...o.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) {
              ok++;
              latencies.push(performance.now() - scheduled);
            } else if (res.statusCode === 503) unavailable++;
            else errors++;
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
    pending.add(p);
    void p.then(() => pending.delete(p));
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (due <= now && due < end) {
        fire(due);
        due += (-Math.log(1 - random()) * 1000) / o.rate;
      }
      if (due >= end) return resolve();
      setTimeout(tick, Math.max(0, due - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent, ok, unavailable, errors, latencies, seconds: (performance.now() - start) / 1000 };
}
