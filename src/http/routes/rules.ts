import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { performanceTable } from '../../domain/rule-performance.ts';
import { RuleDefinition } from '../../domain/rules/rule-schema.ts';
import { PaxError } from '../../errors.ts';
import { ErrorBodySchema } from '../schemas.ts';
import { principalOf } from '../auth.ts';
import { SUPERVISORS } from '../roles.ts';
import type { RouteContext } from '../context.ts';

const RulesStatus = z.looseObject({ version: z.string().nullable(), rules: z.number() }).meta({ id: 'RulesStatus' });

export async function ruleRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get(
    '/v1/rules',
    {
      config: { roles: SUPERVISORS, audit: false },
      schema: {
        tags: ['supervisors'],
        summary: 'The rule set in force',
        security: [{ bearer: [] }],
        response: {
          200: z.object({ status: RulesStatus, rules: z.array(RuleDefinition) }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
        },
      },
    },
    async () => ({ status: ctx.rules.status(), rules: ctx.rules.current()?.rules ?? [] }),
  );

  app.post(
    '/v1/rules/reload',
    {
      config: { roles: SUPERVISORS, audit: 'rules.reload' },
      schema: {
        tags: ['supervisors'],
        summary:
          'Reload the rule files; a folder with any invalid rule is refused whole and the previous set stays in force',
        description: 'Answers 422 RULES_REFUSED, each problem in `issues`, when the folder was refused.',
        security: [{ bearer: [] }],
        response: {
          200: z.object({ accepted: z.boolean(), status: RulesStatus }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { accepted, status } = await ctx.rules.reload(`requested by ${p.id}`);
      await request.audit(status.version ?? '(none)', accepted ? {} : { action: 'rules.reload-refused' });
      if (!accepted)
        throw new PaxError(
          'RULES_REFUSED',
          undefined,
          status.lastProblems.slice(0, 50).map((problem) => ({ path: 'rules', message: problem })),
        );
      // The other instances reload their rule files too (each reads its own copy of the folder).
      await ctx.store.publish('rules');
      return { accepted, status };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/rules/performance',
    {
      config: { roles: SUPERVISORS, audit: false },
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
      return { from, to, rules: performanceTable(fired, ctx.rules.current()?.rules ?? []) };
    },
  );
}
