import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/store.ts';
import type { Authenticator, Principal } from './credentials.ts';
import { sha256Hex } from './credentials.ts';

export const SESSION_COOKIE = 'paxscreen_session';
export const SESSION_HOURS = 8;

/** Failed sign-ins per username; a principal is locked after repeated failures (per instance). */
export class SignInGuard {
  readonly maxFailures: number;
  readonly lockMs: number;
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  constructor(maxFailures = 5, lockMs = 15 * 60_000) {
    this.maxFailures = maxFailures;
    this.lockMs = lockMs;
  }
  locked(username: string, now = Date.now()): boolean {
    return (this.failures.get(username)?.lockedUntil ?? 0) > now;
  }
  fail(username: string, now = Date.now()): void {
    const f = this.failures.get(username) ?? { count: 0, lockedUntil: 0 };
    f.count++;
    if (f.count >= this.maxFailures) {
      f.lockedUntil = now + this.lockMs;
      f.count = 0;
    }
    this.failures.set(username, f);
  }
  succeed(username: string): void {
    this.failures.delete(username);
  }
}

export async function openSession(store: Store, principal: Principal): Promise<{ cookie: string; csrf: string; expires: Date }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await store.createSession({ id: sha256Hex(cookie), principal: principal.id, csrf, expiresAt: expires.toISOString() });
  return { cookie, csrf, expires };
}

export async function sessionPrincipal(store: Store, auth: Authenticator, request: FastifyRequest): Promise<{ principal: Principal; csrf: string; id: string } | null> {
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return null;
  const id = sha256Hex(cookie);
  const s = await store.getSession(id, new Date().toISOString());
  const principal = s ? auth.byId(s.principal) : null;
  // Carriers never hold sessions: the page is for people.
  return s && principal && principal.role !== 'carrier' ? { principal, csrf: s.csrf, id } : null;
}
