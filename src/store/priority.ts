import type { AlertPriority } from '../domain/contracts/alert.ts';
import { ALERT_PRIORITIES } from '../domain/contracts/alert.ts';

/** Sort rank: 0 is the most urgent. */
export function priorityRank(p: AlertPriority): number {
  return ALERT_PRIORITIES.indexOf(p);
}
