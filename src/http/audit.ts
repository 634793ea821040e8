import type { Store } from '../store/store.ts';

/** One audit line: who (principal and role) did what to which target, and why where it is known. */
export function audit(store: Store, who: { id: string; role: string }, action: string, target: string, purpose?: string): Promise<void> {
  return store.appendAudit({ at: new Date().toISOString(), principal: who.id, role: who.role, action, target, ...(purpose ? { purpose } : {}) });
}
