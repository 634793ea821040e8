import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PaxError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Authenticator, Principal, Role } from './credentials.ts';
import { sessionPrincipal } from './session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed on the route; a route without it is public. */
    roles?: readonly Role[];
  }
}

/**
 * Every route declares its roles in `config.roles`; this hook enforces them before any handler runs.
 * Machines send a bearer token; people on the review page hold a session cookie, and every request
 * that changes something must echo the session's CSRF token in `x-csrf-token`.
 */
export function registerAuth(app: FastifyInstance, auth: Authenticator, store: Store): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    let principal = match?.[1] ? auth.authenticate(match[1]) : null;
    if (!principal && !header) {
      const session = await sessionPrincipal(store, auth, request);
      if (session) {
        if (!['GET', 'HEAD'].includes(request.method) && request.headers['x-csrf-token'] !== session.csrf)
          throw new PaxError('CSRF');
        principal = session.principal;
      }
    }
    if (!principal) throw new PaxError('UNAUTHENTICATED');
    if (!roles.includes(principal.role)) throw new PaxError('FORBIDDEN');
    request.principal = principal;
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new PaxError('UNAUTHENTICATED');
  return request.principal;
}
