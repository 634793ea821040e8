import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ManifestResponse as ManifestResponseType } from '../../domain/contracts/manifest.ts';
import { Journey, Manifest, ManifestResponse, Traveller } from '../../domain/contracts/manifest.ts';
import { Directive } from '../../domain/contracts/common.ts';
import { PaxError } from '../../errors.ts';
import { writeCusres } from '../../ingest/paxlst/cusres.ts';
import type { PaxlstWarning } from '../../ingest/paxlst/map.ts';
import { parsePaxlst, PaxlstUnusable } from '../../ingest/paxlst/map.ts';
import { sha256, submitManifest } from '../../screening/manifest-service.ts';
import type { Submission } from '../../screening/manifest-service.ts';
import { principalOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import type { Metrics } from '../metrics.ts';
import { ErrorBodySchema } from '../schemas.ts';
import type { Urgency } from '../../screening/dispatcher.ts';

declare module 'fastify' {
  interface FastifyRequest {
    paxlst: { warnings: PaxlstWarning[]; sender: string | null } | null;
  }
}

const EDIFACT_TYPES = ['application/edifact', 'application/edi-x12', 'text/plain'];
const ERRORS = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 409: ErrorBodySchema, 413: ErrorBodySchema, 503: ErrorBodySchema };

const CheckRequest = z
  .object({
    messageRef: z.string().trim().min(1).max(64).optional().describe('idempotency key; defaults to the traveller and journey'),
    journey: Journey,
    traveller: Traveller,
  })
  .meta({ id: 'CheckRequest' });

