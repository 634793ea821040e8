import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Suppression } from '../../domain/suppression.ts';
import { isActive } from '../../domain/suppression.ts';
import { principalOf } from '../auth.ts';
import { SUPERVISORS } from '../roles.ts';
import type { RouteContext } from '../context.ts';
import { ErrorBodySchema } from '../schemas.ts';

export const SuppressionView = z
  .object({
    id: z.string(),
    list: z.string(),
    entryId: z.string(),
    documentNumber: z.string(),
    dateOfBirth: z.string(),
    decidedAlertId: z.string().describe('the alert whose false-match decision this carries forward'),
    decidedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    revokeNote: z.string().nullable(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'Suppression' });

export function suppressionView(s: Suppression, now: number): z.infer<typeof SuppressionView> {
  const { entryFingerprint: _e, travellerFingerprint: _t, ...shown } = s;
  return { ...shown, state: s.revokedAt ? 'revoked' : isActive(s, now) ? 'active' : 'expired' };
}

/** Supervisors see the decisions that carry forward and revoke one; both audited. */
export async function suppressionRoutes(app: FastifyInstance, ctx: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/suppressions',
    {
      config: { roles: SUPERVISORS, audit: 'suppressions.list' },
      schema: {
        tags: ['supervisors'],
        summary: 'False-match decisions that carry forward, newest first',
        security: [{ bearer: [] }],
        querystring: z.object({
          state: z.enum(['active', 'ended', 'all']).default('active'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({ items: z.array(SuppressionView), nextCursor: z.string().nullable() }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const now = Date.now();
      const { state, limit, cursor } = request.query;
      const page = await ctx.store.listSuppressions({
        ...(state === 'all' ? {} : { active: state === 'active' }),
        now: new Date(now).toISOString(),
        limit,
        ...(cursor ? { cursor } : {}),
      });
      await request.audit(page.items.map((s) => s.id).join(',') || '(none)');
      return { items: page.items.map((s) => suppressionView(s, now)), nextCursor: page.nextCursor };
    },
  );

  api.post(
    '/v1/suppressions/:id/revoke',
    {
      config: { roles: SUPERVISORS, audit: { action: 'suppression.revoke', by: 'store' } },
      schema: {
        tags: ['supervisors'],
        summary: 'Revoke a suppression: what it set aside returns to the queue and is screened again',
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(80) }),
        body: z.object({ note: z.string().trim().min(3, 'a note is required').max(4000) }),
        response: {
          200: z.object({ suppression: SuppressionView, reopened: z.array(z.string()) }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
          409: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const result = await ctx.store.revokeSuppression(request.params.id, principalOf(request), request.body.note);
      // Screening must stop using it before the travellers it covered are screened again.
      await ctx.suppressions.refresh();
      if (result.reopened.length > 0) void ctx.rescreen.trigger('suppression revoked');
      return { suppression: suppressionView(result.suppression, Date.now()), reopened: result.reopened };
    },
  );
}
