import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Alert, AlertStatus } from '../../domain/contracts/alert.ts';
import { PaxError } from '../../errors.ts';
import { principalOf } from '../auth.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { ErrorBodySchema } from '../schemas.ts';
import { onceWithin } from '../audit.ts';
import { sha256Hex } from '../credentials.ts';

const OFFICER_ROLES = ['officer', 'supervisor'] as const;

export async function alertRoutes(app: FastifyInstance, ctx: AppContext) {
  const listAudits = onceWithin(15 * 60_000);
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/alerts',
    {
      config: { roles: OFFICER_ROLES },
      schema: {
        tags: ['officers'],
        summary: 'The alert queue: by priority, then the soonest arrival',
        security: [{ bearer: [] }],
        querystring: z.object({
          status: AlertStatus.optional(),
          serviceNumber: z.string().max(16).optional(),
          arrivalPort: z.string().max(8).optional(),
          arrivalDate: z.iso.date().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(512).optional(),
        }),
        response: { 200: z.object({ items: z.array(Alert), nextCursor: z.string().nullable() }), 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const page = await ctx.store.listAlerts({ ...request.query });
      // Once per act, not per poll: the queue page refreshes every few seconds. A filtered list is a
      // search, recorded with its terms hashed.
      const { serviceNumber, arrivalPort, arrivalDate } = request.query;
      const terms = serviceNumber || arrivalPort || arrivalDate ? sha256Hex(`${serviceNumber ?? ''}|${arrivalPort ?? ''}|${arrivalDate ?? ''}`).slice(0, 16) : null;
      if (listAudits.due(`${principal.id}|${terms ?? ''}|${request.query.status ?? ''}|${request.query.cursor ?? ''}`)) {
        const ids = page.items.map((x) => x.id).join(',') || '(none)';
        await audit(ctx.store, principal, terms ? 'alerts.search' : 'alerts.list', terms ? `terms=${terms} ${ids}` : ids);
      }
      return page;
    },
  );

  api.get(
    '/v1/alerts/:id',
    {
      config: { roles: OFFICER_ROLES },
      schema: {
        tags: ['officers'],
        summary: 'One alert with every reason',
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(80) }),
        response: {
          200: Alert.extend({ coTravellers: z.array(z.object({ ref: z.string(), surname: z.string(), givenNames: z.string(), dateOfBirth: z.string().nullable(), role: z.string() })) }),
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
      await audit(ctx.store, principal, 'alert.view', alert.id);
      return { ...alert, coTravellers: await ctx.store.coTravellers(alert.id) };
    },
  );
}
