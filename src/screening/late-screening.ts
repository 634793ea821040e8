import type { IncompleteCause } from '../domain/contracts/alert.ts';
import type { Manifest } from '../domain/contracts/manifest.ts';
import { followUpAction } from '../domain/follow-up.ts';
import type { NewAlert, ScreeningVersions, TravellerOutcome } from '../store/store.ts';
import { alertFor } from './alert-for.ts';
import type { SubmitManifestDeps } from './submit-manifest.ts';
import type { ScreenedDecision } from './screen-travellers.ts';

export interface LateWork {
  manifestId: string;
  key: string;
  manifest: Manifest;
  unfinished: Map<string, IncompleteCause>;
  hashes: Map<string, string>;
  late: Promise<{ decided: Map<string, ScreenedDecision>; failed: Map<string, IncompleteCause> }>;
  versions: ScreeningVersions;
  /** The open "screening incomplete" alert written for each unfinished traveller. */
  incompleteAlerts: Map<string, NewAlert>;
}

/**
 * Screening that finished after the answer: its findings supersede the "screening incomplete"
 * alert, or that alert is closed with a note when nothing was found. Travellers whose screening
 * failed keep their open alert and stay incomplete in the store, where re-screening retries them
 * (after a restart too).
 */
export async function finishLate(deps: SubmitManifestDeps, w: LateWork): Promise<void> {
  try {
    const { decided, failed } = await w.late;
    const byRef = new Map(w.manifest.travellers.map((t) => [t.ref, t]));
    const outcomes: TravellerOutcome[] = [];
    const alerts: NewAlert[] = [];
    const autoClose: Array<{ alertId: string; note: string }> = [];
    for (const ref of w.unfinished.keys()) {
      const t = byRef.get(ref);
      const d = decided.get(ref);
      if (!t || !d) continue;
      outcomes.push({
        traveller: t,
        dataSha256: w.hashes.get(ref) as string,
        directive: d.directive,
        complete: d.complete,
        ...w.versions,
      });
      const open = w.incompleteAlerts.get(ref);
      const action = followUpAction(open ? { status: 'open', reasons: open.reasons } : undefined, d);
      // The carrier was told CONTACT_AUTHORITY; the alert records that, whatever screening found later.
      if (action === 'raise' && d.alert)
        alerts.push(alertFor(t, 'CONTACT_AUTHORITY', d, 'late-screening', w.versions) as NewAlert);
      else if (action === 'auto-close' && open)
        autoClose.push({
          alertId: open.id,
          note: 'Screening finished after the answer and found nothing: closed automatically.',
        });
    }
    await deps.store.recordFollowUp({ origin: w.manifestId, journeyKey: w.key, outcomes, alerts, autoClose });
    deps.log.info(
      {
        manifestId: w.manifestId,
        completedLate: outcomes.length,
        alerts: alerts.length,
        closed: autoClose.length,
        failed: failed.size,
      },
      'late screening stored',
    );
    if (failed.size > 0) {
      // At shutdown the pool aborts what is left: expected; the travellers stay incomplete and are resumed at the next start.
      const message =
        'screening did not finish for some travellers; they stay CONTACT_AUTHORITY with an open alert and are retried';
      if (deps.pool.running)
        deps.log.error(
          { manifestId: w.manifestId, failed: failed.size, causes: [...new Set(failed.values())] },
          message,
        );
      else deps.log.info({ manifestId: w.manifestId, failed: failed.size, reason: 'shutdown' }, message);
    }
    if (failed.size > 0 || outcomes.some((o) => !o.complete)) deps.onIncomplete?.();
  } catch (e) {
    deps.log.error(
      { manifestId: w.manifestId, err: (e as Error).message },
      'storing late screening failed; the travellers stay incomplete and are retried',
    );
    deps.onIncomplete?.();
  } finally {
    for (const ref of w.unfinished.keys()) deps.inFlight.delete(`${w.key}|${ref}`);
  }
}