export async function manifestRoutes(app: FastifyInstance, ctx: AppContext, metrics: Metrics) {
  app.decorateRequest('paxlst', null);
  // UN/EDIFACT PAXLST arrives on the same routes: mapped to the native manifest before validation.
  app.addContentTypeParser(EDIFACT_TYPES, { parseAs: 'string', bodyLimit: ctx.config.maxBodyBytes }, (request, body, done) => {
    try {
      const r = parsePaxlst(body as string);
      request.paxlst = { warnings: r.warnings, sender: r.sender };
      done(null, request.url.startsWith('/v1/travellers/check') ? { messageRef: r.manifest.messageRef, journey: r.manifest.journey, traveller: r.manifest.travellers[0] } : r.manifest);
    } catch (e) {
      if (e instanceof PaxlstUnusable) {
        done(new PaxError('INVALID_REQUEST', `Unusable PAXLST message: ${e.message}`, e.warnings.map((w) => ({ path: `segment ${w.segment} ${w.tag}`, message: w.reason }))));
      } else done(e as Error);
    }
  });

  // Requests in progress: the pool queue alone does not see work waiting on the event loop or the store.
  let inFlight = 0;
  // Backpressure: refuse at the door rather than queue without end (nothing is stored for a 503).
  const refuseWhenSaturated = () => {
    if (ctx.pool.saturated || inFlight >= ctx.config.maxInFlight) {
      metrics.saturated.inc();
      throw new PaxError('SATURATED');
    }
  };
  // Checked first as the request arrives, before its body is read and validated: under overload a
  // refusal then costs little of the event loop the accepted requests need.
  const refuseEarly = async () => refuseWhenSaturated();
  const screen = async (request: FastifyRequest, manifest: Manifest, budgetMs: number, urgency: Urgency) => {
    const principal = principalOf(request);
    const watchlist = ctx.watchlists.current();
    const rules = ctx.rules.current();
    const rulesSnapshot = ctx.rules.snapshot();
    if (!watchlist || !rules || !rulesSnapshot) throw new PaxError('NOT_READY', 'Watch-lists or rules are still loading; retry shortly');
    refuseWhenSaturated();
    inFlight++;
    const submission: Submission = { carrier: principal.carrier ?? '', manifest, bodySha256: sha256(JSON.stringify(manifest)) };
    if (request.paxlst) submission.warnings = request.paxlst.warnings;
    return submitManifest(
      {
        store: ctx.store,
        pool: ctx.pool,
        state: () => ({ watchlist, rules, rulesSnapshot }),
        thresholds: ctx.config.thresholds,
        budgetMs,
        chunkSize: 25,
        urgency,
        retentionDays: ctx.config.retentionDays,
        maxJourneyTravellers: ctx.config.maxJourneyTravellers,
        inFlight: ctx.inFlight,
        onIncomplete: () => ctx.rescreen.retrySoon(),
        log: request.log,
      },
      submission,
    )
      .then((result) => {
        if (!result.replayed) {
          for (const d of result.response.directives) metrics.directives.inc({ directive: d.directive });
          if (!result.response.complete) metrics.incomplete.inc();
        }
        return result;
      })
      .finally(() => {
        inFlight--;
      });
  };

  const wantsEdifact = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/edifact');
  const sendCusres = (request: FastifyRequest, reply: FastifyReply, manifest: Manifest, response: ManifestResponseType) => {
    const cusres = writeCusres({ recipient: request.paxlst?.sender ?? manifest.journey.carrier, messageRef: manifest.messageRef, journey: manifest.journey, directives: response.directives });
    return reply.type('application/edifact').serializer((x) => x as string).send(cusres);
  };

  const travellerLimit = async (request: FastifyRequest) => {
    const travellers = (request.body as { travellers?: unknown } | null)?.travellers;
    if (Array.isArray(travellers) && travellers.length > ctx.config.maxTravellers) {
      throw new PaxError('TOO_MANY_TRAVELLERS', undefined, [{ path: 'travellers', message: `has ${travellers.length} travellers; at most ${ctx.config.maxTravellers} per message` }]);
    }
  };

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/manifests',
    {
      config: { roles: ['carrier'] },
      onRequest: refuseEarly,
      bodyLimit: ctx.config.maxBodyBytes,
      schema: {
        tags: ['carriers'],
        summary: 'Submit a manifest (JSON or UN/EDIFACT PAXLST) and get a board directive for every traveller',
        description: 'Idempotent per carrier and messageRef. The answer never says why. Send Content-Type application/edifact (or text/plain) for PAXLST; send Accept: application/edifact to get CUSRES back.',
        security: [{ bearer: [] }],
        body: Manifest,
        response: { 200: ManifestResponse, ...ERRORS },
      },
      preValidation: travellerLimit,
    },
    async (request, reply) => {
      const budget = ctx.config.carrierBudgetsMs[principalOf(request).carrier ?? ''] ?? ctx.config.batchBudgetMs;
      const { response, replayed } = await screen(request, request.body, budget, 'batch');
      if (replayed) reply.header('idempotent-replayed', 'true');
      if (wantsEdifact(request)) return sendCusres(request, reply, request.body, response);
      return response;
    },
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/travellers/check',
    {
      config: { roles: ['carrier'] },
      onRequest: refuseEarly,
      schema: {
        tags: ['carriers'],
        summary: 'Interactive check-in: screen one traveller inside the interactive budget',
        description: 'JSON {journey, traveller} or a one-traveller PAXLST. The flight’s later batch recognises the traveller already screened and raises no second alert.',
        security: [{ bearer: [] }],
        body: CheckRequest,
        response: { 200: z.object({ ref: z.string(), directive: Directive, complete: z.boolean(), elapsedMs: z.number(), manifestId: z.string() }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { journey, traveller } = request.body;
      const messageRef = request.body.messageRef ?? `check:${sha256(JSON.stringify({ journey, traveller })).slice(0, 40)}`;
      const manifest: Manifest = { messageRef, kind: 'new', journey, travellers: [traveller] };
      const { response, replayed } = await screen(request, manifest, ctx.config.interactiveBudgetMs, 'interactive');
      if (replayed) reply.header('idempotent-replayed', 'true');
      if (wantsEdifact(request)) return sendCusres(request, reply, manifest, response);
      const d = response.directives[0];
      return { ref: traveller.ref, directive: d?.directive ?? 'CONTACT_AUTHORITY', complete: response.complete, elapsedMs: response.elapsedMs, manifestId: response.manifestId };
    },
  );
}
