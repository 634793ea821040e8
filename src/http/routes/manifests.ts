import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ManifestResponse as ManifestResponseType } from '../../domain/contracts/manifest.ts';
import { Journey, Manifest, ManifestResponse, Traveller } from '../../domain/contracts/manifest.ts';
import { Directive } from '../../domain/contracts/common.ts';
import { PaxError } from '../../errors.ts';
import { nameProblem } from '../../domain/names/usable.ts';
import { writeCusres } from '../../ingest/paxlst/cusres.ts';
import type { PaxlstResult, PaxlstWarning } from '../../ingest/paxlst/map.ts';
import { parsePaxlst, PaxlstUnusable } from '../../ingest/paxlst/map.ts';
import type { SubmissionResult } from '../../screening/submit-manifest.ts';
import { principalOf } from '../auth.ts';
import { CARRIERS } from '../roles.ts';
import type { RouteContext } from '../context.ts';
import { sha256Hex } from '../credentials.ts';
import { ErrorBodySchema } from '../schemas.ts';
import type { Urgency } from '../../screening/dispatcher.ts';
import rateLimit from '@fastify/rate-limit';

declare module 'fastify' {
  interface FastifyRequest {
    paxlst: { warnings: PaxlstWarning[]; sender: string | null } | null;
  }
}

const EDIFACT_TYPES = ['application/edifact', 'application/edi-x12', 'text/plain'];
const ERROR_RESPONSES = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  503: ErrorBodySchema,
};

const CheckRequest = z
  .object({
    messageRef: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe('idempotency key; defaults to the traveller and journey'),
    journey: Journey,
    traveller: Traveller,
  })
  .meta({ id: 'CheckRequest' });

