import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PaxError } from '../../errors.ts';
import type { RouteContext } from '../context.ts';
import { verifyPassword } from '../passwords.ts';
import { openSession, SESSION_COOKIE, sessionPrincipal, SignInThrottle } from '../session.ts';
import { ErrorBodySchema } from '../schemas.ts';

/** Sign-in for the review page: username and password, a session cookie, a CSRF token. */
export async function sessionRoutes(app: FastifyInstance, ctx: RouteContext) {
  const guard = new SignInThrottle(ctx.store);
  await app.register(rateLimit, { global: false });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.production, path: '/' };

  api.post(
    '/v1/session',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' }, audit: 'session.sign-in' },
      schema: {
        tags: ['officers'],
        summary: 'Sign in to the review page (officers, supervisors, auditors)',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: {
          200: z.object({
            principal: z.object({ id: z.string(), role: z.string() }),
            csrfToken: z.string(),
            expiresAt: z.string(),
          }),
          401: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const wait = await guard.waitMs(username);
      if (wait > 0) {
        void reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new PaxError('SIGN_IN_DELAYED');
      }
      const user = ctx.auth.byUsername(username);
      // An unknown username costs one scrypt like a wrong password: the timing tells no one which exist.
      const ok = (await verifyPassword(password, user?.passwordHash ?? ctx.auth.decoyPasswordHash)) && user !== null;
      if (!user || !ok) {
        await guard.fail(username);
        await request.audit('review-page', {
          action: 'session.sign-in-failed',
          who: user?.principal ?? { id: '(unknown user)', role: '-' },
        });
        throw new PaxError('INVALID_CREDENTIALS');
      }
      await guard.succeed(username);
      const s = await openSession(ctx.store, user.principal);
      await request.audit('review-page', { who: user.principal });
      reply.setCookie(SESSION_COOKIE, s.cookie, { ...cookieOptions, expires: s.expires });
      return {
        principal: { id: user.principal.id, role: user.principal.role },
        csrfToken: s.csrf,
        expiresAt: s.expires.toISOString(),
      };
    },
  );

  app.get(
    '/v1/session',
    {
      schema: {
        tags: ['officers'],
        summary: 'Who is signed in, and the CSRF token',
        response: {
          200: z.object({ principal: z.object({ id: z.string(), role: z.string() }), csrfToken: z.string() }),
          401: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const s = await sessionPrincipal(ctx.store, ctx.auth, request);
      if (!s) throw new PaxError('UNAUTHENTICATED');
      return { principal: { id: s.principal.id, role: s.principal.role }, csrfToken: s.csrf };
    },
  );

  app.delete(
    '/v1/session',
    {
      config: { audit: 'session.sign-out' },
      schema: {
        tags: ['officers'],
        summary: 'Sign out',
        response: { 200: z.object({ signedOut: z.boolean() }), 403: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const s = await sessionPrincipal(ctx.store, ctx.auth, request);
      if (s) {
        if (request.headers['x-csrf-token'] !== s.csrf) throw new PaxError('CSRF');
        await ctx.store.deleteSession(s.id);
        await request.audit('review-page', { who: s.principal });
      } else request.auditNotNeeded('no session: nothing happened to record');
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { signedOut: true };
    },
  );
}
