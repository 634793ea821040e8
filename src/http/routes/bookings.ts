import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BookingPush, BookingPushSummary } from '../../domain/contracts/booking.ts';
import { PaxError } from '../../errors.ts';
import { parsePnrgov, PnrgovUnusable } from '../../ingest/pnrgov/parse.ts';
import type { PnrgovResult, PnrgovWarning } from '../../ingest/pnrgov/parse.ts';
import { submitBookings } from '../../screening/booking-service.ts';
import { principalOf } from '../auth.ts';
import { sha256Hex } from '../credentials.ts';
import { CARRIERS } from '../roles.ts';
import type { RouteContext } from '../context.ts';
import { ErrorBodySchema } from '../schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    pnrgov: { warnings: PnrgovWarning[]; droppedSensitive: number; bodySha256: string } | null;
  }
}

const EDIFACT_TYPES = ['application/edifact', 'text/plain'];
/** Bodies above this are read in a worker thread (a 250 KB push holds a thread ~30 ms). */
const INLINE_PNRGOV_CHARS = 32_768;

/** Carriers push bookings (IATA PNRGOV, or the same as JSON) 72 to 24 hours before departure and at departure. */
export async function bookingRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.decorateRequest('pnrgov', null);
  // PNRGOV is read into the JSON push before validation; a message that cannot be read is a 400
  // naming the segment. Sensitive service requests are dropped here, before anything is stored.
  app.addContentTypeParser(
    EDIFACT_TYPES,
    { parseAs: 'string', bodyLimit: ctx.config.maxBodyBytes },
    async (request: FastifyRequest, body: string | Buffer) => {
      const text = body as string;
      const refuse = (reason: string, segment: number, tag: string) =>
        new PaxError('INVALID_REQUEST', `Unusable PNRGOV message: ${reason}`, [
          { path: `segment ${segment}${tag ? ` ${tag}` : ''}`, message: reason },
        ]);
      let r: PnrgovResult;
      if (text.length <= INLINE_PNRGOV_CHARS) {
        try {
          r = parsePnrgov(text);
        } catch (e) {
          if (e instanceof PnrgovUnusable) throw refuse(e.message, e.segment, e.tag);
          throw e;
        }
      } else {
        const parsed = await ctx.pool.runParsePnrgov({ kind: 'pnrgov', text });
        if (!parsed.ok) throw refuse(parsed.reason, parsed.segment, parsed.tag);
        r = parsed.result;
      }
      request.pnrgov = { warnings: r.warnings, droppedSensitive: r.droppedSensitive, bodySha256: sha256Hex(text) };
      return r.push;
    },
  );
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/v1/bookings',
    {
      config: { roles: CARRIERS, audit: false },
      schema: {
        tags: ['carriers'],
        summary: 'Push bookings (PNR): IATA PNRGOV 10.1–19.1 as application/edifact, or the same as JSON',
        description:
          'Idempotent per carrier and messageRef (PNRGOV: UNB interchange and UNH references). The answer is a summary: a booking push gets no boarding directive. Meal, medical and assistance requests are dropped, never stored.',
        security: [{ bearer: [] }],
        consumes: ['application/json', 'application/edifact', 'text/plain'],
        body: BookingPush,
        response: {
          200: BookingPushSummary,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          409: ErrorBodySchema,
          413: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // Booking travellers are screened too: nothing is stored until screening can run.
      const screening = ctx.intake.bookingScreening(request.log);
      const { summary, replayed } = await submitBookings(
        { store: ctx.store, screening },
        {
          carrier: principal.carrier ?? '',
          push: request.body,
          bodySha256: request.pnrgov?.bodySha256 ?? sha256Hex(JSON.stringify(request.body)),
          warnings: request.pnrgov?.warnings ?? [],
          droppedSensitive: request.pnrgov?.droppedSensitive ?? 0,
        },
      );
      request.log.info(
        {
          pushId: summary.pushId,
          carrier: principal.carrier,
          bookings: summary.bookings,
          travellers: summary.travellers,
          replayed,
        },
        'booking push stored',
      );
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return summary;
    },
  );
}
