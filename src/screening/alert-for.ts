import { randomUUID } from 'node:crypto';
import type { AlertOrigin, SuppressionLink } from '../domain/contracts/alert.ts';
import type { Directive } from '../domain/contracts/common.ts';
import type { Traveller } from '../domain/contracts/manifest.ts';
import type { NewAlert, ScreeningVersions } from '../store/store.ts';
import type { ScreenedDecision } from './screen-travellers.ts';

/**
 * The alert a decision raises, or the suppressed record when every finding was set aside by an
 * earlier false-match decision (kept, linked to that decision, out of the officers' queue).
 */
export function alertFor(
  t: Traveller,
  directive: Directive,
  d: ScreenedDecision,
  raisedBy: AlertOrigin,
  versions: ScreeningVersions,
): NewAlert | null {
  const links: SuppressionLink[] = d.suppressed.map((s) => ({
    suppressionId: s.suppression.id,
    decidedAlertId: s.suppression.decidedAlertId,
    list: s.reason.list,
    entryId: s.reason.entryId,
  }));
  const base = {
    id: randomUUID(),
    travellerRef: t.ref,
    traveller: t,
    directive,
    raisedBy,
    ...versions,
    ...(links.length ? { suppressions: links } : {}),
  };
  if (d.alert) return { ...base, ...d.alert };
  if (d.suppressed.length === 0) return null;
  const score = Math.max(...d.suppressed.map((s) => s.reason.score));
  return { ...base, status: 'suppressed', priority: 'low', score, reasons: d.suppressed.map((s) => s.reason) };
}
