import type { Store } from '../store/store.ts';

/**
 * Remembers which acts were audited lately, so that a page polling every few seconds is recorded
 * once per window, not per request. Bounded: old keys are dropped as new ones come.
 */
export function onceWithin(windowMs: number, maxKeys = 10_000) {
  const last = new Map<string, number>();
  return {
    due(key: string, now = Date.now()): boolean {
      const at = last.get(key);
      if (at !== undefined && now - at < windowMs) return false;
      last.delete(key);
      last.set(key, now);
      if (last.size > maxKeys) last.delete(last.keys().next().value as string);
      return true;
    },
  };
}

/** One audit line: who (principal and role) did what to which target, and why where it is known. */
export function audit(
  store: Store,
  who: { id: string; role: string },
  action: string,
  target: string,
  purpose?: string,
): Promise<void> {
  return store.appendAudit({
    at: new Date().toISOString(),
    principal: who.id,
    role: who.role,
    action,
    target,
    ...(purpose ? { purpose } : {}),
  });
}
