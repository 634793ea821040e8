import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Alert, Outcome } from '../../domain/contracts/alert.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { ErrorBodySchema } from '../schemas.ts';

const OFFICERS = ['officer', 'supervisor'] as const;
const Id = z.object({ id: z.string().min(1).max(80) });
/** Every act on an alert says why. */
const Note = z.string().trim().min(3, 'a note is required').max(4000);
const ERRORS = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** Officers decide: claim, dispose (one step, a note required), reopen (supervisors); every change is kept. */
export async function reviewRoutes(app: FastifyInstance, ctx: RouteContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/v1/alerts/:id/claim',
    {
      config: { roles: OFFICERS },
      schema: {
        tags: ['officers'],
        summary: 'Take an alert into review (others see who has it)',
        security: [{ bearer: [] }],
        params: Id,
        response: { 200: Alert, ...ERRORS },
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
      config: { roles: OFFICERS },
      schema: {
        tags: ['officers'],
        summary: 'Record the outcome and a note, closing the alert',
        security: [{ bearer: [] }],
        params: Id,
        body: z.object({ outcome: Outcome, note: Note }),
        response: { 200: Alert, ...ERRORS },
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

  api.post(
    '/v1/alerts/:id/reopen',
    {
      config: { roles: ['supervisor'] },
      schema: {
        tags: ['supervisors'],
        summary: 'Reopen a closed alert',
        security: [{ bearer: [] }],
        params: Id,
        body: z.object({ note: Note }),
        response: { 200: Alert, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const alert = await ctx.store.reopenAlert(request.params.id, p, request.body.note);
      return alert;
    },
  );

  api.post(
    '/v1/alerts/:id/release',
    {
      config: { roles: ['supervisor'] },
      schema: {
        tags: ['supervisors'],
        summary: 'Take back a claim: the alert returns to the queue',
        security: [{ bearer: [] }],
        params: Id,
        body: z.object({ note: Note }),
        response: { 200: Alert, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const alert = await ctx.store.releaseAlert(request.params.id, p, request.body.note);
      return alert;
    },
  );

  api.get(
    '/v1/alerts/counts',
    {
      config: { roles: OFFICERS },
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

  api.get(
    '/v1/rules/performance',
    {
      config: { roles: ['supervisor'] },
      schema: {
        tags: ['supervisors'],
        summary:
          'Per rule (and per list): alerts raised, dispositions by outcome and the share confirmed, over a period',
        security: [{ bearer: [] }],
        querystring: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            rules: z.array(
              z.object({
                ruleId: z.string(),
                title: z.string(),
                enabled: z.boolean(),
                alerts: z.number(),
                disposed: z.number(),
                outcomes: z.record(z.string(), z.number()),
                confirmedShare: z.number().nullable(),
              }),
            ),
          }),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const to = request.query.to ? `${request.query.to}T23:59:59.999Z` : new Date().toISOString();
      const from = request.query.from
        ? `${request.query.from}T00:00:00Z`
        : new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
      const fired = await ctx.store.rulePerformance(from, to);
      // Every rule in force is listed, the ones that never fired too: silence is a finding.
      const inForce = new Map((ctx.rules.current()?.rules ?? []).map((r) => [r.id, r]));
      const known = new Set(fired.map((r) => r.ruleId));
      const quiet = [...inForce.keys()]
        .filter((id) => !known.has(id))
        .map((ruleId) => ({ ruleId, alerts: 0, disposed: 0, outcomes: {}, confirmedShare: null }));
      return {
        from,
        to,
        rules: [...fired, ...quiet].map((r) => ({
          ...r,
          title:
            inForce.get(r.ruleId)?.title ??
            r.ruleId.replace(/^watchlist:/, 'Watch-list ').replace(/^incomplete:/, 'Screening incomplete: '),
          enabled: inForce.get(r.ruleId)?.enabled ?? true,
        })),
      };
    },
  );
}
