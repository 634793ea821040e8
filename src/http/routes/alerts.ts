import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Alert, AlertStatus, Outcome } from '../../domain/contracts/alert.ts';
import { PaxError } from '../../errors.ts';
import { AlertPresentation, journeyTimes, presentAlert } from '../../screening/alert-view.ts';
import { bookingOfAlert } from '../../screening/alert-booking.ts';
import { Booking } from '../../domain/contracts/booking.ts';
import { principalOf } from '../auth.ts';
import { OFFICERS, SUPERVISORS } from '../roles.ts';
import type { RouteContext } from '../context.ts';
import { sha256Hex } from '../credentials.ts';
import { ErrorBodySchema } from '../schemas.ts';
import { SuppressionView, suppressionView } from './suppressions.ts';

const Id = z.object({ id: z.string().min(1).max(80) });
/** Every act on an alert says why. */
const Note = z.string().trim().min(3, 'a note is required').max(4000);
const ERROR_RESPONSES = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

const QueueItem = Alert.extend({
  arrivalLocal: z.string().describe("scheduled arrival on the arrival port's clock, with its UTC offset"),
});

/**
 * The alert queue and one alert (officers), and the acts on it: claim, dispose (one step, a note
 * required), release and reopen (supervisors). Every change is kept with who made it.
 */
export async function alertRoutes(app: FastifyInstance, ctx: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/alerts',
    {
      config: { roles: OFFICERS, audit: 'alerts.search' },
      schema: {
        tags: ['officers'],
        summary: 'The alert queue: by priority, then the soonest arrival',
        description:
          'Suppressed records (findings an earlier false-match decision set aside) are listed only for supervisors, with status=suppressed.',
        security: [{ bearer: [] }],
        querystring: z.object({
          status: AlertStatus.optional(),
          serviceNumber: z.string().max(16).optional(),
          arrivalPort: z.string().max(8).optional(),
          arrivalDate: z.iso.date().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(512).optional(),
        }),
        response: {
          200: z.object({ items: z.array(QueueItem), nextCursor: z.string().nullable() }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (request.query.status === 'suppressed' && principal.role !== 'supervisor')
        throw new PaxError('FORBIDDEN', 'Suppressed records are shown to supervisors');
      const page = await ctx.store.listAlerts({ ...request.query });
      // Polling the queue is not an act worth a line each time (the page refreshes every few
      // seconds); opening an alert is. A filtered list is a search: recorded once per terms and
      // window, with the terms hashed.
      const { serviceNumber, arrivalPort, arrivalDate } = request.query;
      if (serviceNumber || arrivalPort || arrivalDate) {
        const terms = sha256Hex(`${serviceNumber ?? ''}|${arrivalPort ?? ''}|${arrivalDate ?? ''}`).slice(0, 16);
        await request.audit(`terms=${terms} ${page.items.map((x) => x.id).join(',') || '(none)'}`, {
          onceWithinMs: 15 * 60_000,
          onceKey: `${terms}|${request.query.status ?? ''}`,
        });
      } else request.auditNotNeeded('the unfiltered queue is polled; opening an alert is recorded');
      return {
        items: page.items.map((a) => ({ ...a, arrivalLocal: journeyTimes(a.journey).arrivalLocal })),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.get(
    '/v1/alerts/:id',
    {
      config: { roles: OFFICERS, audit: 'alert.view' },
      schema: {
        tags: ['officers'],
        summary: 'One alert with every reason, in words, and what its decision carried forward',
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(80) }),
        response: {
          200: Alert.extend({
            coTravellers: z.array(
              z.object({
                ref: z.string(),
                surname: z.string(),
                givenNames: z.string(),
                dateOfBirth: z.string().nullable(),
                role: z.string(),
              }),
            ),
            presentation: AlertPresentation,
            carriedForward: z.array(SuppressionView).describe("suppressions this alert's false-match decision created"),
            booking: z
              .object({
                basis: z
                  .enum(['document', 'name-and-birth-date', 'booking-and-name', 'booking-only'])
                  .describe(
                    'how the traveller was linked to the booking, or booking-only: known from the booking alone',
                  ),
                record: Booking,
              })
              .nullable()
              .describe('the booking (PNR) of this traveller on this flight, when the carrier pushed one'),
          }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const alert = await ctx.store.getAlert(request.params.id);
      if (!alert) throw new PaxError('NOT_FOUND', 'No such alert');
      if (alert.status === 'suppressed' && principal.role !== 'supervisor')
        throw new PaxError('FORBIDDEN', 'Suppressed records are shown to supervisors');
      await request.audit(alert.id);
      const [coTravellers, carried, booking] = await Promise.all([
        ctx.store.coTravellers(alert.id),
        ctx.store.listSuppressions({ alertId: alert.id, now: new Date().toISOString(), limit: 100 }),
        bookingOfAlert(ctx.store, alert),
      ]);
      return {
        ...alert,
        coTravellers,
        presentation: presentAlert(alert),
        carriedForward: carried.items.map((s) => suppressionView(s, Date.now())),
        booking: booking ? { basis: booking.basis, record: booking.booking } : null,
      };
    },
  );

  api.post(
    '/v1/alerts/:id/claim',
    {
      config: { roles: OFFICERS, audit: { action: 'alert.claim', by: 'store' } },
      schema: {
        tags: ['officers'],
        summary: 'Take an alert into review (others see who has it)',
        security: [{ bearer: [] }],
        params: Id,
        response: { 200: Alert, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const alert = await ctx.store.claimAlert(request.params.id, p);
      return alert;
    },
  );

  api.post(
    '/v1/alerts/:id/disposition',
    {
      config: { roles: OFFICERS, audit: { action: 'alert.dispose', by: 'store' } },
      schema: {
        tags: ['officers'],
        summary: 'Record the outcome and a note, closing the alert',
        security: [{ bearer: [] }],
        params: Id,
        body: z.object({ outcome: Outcome, note: Note }),
        response: { 200: Alert, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const alert = await ctx.store.disposeAlert(request.params.id, p, request.body.outcome, request.body.note);
      // A false match carries forward: screening here sets the same finding aside from now on.
      if (request.body.outcome === 'false-match') await ctx.suppressions.refresh();
      return alert;
    },
  );

  // A supervisor's acts on someone else's alert, each with a note saying why.
  const supervisorActs = [
    { act: 'reopen', summary: 'Reopen a closed alert', run: ctx.store.reopenAlert },
    { act: 'release', summary: 'Take back a claim: the alert returns to the queue', run: ctx.store.releaseAlert },
  ] as const;
  for (const { act, summary, run } of supervisorActs) {
    api.post(
      `/v1/alerts/:id/${act}`,
      {
        config: { roles: SUPERVISORS, audit: { action: `alert.${act}`, by: 'store' } },
        schema: {
          tags: ['supervisors'],
          summary,
          security: [{ bearer: [] }],
          params: Id,
          body: z.object({ note: Note }),
          response: { 200: Alert, ...ERROR_RESPONSES },
        },
      },
      async (request) => run.call(ctx.store, request.params.id, principalOf(request), request.body.note),
    );
  }

  api.get(
    '/v1/alerts/counts',
    {
      config: { roles: OFFICERS, audit: false },
      schema: {
        tags: ['officers'],
        summary: 'How many alerts are open, in review, closed and suppressed',
        security: [{ bearer: [] }],
        response: {
          200: z.object({ open: z.number(), 'in-review': z.number(), closed: z.number(), suppressed: z.number() }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async () => ctx.store.queueCounts(),
  );
}
