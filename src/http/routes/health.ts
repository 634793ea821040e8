import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteContext } from '../context.ts';
import { hasOpsAccess } from '../ops-token.ts';

const Readiness = z.looseObject({ status: z.enum(['ready', 'not-ready']) }).meta({ id: 'Readiness' });

export async function healthRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Watch-lists loaded, store open, pool running',
        description:
          'Everyone gets the status; with the operations token (or none configured) also the checks, the store (kind, up, latency), the pool and the lists.',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (request, reply) => {
      const pinged = performance.now();
      const storeUp = await ctx.store.ping().catch(() => false);
      const store = {
        kind: ctx.store.kind,
        up: storeUp,
        latencyMs: Math.round((performance.now() - pinged) * 100) / 100,
      };
      const checks = {
        watchlists: ctx.watchlists.current() !== null,
        rules: ctx.rules.current() !== null,
        store: storeUp,
        pool: ctx.pool.running,
      };
      const ready = checks.watchlists && checks.rules && checks.store && checks.pool;
      // Saturation is reported, not failed: a saturated instance still answers (with 503 at the door).
      const pool = {
        threads: ctx.pool.threads,
        queueSize: ctx.pool.queueSize,
        utilization: Math.round(ctx.pool.utilization * 1000) / 1000,
        saturated: ctx.pool.saturated,
      };
      const wl = ctx.watchlists.status();
      // Per source: what is in force and what was skipped; a refused load says why (no names: sources and counts).
      const watchlists = {
        version: wl.version,
        entries: wl.entries,
        lists: wl.lists.map((l) => ({
          source: l.source,
          entries: l.entries,
          skipped: l.skippedCount,
          skippedByKind: l.skippedByKind,
        })),
        ...(wl.refused.length > 0 ? { refused: wl.refused } : {}),
        ...(wl.lastError && wl.refused.length === 0 ? { lastError: wl.lastError } : {}),
      };
      const status = ready ? 'ready' : 'not-ready';
      if (!hasOpsAccess(request, ctx.config.opsToken)) return reply.code(ready ? 200 : 503).send({ status });
      return reply
        .code(ready ? 200 : 503)
        .send({ status, checks, store, pool, watchlistEntries: wl.entries, watchlists });
    },
  );
}
