import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Manifest, ManifestResponse } from '../../domain/contracts/manifest.ts';
import { PaxError } from '../../errors.ts';
import { sha256, submitManifest } from '../../screening/manifest-service.ts';
import { principalOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { ErrorBodySchema } from '../schemas.ts';

export async function manifestRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/manifests',
    {
      config: { roles: ['carrier'] },
      bodyLimit: ctx.config.maxBodyBytes,
      schema: {
        tags: ['carriers'],
        summary: 'Submit a manifest and get a board directive for every traveller',
        description: 'Idempotent per carrier and messageRef. The answer never says why.',
        security: [{ bearer: [] }],
        body: Manifest,
        response: { 200: ManifestResponse, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 409: ErrorBodySchema, 413: ErrorBodySchema, 503: ErrorBodySchema },
      },
      preValidation: async (request) => {
        const travellers = (request.body as { travellers?: unknown } | null)?.travellers;
        if (Array.isArray(travellers) && travellers.length > ctx.config.maxTravellers) {
          throw new PaxError('TOO_MANY_TRAVELLERS', undefined, [
            { path: 'travellers', message: `has ${travellers.length} travellers; at most ${ctx.config.maxTravellers} per message` },
          ]);
        }
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const watchlist = ctx.watchlists.current();
      const rules = ctx.rules.current();
      if (!watchlist || !rules) throw new PaxError('NOT_READY', 'Watch-lists or rules are still loading; retry shortly');
      const state = { watchlist, rules: { version: rules.version, rules: rules.rules } };
      const { response, replayed } = await submitManifest(
        {
          store: ctx.store,
          pool: ctx.pool,
          state: () => state,
          thresholds: ctx.config.thresholds,
          budgetMs: ctx.config.batchBudgetMs,
          chunkSize: 25,
          retentionDays: ctx.config.retentionDays,
          log: request.log,
        },
        { carrier: principal.carrier ?? '', manifest: request.body, bodySha256: sha256(JSON.stringify(request.body)) },
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return response;
    },
  );
}
