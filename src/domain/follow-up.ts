import type { AlertStatus, Reason } from './contracts/alert.ts';
import type { Decision } from './decision.ts';

/** What an officer already has in front of them for a traveller. */
export interface AlertInForce {
  status: AlertStatus;
  reasons: Reason[];
}

const onlyIncomplete = (reasons: readonly Reason[]) =>
  reasons.length > 0 && reasons.every((r) => r.type === 'incomplete');

/**
 * Screening that finished after the answer, or ran again under new lists or rules, against the alert
 * in force: `raise` a new alert when it found something the officer has not seen (a new entry or
 * rule, a stronger score, findings where there was only "incomplete"); `auto-close` an open
 * "screening incomplete" alert that screening has since cleared; otherwise leave things as they are
 * (an officer is never asked twice about the same finding).
 */
export function followUpAction(current: AlertInForce | undefined, decision: Decision): 'raise' | 'auto-close' | 'none' {
  if (!decision.alert)
    return current && current.status === 'open' && onlyIncomplete(current.reasons) ? 'auto-close' : 'none';
  if (!current) return 'raise';
  // The record in force was set aside by a decision that no longer holds (the entry or the
  // traveller changed, it expired or was revoked): an officer must now see the finding.
  if (current.status === 'suppressed') return 'raise';
  const seen = current.reasons;
  for (const r of decision.alert.reasons) {
    if (r.type === 'watchlist') {
      const before = seen.find((x) => x.type === 'watchlist' && x.entryId === r.entryId && x.list === r.list);
      if (!before || r.score > before.score) return 'raise';
    } else if (r.type === 'rule') {
      if (!seen.some((x) => x.type === 'rule' && x.ruleId === r.ruleId)) return 'raise';
    } else if (!seen.some((x) => x.type === 'incomplete' && x.cause === r.cause)) return 'raise';
  }
  // Findings now where the officer was only told screening was incomplete.
  if (onlyIncomplete(seen) && !onlyIncomplete(decision.alert.reasons)) return 'raise';
  return 'none';
}
