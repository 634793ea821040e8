import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from './context.ts';

export interface Metrics {
  registry: Registry;
  directives: Counter<'directive'>;
  incomplete: Counter;
  checkIns: Counter<'carrier'>;
  checkInHits: Counter<'carrier'>;
}

/**
 * Prometheus metrics on one registry per app (tests build several apps in one process): Node's own
 * (event-loop delay included), request rates and latencies per route, directives issued, check-ins and their hits, alerts raised by re-screening,
 * and the worker pool's utilisation and queue, read when scraped.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const requests = new Histogram({
    name: 'paxscreen_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const metrics: Metrics = {
    registry,
    directives: new Counter({
      name: 'paxscreen_directives_total',
      help: 'Board directives answered, by directive',
      labelNames: ['directive'],
      registers: [registry],
    }),
    incomplete: new Counter({
      name: 'paxscreen_incomplete_manifests_total',
      help: 'Manifests answered before all travellers were fully screened (fail closed)',
      registers: [registry],
    }),
    checkIns: new Counter({
      name: 'paxscreen_checkins_total',
      help: 'Interactive check-ins answered, by carrier',
      labelNames: ['carrier'],
      registers: [registry],
    }),
    checkInHits: new Counter({
      name: 'paxscreen_checkin_hits_total',
      help: 'Check-ins answered with anything but OK_TO_BOARD, by carrier (watch the ratio to paxscreen_checkins_total)',
      labelNames: ['carrier'],
      registers: [registry],
    }),
  };
  let refusalsSeen = 0;
  new Counter({
    name: 'paxscreen_saturated_rejections_total',
    help: 'Carrier messages (manifests, check-ins, booking pushes) refused with 503 SATURATED: the screening queue was full or PAXSCREEN_MAX_IN_FLIGHT messages were being screened',
    registers: [registry],
    collect() {
      this.inc(ctx.intake.refusals - refusalsSeen);
      refusalsSeen = ctx.intake.refusals;
    },
  });
  new Gauge({
    name: 'paxscreen_pool_utilization',
    help: 'Share of worker time spent screening (0–1)',
    registers: [registry],
    collect() {
      this.set(ctx.pool.utilization);
    },
  });
  new Gauge({
    name: 'paxscreen_pool_queue_size',
    help: 'Screening tasks waiting for a worker',
    registers: [registry],
    collect() {
      this.set(ctx.pool.queueSize);
    },
  });
  new Gauge({
    name: 'paxscreen_pool_threads',
    help: 'Screening worker threads',
    registers: [registry],
    collect() {
      this.set(ctx.pool.threads);
    },
  });
  new Gauge({
    name: 'paxscreen_watchlist_entries',
    help: 'Watch-list entries in the index in force',
    registers: [registry],
    collect() {
      this.set(ctx.watchlists.status().entries);
    },
  });
  new Gauge({
    name: 'paxscreen_watchlist_source_entries',
    help: 'Entries each list source gave to the index in force',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.reset();
      for (const l of ctx.watchlists.status().lists) this.set({ source: l.source }, l.entries);
    },
  });
  new Gauge({
    name: 'paxscreen_watchlist_skipped_records',
    help: 'Records of each list source skipped in the load in force, by kind of reason',
    labelNames: ['source', 'reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const l of ctx.watchlists.status().lists)
        for (const [reason, n] of Object.entries(l.skippedByKind)) this.set({ source: l.source, reason }, n);
    },
  });
  new Gauge({
    name: 'paxscreen_worker_task_failures',
    help: 'Screening tasks that failed in a worker (exception or thread death) since start',
    registers: [registry],
    collect() {
      this.set(ctx.pool.taskFailures);
    },
  });
  new Gauge({
    name: 'paxscreen_rescreen_travellers',
    help: 'Travellers re-screened since start (list or rule change, resumed or retried screening)',
    registers: [registry],
    collect() {
      this.set(ctx.rescreen.stats().travellers);
    },
  });
  new Gauge({
    name: 'paxscreen_rescreen_alerts_raised',
    help: 'Alerts raised by re-screening since start',
    registers: [registry],
    collect() {
      this.set(ctx.rescreen.stats().alertsRaised);
    },
  });
  new Gauge({
    name: 'paxscreen_rescreen_alerts_closed',
    help: '"Screening incomplete" alerts closed automatically by re-screening since start',
    registers: [registry],
    collect() {
      this.set(ctx.rescreen.stats().alertsClosed);
    },
  });
  new Gauge({
    name: 'paxscreen_rescreen_running',
    help: '1 while a re-screening pass runs',
    registers: [registry],
    collect() {
      this.set(ctx.rescreen.stats().running ? 1 : 0);
    },
  });
  new Gauge({
    name: 'paxscreen_rescreen_last_duration_seconds',
    help: 'Duration of the last re-screening pass',
    registers: [registry],
    collect() {
      this.set((ctx.rescreen.stats().lastRun?.durationMs ?? 0) / 1000);
    },
  });
  new Gauge({
    name: 'paxscreen_watchlist_loads_refused',
    help: 'Watch-list loads refused since start (the previous index stayed in force)',
    registers: [registry],
    collect() {
      this.set(ctx.watchlists.status().refusals);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        produces: ['text/plain'],
        response: { 200: z.string().describe('Prometheus text exposition format') },
      },
    },
    async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
  return metrics;
}
