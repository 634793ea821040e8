import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PaxError } from '../errors.ts';
import { sha256Hex } from './credentials.ts';

/** Operations pages that describe the service's insides: open unless an operations token is set. */
const GUARDED = ['/metrics', '/docs'];

/** True when no operations token is configured, or the request carries it. */
const digests = new Map<string, Buffer>();

export function hasOpsAccess(request: FastifyRequest, opsToken: string | null): boolean {
  if (!opsToken) return true;
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!given) return false;
  let expected = digests.get(opsToken);
  if (!expected) digests.set(opsToken, (expected = Buffer.from(sha256Hex(opsToken))));
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  return timingSafeEqual(Buffer.from(sha256Hex(given)), expected);
}

/**
 * With PAXSCREEN_OPS_TOKEN set, /metrics and /docs answer 401 without it, and /readyz keeps its
 * status code but drops its details (healthz stays open: load balancers probe it).
 */
export function guardOperations(app: FastifyInstance, opsToken: string | null): void {
  if (!opsToken) return;
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (GUARDED.some((p) => path === p || path.startsWith(`${p}/`)) && !hasOpsAccess(request, opsToken))
      throw new PaxError('UNAUTHENTICATED');
  });
}