export async function manifestRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.decorateRequest('paxlst', null);
  // Check-ins answer one name at a time: per carrier token, a bounded rate keeps the endpoint from
  // being used to test names against the lists (429 with Retry-After beyond it).
  await app.register(rateLimit, { global: false });
  const checkInLimit =
    ctx.config.checkInRatePerMinute > 0
      ? {
          rateLimit: {
            max: ctx.config.checkInRatePerMinute,
            timeWindow: '1 minute',
            keyGenerator: (request: FastifyRequest) => sha256Hex(request.headers.authorization ?? request.ip),
          },
        }
      : {};
  // UN/EDIFACT PAXLST arrives on the same routes: mapped to the native manifest before validation.
  // Bodies above this are parsed in a worker thread: a 5 MB message would hold the event loop ~1 s.
  const INLINE_PAXLST_CHARS = 32_768;
  const unusable = (reason: string, warnings: PaxlstWarning[]) =>
    new PaxError(
      'INVALID_REQUEST',
      `Unusable PAXLST message: ${reason}${warnings.length > 50 ? ` (${warnings.length} problems; the first 50 are listed)` : ''}`,
      warnings.slice(0, 50).map((w) => ({ path: `segment ${w.segment} ${w.tag}`, message: w.reason })),
    );
  app.addContentTypeParser(
    EDIFACT_TYPES,
    { parseAs: 'string', bodyLimit: ctx.config.maxBodyBytes },
    async (request: FastifyRequest, body: string | Buffer) => {
      const text = body as string;
      const urgency: Urgency = request.url.startsWith('/v1/travellers/check') ? 'interactive' : 'batch';
      let r: PaxlstResult;
      if (text.length <= INLINE_PAXLST_CHARS) {
        try {
          r = parsePaxlst(text);
        } catch (e) {
          if (e instanceof PaxlstUnusable) throw unusable(e.message, e.warnings);
          throw e;
        }
      } else {
        const parsed = await ctx.pool.runParse({ kind: 'paxlst', text }, urgency);
        if (!parsed.ok) throw unusable(parsed.reason, parsed.warnings);
        r = parsed.result;
      }
      request.paxlst = { warnings: r.warnings, sender: r.sender };
      return urgency === 'interactive'
        ? { messageRef: r.manifest.messageRef, journey: r.manifest.journey, traveller: r.manifest.travellers[0] }
        : r.manifest;
    },
  );

  // Checked first as the request arrives, before its body is read and validated: under overload a
  // refusal then costs little of the event loop the accepted requests need.
  const refuseEarly = async () => ctx.intake.admit();
  const countDirectives = (result: SubmissionResult) => {
    if (result.replayed) return;
    for (const d of result.response.directives) ctx.metrics.directives.inc({ directive: d.directive });
    if (!result.response.complete) ctx.metrics.incomplete.inc();
  };
  const carrierMessage = (request: FastifyRequest) => ({
    carrier: principalOf(request).carrier ?? '',
    log: request.log,
    ...(request.paxlst ? { warnings: request.paxlst.warnings } : {}),
  });

  const wantsEdifact = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/edifact');
  const sendCusres = (
    request: FastifyRequest,
    reply: FastifyReply,
    manifest: Manifest,
    response: ManifestResponseType,
  ) => {
    const cusres = writeCusres({
      recipient: request.paxlst?.sender ?? manifest.journey.carrier,
      messageRef: manifest.messageRef,
      journey: manifest.journey,
      directives: response.directives,
    });
    return reply
      .type('application/edifact')
      .serializer((x) => x as string)
      .send(cusres);
  };

  /**
   * A JSON name with nothing left to match once invisible characters and punctuation go (`-`, `.`,
   * zero-width spaces) is refused, naming the field: the carrier can send the name. PAXLST cannot be
   * corrected the same way: it is screened and answered CONTACT_AUTHORITY with a warning instead.
   */
  const unusableNames = (request: FastifyRequest, travellers: unknown[], path: (i: number) => string) => {
    if (request.paxlst) return;
    const issues = travellers.flatMap((t, i) => {
      const x = t as { surname?: unknown; givenNames?: unknown } | null;
      if (!x || typeof x.surname !== 'string') return [];
      return nameProblem(x.surname, typeof x.givenNames === 'string' ? x.givenNames : '') === 'no-usable-token'
        ? [
            {
              path: `${path(i)}.surname`,
              message:
                'has no letter or digit once invisible characters and punctuation are removed: send the name as on the travel document',
            },
          ]
        : [];
    });
    if (issues.length > 0)
      throw new PaxError(
        'INVALID_REQUEST',
        `Invalid body: ${issues.length} traveller name${issues.length === 1 ? '' : 's'} cannot be screened`,
        issues.slice(0, 50),
      );
  };
  const travellerLimit = async (request: FastifyRequest) => {
    const travellers = (request.body as { travellers?: unknown } | null)?.travellers;
    if (Array.isArray(travellers) && travellers.length > ctx.config.maxTravellers) {
      throw new PaxError('TOO_MANY_TRAVELLERS', undefined, [
        {
          path: 'travellers',
          message: `has ${travellers.length} travellers; at most ${ctx.config.maxTravellers} per message`,
        },
      ]);
    }
    if (Array.isArray(travellers)) unusableNames(request, travellers, (i) => `travellers[${i}]`);
  };
  const checkedName = async (request: FastifyRequest) => {
    const traveller = (request.body as { traveller?: unknown } | null)?.traveller;
    if (traveller) unusableNames(request, [traveller], () => 'traveller');
  };

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/manifests',
    {
      config: { roles: CARRIERS, audit: false },
      onRequest: refuseEarly,
      bodyLimit: ctx.config.maxBodyBytes,
      schema: {
        tags: ['carriers'],
        summary: 'Submit a manifest (JSON or UN/EDIFACT PAXLST) and get a board directive for every traveller',
        description:
          'Idempotent per carrier and messageRef. The answer never says why. Send Content-Type application/edifact (or text/plain) for PAXLST; send Accept: application/edifact to get CUSRES back.',
        security: [{ bearer: [] }],
        consumes: ['application/json', 'application/edifact', 'text/plain'],
        produces: ['application/json', 'application/edifact'],
        body: Manifest,
        response: { 200: ManifestResponse, ...ERROR_RESPONSES },
      },
      preValidation: travellerLimit,
    },
    async (request, reply) => {
      const result = await ctx.intake.submitManifest({ ...carrierMessage(request), manifest: request.body });
      countDirectives(result);
      const { response, replayed } = result;
      if (replayed) reply.header('idempotent-replayed', 'true');
      if (wantsEdifact(request)) return sendCusres(request, reply, request.body, response);
      return response;
    },
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/travellers/check',
    {
      config: { roles: CARRIERS, audit: false, ...checkInLimit },
      onRequest: refuseEarly,
      preValidation: checkedName,
      schema: {
        tags: ['carriers'],
        summary: 'Interactive check-in: screen one traveller inside the interactive budget',
        description:
          'JSON {journey, traveller} or a one-traveller PAXLST. The flight’s later batch recognises the traveller already screened and raises no second alert.',
        security: [{ bearer: [] }],
        consumes: ['application/json', 'application/edifact', 'text/plain'],
        produces: ['application/json', 'application/edifact'],
        body: CheckRequest,
        response: {
          200: z.object({
            ref: z.string(),
            directive: Directive,
            complete: z.boolean(),
            elapsedMs: z.number(),
            manifestId: z.string(),
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const { journey, traveller, messageRef } = request.body;
      const result = await ctx.intake.checkIn({
        ...carrierMessage(request),
        journey,
        traveller,
        ...(messageRef ? { messageRef } : {}),
      });
      countDirectives(result);
      const { response, replayed, manifest } = result;
      const d = response.directives[0];
      // Hits per carrier, beside check-ins per carrier (JSON or EDIFACT alike): an alerting rule on
      // the ratio shows a carrier whose check-ins hit the lists far above its usual rate (someone
      // testing names).
      if (!replayed) {
        const carrier = principalOf(request).carrier ?? 'unknown';
        ctx.metrics.checkIns.inc({ carrier });
        if (d && d.directive !== 'OK_TO_BOARD') ctx.metrics.checkInHits.inc({ carrier });
      }
      if (replayed) reply.header('idempotent-replayed', 'true');
      if (wantsEdifact(request)) return sendCusres(request, reply, manifest, response);
      return {
        ref: traveller.ref,
        directive: d?.directive ?? 'CONTACT_AUTHORITY',
        complete: response.complete,
        elapsedMs: response.elapsedMs,
        manifestId: response.manifestId,
      };
    },
  );
}
