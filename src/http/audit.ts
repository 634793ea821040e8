import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PaxError } from '../errors.ts';
import type { Store } from '../store/store.ts';

/**
 * How a route is audited, declared beside its roles:
 * - an action name: the handler writes the row through `request.audit(target)`; a 2xx answer whose
 *   handler wrote none is replaced by a 500 (data never leaves without its audit row);
 * - `{ action, by: 'store' }`: the store writes the row in the same transaction as the change (the
 *   store contract test checks it);
 * - `false`: no person's act on personal data (counts, status; carrier messages, which are kept
 *   as the messages themselves).
 */
export type AuditDeclaration = string | { action: string; by: 'store' } | false;

export interface RouteAccess {
  method: string;
  url: string;
  roles: readonly string[] | null;
  audit: AuditDeclaration | null;
}

export interface AuditOptions {
  /** Another action than the declared one (a refused or forced variant). */
  action?: string;
  purpose?: string;
  /** A page polling the same view is recorded once per this window, not per request. */
  onceWithinMs?: number;
  /** What counts as "the same view" for onceWithinMs (default: the target). */
  onceKey?: string;
  /** Who acted, when the request carries no principal (sign-in). */
  who?: { id: string; role: string };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: AuditDeclaration;
  }
  interface FastifyInstance {
    /** Every route as declared: who may call it and how it is audited (read by the role-matrix test). */
    accessTable: RouteAccess[];
  }
  interface FastifyRequest {
    audited: boolean;
    /** This answer shows or changes nothing worth a row (the unfiltered queue polled, a sign-out with no session). */
    auditNotNeeded(why: string): void;
    /** Writes the route's audit row; the action is the one its config declares. */
    audit(target: string, options?: AuditOptions): Promise<void>;
  }
}

const declaredAction = (request: FastifyRequest): string => {
  const d = request.routeOptions.config.audit;
  if (!d) throw new Error(`route ${request.routeOptions.url} writes an audit row but declares no audit action`);
  return typeof d === 'string' ? d : d.action;
};

/**
 * Every role-guarded route must say how it is audited: a route added without `audit` stops the app
 * from building, so forgetting the audit of a new view is not possible.
 */
export function registerAudit(app: FastifyInstance, store: Store): void {
  const lastWritten = onceWithin();
  app.decorateRequest('audited', false);
  app.decorateRequest('auditNotNeeded', function (this: FastifyRequest, why: string) {
    this.audited = true;
    this.log.debug({ route: this.routeOptions.url, why }, 'no audit row for this answer');
  });
  app.decorateRequest('audit', async function (this: FastifyRequest, target: string, options: AuditOptions = {}) {
    const who = options.who ?? this.principal;
    if (!who) throw new PaxError('UNAUTHENTICATED');
    const action = options.action ?? declaredAction(this);
    this.audited = true;
    if (
      options.onceWithinMs &&
      !lastWritten.due(`${who.id}|${action}|${options.onceKey ?? target}`, options.onceWithinMs)
    )
      return;
    await store.appendAudit({
      at: new Date().toISOString(),
      principal: who.id,
      role: who.role,
      action,
      target,
      ...(options.purpose ? { purpose: options.purpose } : {}),
    });
  });
  const table: RouteAccess[] = [];
  app.decorate('accessTable', table);
  app.addHook('onRoute', (route) => {
    const config = route.config as { roles?: readonly string[]; audit?: AuditDeclaration } | undefined;
    if (config?.roles && config.audit === undefined)
      throw new Error(`route ${route.method} ${route.url} declares roles but not how it is audited (config.audit)`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        table.push({ method, url: route.url, roles: config?.roles ?? null, audit: config?.audit ?? null });
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const d = request.routeOptions.config.audit;
    if (typeof d === 'string' && reply.statusCode < 300 && !request.audited) {
      request.log.error(
        { route: request.routeOptions.url },
        'a route declared as audited answered without an audit row',
      );
      throw new PaxError('INTERNAL');
    }
    return payload;
  });
}

/**
 * Remembers which acts were audited lately, so that a page polling every few seconds is recorded
 * once per window, not per request. Bounded: old keys are dropped as new ones come.
 */
export function onceWithin(maxKeys = 10_000) {
  const last = new Map<string, number>();
  return {
    due(key: string, windowMs: number, now = Date.now()): boolean {
      const at = last.get(key);
      if (at !== undefined && now - at < windowMs) return false;
      last.delete(key);
      last.set(key, now);
      if (last.size > maxKeys) last.delete(last.keys().next().value as string);
      return true;
    },
  };
}
