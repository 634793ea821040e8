/**
 * Re-screening: an answer holds only for the watch-list and rule versions it was computed under.
 * When either changes, and at start (to resume screening a restart interrupted), every active
 * traveller of a journey not yet arrived whose stored outcome is incomplete or was computed under
 * other versions is screened again, journey by journey, in the pool's background lane (behind every
 * carrier task, never counted against carrier admission).
 *
 *   list/rules change ─► trigger ─► for each journey arriving after now:
 *                                     stale travellers (versions differ, or incomplete)
 *                                     ├─ rules version changed / incomplete: matching + rules task
 *                                     └─ list only: matching; rule findings kept from the alert in force
 *                                     follow-up vs the alert in force: raise | auto-close | none
 *                                     store.recordFollowUp (new outcome: the carrier's next message gets it)
 */
import type { RuleReason } from '../domain/contracts/alert.ts';
import type { Manifest, Traveller } from '../domain/contracts/manifest.ts';
import type { DecisionThresholds } from '../domain/decision.ts';
import { followUpAction } from '../domain/follow-up.ts';
import { historyQueryFor } from '../domain/rules/history.ts';
import { HISTORY_KINDS } from '../domain/rules/rule-schema.ts';
import type { CurrentTraveller, NewAlert, ScreeningVersions, Store, TravellerOutcome } from '../store/store.ts';
import type { ScreeningState } from './submit-manifest.ts';
import { alertFor } from './alert-for.ts';
import { effectiveManifest, isCurrent, versionsOf } from './submit-manifest.ts';
import type { ScreeningPool } from './pool.ts';
import { screenTravellers } from './screen-travellers.ts';
import type { Log } from '../log.ts';
import { TRAVELLERS_PER_TASK } from './intake.ts';

export interface RescreenRun {
  reason: string;
  startedAt: string;
  durationMs: number;
  journeys: number;
  travellers: number;
  alertsRaised: number;
  alertsClosed: number;
  /** Travellers whose screening failed again: retried later. */
  leftIncomplete: number;
  listVersion: string;
  rulesVersion: string;
}

export interface RescreenStats {
  running: boolean;
  travellers: number;
  alertsRaised: number;
  alertsClosed: number;
  runs: number;
  lastRun: RescreenRun | null;
}

export interface Rescreener {
  /** Starts a pass (or queues one after the pass running now); settles when no pass is left to run. */
  trigger(reason: string): Promise<void>;
  /** A pass in a while: some screening failed and should be retried. */
  retrySoon(): void;
  stats(): RescreenStats;
  /** Stops starting work; the promise settles when the pass in progress has ended (close the pool to hurry it). */
  close(): Promise<void>;
}

export interface RescreenDeps {
  store: Store;
  pool: ScreeningPool;
  state: () => ScreeningState | null;
  thresholds: DecisionThresholds;
  retentionDays: number;
  /** Travellers whose first screening is still running in this process: left to it. */
  inFlight: ReadonlySet<string>;
  log: Log;
  /** Travellers per match task: larger than a carrier's, the lane is behind theirs anyway. */
  chunkSize?: number;
  retryMs?: number;
  /** How long one journey's screening may take before its travellers count as failed. */
  journeyBudgetMs?: number;
  /** Pause between journeys, leaving the event loop to carriers. */
  pauseMs?: number;
}

const RESCREEN_DEFAULTS = { chunkSize: TRAVELLERS_PER_TASK, retryMs: 30_000, journeyBudgetMs: 120_000, pauseMs: 20 };

