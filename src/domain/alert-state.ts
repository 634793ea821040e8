import type { Alert } from './contracts/alert.ts';

/**
 * Who may do what to an alert, as pure rules over the alert and its events (the store applies them
 * inside its transaction). Two rules protect the decision: a claim lapses after a while, so an alert
 * left claimed by someone who went home is not stuck; and four eyes: the supervisor who reopened an
 * alert may not decide it themselves.
 */
export type AlertRefusal = { code: 'ALERT_STATE' | 'ALERT_CLAIMED' | 'FOUR_EYES'; message: string } | null;

/** When the current claim was made, if the alert is claimed. */
function claimedAt(a: Alert): number | null {
  if (a.status !== 'in-review') return null;
  for (let i = a.events.length - 1; i >= 0; i--)
    if (a.events[i]?.action === 'claim') return Date.parse(a.events[i]?.at as string);
  return null;
}

/** True when someone else holds a claim that has not lapsed. */
export function heldByOther(a: Alert, principal: string, claimMs: number, now: number): boolean {
  if (a.status !== 'in-review' || a.claimedBy === principal) return false;
  const at = claimedAt(a);
  return at === null || now - at < claimMs;
}

/** The principal of the reopening that put the alert back in the queue, if it was reopened. */
function reopenedBy(a: Alert): string | null {
  for (let i = a.events.length - 1; i >= 0; i--) {
    const e = a.events[i];
    if (e?.action === 'dispose') return null;
    if (e?.action === 'reopen') return e.principal;
  }
  return null;
}

const SUPPRESSED: AlertRefusal = {
  code: 'ALERT_STATE',
  message: 'An earlier false-match decision set this finding aside; a supervisor can revoke that suppression',
};

export function mayClaim(a: Alert, principal: string, claimMs: number, now: number): AlertRefusal {
  if (a.status === 'suppressed') return SUPPRESSED;
  if (a.status === 'closed') return { code: 'ALERT_STATE', message: 'The alert is closed; a supervisor can reopen it' };
  if (heldByOther(a, principal, claimMs, now))
    return { code: 'ALERT_CLAIMED', message: `${a.claimedBy} is reviewing this alert` };
  return null;
}

export function mayDispose(a: Alert, principal: string, claimMs: number, now: number): AlertRefusal {
  if (a.status === 'suppressed') return SUPPRESSED;
  if (a.status === 'closed') return { code: 'ALERT_STATE', message: 'The alert is already closed' };
  if (heldByOther(a, principal, claimMs, now))
    return { code: 'ALERT_CLAIMED', message: `${a.claimedBy} is reviewing this alert` };
  if (reopenedBy(a) === principal)
    return { code: 'FOUR_EYES', message: 'You reopened this alert: another officer must decide it' };
  return null;
}

export function mayRelease(a: Alert): AlertRefusal {
  return a.status === 'in-review' ? null : { code: 'ALERT_STATE', message: 'Only a claimed alert can be released' };
}
