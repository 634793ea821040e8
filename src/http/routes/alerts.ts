import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Alert, AlertStatus } from '../../domain/contracts/alert.ts';
import { PaxError } from '../../errors.ts';
import { AlertPresentation, journeyTimes, presentAlert } from '../../screening/alert-view.ts';
import { bookingOfAlert } from '../../screening/alert-booking.ts';
import { Booking } from '../../domain/contracts/booking.ts';
import { principalOf } from '../auth.ts';
import { audit, onceWithin } from '../audit.ts';
import type { RouteContext } from '../context.ts';
import { sha256Hex } from '../credentials.ts';
import { ErrorBodySchema } from '../schemas.ts';
import { SuppressionView, suppressionView } from './suppressions.ts';

const OFFICER_ROLES = ['officer', 'supervisor'] as const;

const QueueItem = Alert.extend({
  arrivalLocal: z.string().describe("scheduled arrival on the arrival port's clock, with its UTC offset"),
});

export async function alertRoutes(app: FastifyInstance, ctx: RouteContext) {
  const searchAudits = onceWithin(15 * 60_000);
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/alerts',
    {
      config: { roles: OFFICER_ROLES },
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
        if (searchAudits.due(`${principal.id}|${terms}|${request.query.status ?? ''}`))
          await audit(
            ctx.store,
            principal,
            'alerts.search',
            `terms=${terms} ${page.items.map((x) => x.id).join(',') || '(none)'}`,
          );
      }
      return {
        items: page.items.map((a) => ({ ...a, arrivalLocal: journeyTimes(a.journey).arrivalLocal })),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.get(
    '/v1/alerts/:id',
    {
      config: { roles: OFFICER_ROLES },
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
      await audit(ctx.store, principal, 'alert.view', alert.id);
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
}