export function createRescreener(deps: RescreenDeps): Rescreener {
  const settings = { ...RESCREEN_DEFAULTS, ...deps };
  const stats: RescreenStats = {
    running: false,
    travellers: 0,
    alertsRaised: 0,
    alertsClosed: 0,
    runs: 0,
    lastRun: null,
  };
  let running: Promise<void> | null = null;
  let again: string | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const ruleFindings = (reasons: readonly { type: string }[] | undefined): RuleReason[] =>
    (reasons ?? []).filter((r): r is RuleReason => r.type === 'rule');

  /** Screens the stale travellers of one journey and records what follows; returns the run's counts. */
  const rescreenJourney = async (
    key: string,
    journey: Manifest['journey'],
    current: CurrentTraveller[],
    stale: CurrentTraveller[],
    state: ScreeningState,
    v: ScreeningVersions,
  ) => {
    const inForce = await settings.store.currentAlerts(key);
    const byRef = new Map(current.map((c) => [c.ref, c]));
    const needRules = stale
      .filter((c) => !c.complete || c.rulesVersion !== v.rulesVersion)
      .map((c) => c.traveller as Traveller);
    const matchOnly = stale
      .filter((c) => c.complete && c.rulesVersion === v.rulesVersion)
      .map((c) => c.traveller as Traveller);
    const base = {
      pool: settings.pool,
      watchlist: state.watchlist,
      rules: state.rulesSnapshot,
      suppressions: state.suppressions,
      thresholds: settings.thresholds,
      chunkSize: settings.chunkSize,
      urgency: 'background' as const,
    };
    const deadline = Date.now() + settings.journeyBudgetMs;
    const passes = [];
    if (needRules.length > 0) {
      const m: Manifest = { messageRef: `rescreen:${key}`, kind: 'change', journey, travellers: needRules };
      const effective = effectiveManifest(
        m,
        byRef,
        needRules.map((t) => t.ref),
      );
      const needsHistory = state.rules.rules.some((r) => r.enabled && HISTORY_KINDS.has(r.kind));
      const history = needsHistory
        ? (await settings.store.travelHistory(historyQueryFor(effective, settings.retentionDays))).filter(
            (r) => r.journeyKey !== key,
          )
        : [];
      passes.push(
        screenTravellers(
          effective,
          needRules.map((t) => t.ref),
          { ...base, history },
          deadline,
        ),
      );
    }
    if (matchOnly.length > 0) {
      const m: Manifest = { messageRef: `rescreen:${key}`, kind: 'change', journey, travellers: matchOnly };
      const rulesFrom = new Map(matchOnly.map((t) => [t.ref, ruleFindings(inForce.get(t.ref)?.reasons)]));
      passes.push(
        screenTravellers(
          m,
          matchOnly.map((t) => t.ref),
          { ...base, history: [], rulesFrom },
          deadline,
        ),
      );
    }
    const outcomes: TravellerOutcome[] = [];
    const alerts: NewAlert[] = [];
    const autoClose: Array<{ alertId: string; note: string }> = [];
    let failed = 0;
    for (const pass of await Promise.all(passes)) {
      const late = await pass.late;
      const decided = new Map([...pass.decided, ...late.decided]);
      failed += late.failed.size;
      for (const [ref, d] of decided) {
        const c = byRef.get(ref) as CurrentTraveller;
        const t = c.traveller as Traveller;
        outcomes.push({ traveller: t, dataSha256: c.dataSha256, directive: d.directive, complete: d.complete, ...v });
        if (!d.complete) failed++;
        const held = inForce.get(ref);
        const action = followUpAction(held, d);
        if (action === 'raise' && d.alert) alerts.push(alertFor(t, d.directive, d, 're-screening', v) as NewAlert);
        else if (action === 'auto-close' && held)
          autoClose.push({
            alertId: held.id,
            note: `Screening completed on re-screening (lists ${v.listVersion}, rules ${v.rulesVersion}) and found nothing: closed automatically.`,
          });
      }
    }
    if (outcomes.length > 0)
      await settings.store.recordFollowUp({
        origin: `rescreen:${v.listVersion}:${v.rulesVersion}`,
        journeyKey: key,
        outcomes,
        alerts,
        autoClose,
      });
    return { travellers: outcomes.length, alerts: alerts.length, closed: autoClose.length, failed };
  };

  const pass = async (reason: string) => {
    const state = settings.state();
    if (!state) return;
    const v = versionsOf(state);
    const started = performance.now();
    const run: RescreenRun = {
      reason,
      startedAt: new Date().toISOString(),
      durationMs: 0,
      journeys: 0,
      travellers: 0,
      alertsRaised: 0,
      alertsClosed: 0,
      leftIncomplete: 0,
      ...v,
    };
    const journeys = await settings.store.activeJourneys(new Date().toISOString());
    // One journey at a time, with a pause between journeys: re-screening has time to spare (figures:
    // npm run bench:rescreen) and its main-thread work (reading travellers, writing outcomes) competes
    // with check-ins on the event loop.
    let next = 0;
    const lane = async () => {
      while (next < journeys.length && !closed) {
        const now = settings.state();
        if (!now || !isCurrent(v, versionsOf(now))) {
          again ??= 'versions changed during re-screening';
          return;
        }
        const { key, journey } = journeys[next++] as (typeof journeys)[number];
        const current = await settings.store.currentTravellers(key);
        const stale = current.filter(
          (c) =>
            c.status === 'active' &&
            c.traveller !== null &&
            !settings.inFlight.has(`${key}|${c.ref}`) &&
            (!c.complete || !isCurrent(c, v)),
        );
        if (stale.length === 0) continue;
        try {
          const r = await rescreenJourney(key, journey, current, stale, state, v);
          run.journeys++;
          run.travellers += r.travellers;
          run.alertsRaised += r.alerts;
          run.alertsClosed += r.closed;
          run.leftIncomplete += r.failed;
          stats.travellers += r.travellers;
          stats.alertsRaised += r.alerts;
          stats.alertsClosed += r.closed;
          await new Promise((resolve) => setTimeout(resolve, settings.pauseMs));
        } catch (e) {
          run.leftIncomplete += stale.length;
          settings.log.error(
            { journey: key.split('|').slice(0, 2).join(' '), err: (e as Error).message },
            're-screening a journey failed; it is retried',
          );
        }
      }
    };
    await lane();
    run.durationMs = Math.round(performance.now() - started);
    stats.runs++;
    stats.lastRun = run;
    if (run.travellers > 0 || run.leftIncomplete > 0) settings.log.info({ ...run }, 're-screening finished');
    if (run.leftIncomplete > 0) api.retrySoon();
  };

  const api: Rescreener = {
    trigger(reason) {
      if (closed) return Promise.resolve();
      if (running) {
        again = reason;
        return running;
      }
      stats.running = true;
      running = (async () => {
        let r: string | null = reason;
        while (r !== null && !closed) {
          again = null;
          // One instance re-screens at a time; the others try again later and find little left to do
          // (or take over when the one running died: its claim ends with its connection).
          const ran = await settings.store
            .runExclusive('rescreen', () => pass(r as string))
            .catch((e: unknown) => {
              settings.log.error({ err: (e as Error).message }, 're-screening pass failed');
              return true;
            });
          if (!ran) api.retrySoon();
          r = again;
        }
        stats.running = false;
        running = null;
      })();
      return running;
    },
    retrySoon() {
      if (retry || closed) return;
      retry = setTimeout(() => {
        retry = null;
        void api.trigger('retry of incomplete screening');
      }, settings.retryMs);
      retry.unref();
    },
    stats: () => ({ ...stats }),
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      return running ?? Promise.resolve();
    },
  };
  return api;
}
