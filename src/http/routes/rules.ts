import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RuleDefinition } from '../../domain/rules/rule-schema.ts';
import { ErrorBodySchema } from '../schemas.ts';
import { principalOf } from '../auth.ts';
import { audit } from '../audit.ts';
import type { RouteContext } from '../context.ts';

const RulesStatus = z.looseObject({ version: z.string().nullable(), rules: z.number() }).meta({ id: 'RulesStatus' });

export async function ruleRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get(
    '/v1/rules',
    {
      config: { roles: ['supervisor'] },
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
      config: { roles: ['supervisor'] },
      schema: {
        tags: ['supervisors'],
        summary:
          'Reload the rule files; a folder with any invalid rule is refused whole and the previous set stays in force',
        description: 'Answers 422 with the same shape (accepted: false and the reasons) when the folder was refused.',
        security: [{ bearer: [] }],
        response: {
          200: z.object({ accepted: z.boolean(), status: RulesStatus }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          422: z.object({ accepted: z.boolean(), status: RulesStatus }),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { accepted, status } = await ctx.rules.reload(`requested by ${p.id}`);
      await audit(ctx.store, p, accepted ? 'rules.reload' : 'rules.reload-refused', status.version ?? '(none)');
      // The other instances reload their rule files too (each reads its own copy of the folder).
      if (accepted) await ctx.store.publish('rules');
      return reply.code(accepted ? 200 : 422).send({ accepted, status });
    },
  );
}
