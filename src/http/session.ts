import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/store.ts';
import type { Authenticator, Principal } from './credentials.ts';
import { sha256Hex } from './credentials.ts';

export const SESSION_COOKIE = 'paxscreen_session';
export const SESSION_HOURS = 8;

/** Where failed sign-ins are counted: the store, so every instance sees them. */
export interface SignInFailures {
  signInFailures(key: string): Promise<{ count: number; lastAt: number } | null>;
  recordSignInFailure(key: string, at: number): Promise<void>;
  clearSignInFailures(key: string): Promise<void>;
}

/**
 * Failed sign-ins per username, answered with a growing wait rather than a lock-out: a lock-out is a
 * denial of service anyone who knows a username can cause. After `free` failures each attempt must
 * wait 1, 2, 4… seconds (at most `maxDelayMs`) after the last failure; a success clears it. Counted
 * in the store (usernames hashed), so trying each instance in turn gains nothing; the address is
 * throttled separately by the route's rate limit.
 */
export class SignInThrottle {
  readonly free: number;
  readonly maxDelayMs: number;
  readonly #counts: SignInFailures;
  constructor(counts: SignInFailures, free = 3, maxDelayMs = 60_000) {
    this.#counts = counts;
    this.free = free;
    this.maxDelayMs = maxDelayMs;
  }
  /** Milliseconds to wait before this username may try again (0: now). */
  async waitMs(username: string, now = Date.now()): Promise<number> {
    const f = await this.#counts.signInFailures(sha256Hex(`sign-in:${username}`));
    if (!f || f.count < this.free) return 0;
    const delay = Math.min(this.maxDelayMs, 1000 * 2 ** (f.count - this.free));
    return Math.max(0, f.lastAt + delay - now);
  }
  fail(username: string, now = Date.now()): Promise<void> {
    return this.#counts.recordSignInFailure(sha256Hex(`sign-in:${username}`), now);
  }
  succeed(username: string): Promise<void> {
    return this.#counts.clearSignInFailures(sha256Hex(`sign-in:${username}`));
  }
}

export async function openSession(
  store: Store,
  principal: Principal,
): Promise<{ cookie: string; csrf: string; expires: Date }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await store.createSession({ id: sha256Hex(cookie), principal: principal.id, csrf, expiresAt: expires.toISOString() });
  return { cookie, csrf, expires };
}

export async function sessionPrincipal(
  store: Store,
  auth: Authenticator,
  request: FastifyRequest,
): Promise<{ principal: Principal; csrf: string; id: string } | null> {
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return null;
  const id = sha256Hex(cookie);
  const s = await store.getSession(id, new Date().toISOString());
  const principal = s ? auth.byId(s.principal) : null;
  // Carriers never hold sessions: the page is for people.
  return s && principal && principal.role !== 'carrier' ? { principal, csrf: s.csrf, id } : null;
}
