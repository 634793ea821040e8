import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export async function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'Watch-lists loaded, store open, pool running' } }, async (_request, reply) => {
    const checks = {
      watchlists: ctx.watchlists.current() !== null,
      rules: ctx.rules.current() !== null,
      store: await ctx.store.ping().catch(() => false),
      pool: ctx.pool.running,
    };
    const ready = checks.watchlists && checks.rules && checks.store && checks.pool;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks, watchlistEntries: ctx.watchlists.status().entries });
  });
}
