import type { IncompleteCause, RuleReason, WatchlistReason } from '../domain/contracts/alert.ts';
import { travellerSummary } from '../domain/contracts/alert.ts';
import type { Manifest, Traveller } from '../domain/contracts/manifest.ts';
import type { MatchSubject } from '../domain/matching/matcher-types.ts';
import type { Decision, DecisionThresholds } from '../domain/decision.ts';
import { decide, incompleteReason } from '../domain/decision.ts';
import { nameProblem } from '../domain/names/usable.ts';
import type { SuppressedMatch, SuppressionIndex } from '../domain/suppression.ts';
import type { PastTravel } from '../domain/rules/history.ts';
import type { RulesSnapshot, WatchlistSnapshot } from './worker-messages.ts';
import type { ScreeningPool } from './pool.ts';
import type { Urgency } from './dispatcher.ts';

export interface ScreeningInputs {
  pool: ScreeningPool;
  watchlist: WatchlistSnapshot;
  rules: RulesSnapshot;
  /** Earlier journeys for history rules. */
  history: PastTravel[];
  /** Earlier false-match decisions: findings they cover are set aside, recorded, not alerted. */
  suppressions?: SuppressionIndex;
  thresholds: DecisionThresholds;
  /** Travellers per match task: small enough to spread a manifest over every thread. */
  chunkSize: number;
  /** A check-in is served before queued batch chunks. */
  urgency: Urgency;
  /**
   * Rule findings already known (re-screening after a watch-list change, rules unchanged): no rules
   * task runs and these stand in for its results.
   */
  rulesFrom?: ReadonlyMap<string, RuleReason[]>;
}

/** A decision, and whether screening ran in full (an incomplete one is retried by re-screening). */
export type ScreenedDecision = Decision & { complete: boolean; suppressed: SuppressedMatch[] };

export interface ScreeningOutcome {
  /**
   * Decisions made before the deadline. A traveller whose name cannot be matched, or whose rules
   * failed, is decided too: CONTACT_AUTHORITY with an incomplete reason beside what was found.
   */
  decided: Map<string, ScreenedDecision>;
  /** Travellers with no decision yet, and why (budget, worker failure): never OK_TO_BOARD. */
  unfinished: Map<string, IncompleteCause>;
  /** Settles when all screening has ended: decisions that arrived after the deadline, and what failed. */
  late: Promise<{ decided: Map<string, ScreenedDecision>; failed: Map<string, IncompleteCause> }>;
}

/** What the matcher is told of a traveller: what officers are shown of them, less the booking. */
export function subjectOf(t: Traveller): MatchSubject {
  const { bookingRef: _bookingRef, ...subject } = travellerSummary(t);
  return subject;
}

/**
 * Screens the named travellers of a manifest: watch-list matching in chunks across the pool and the
 * manifest-wide rules in one task, all at once. Whatever has not finished by the deadline is reported
 * unfinished; its work goes on and settles `late`, so officers still get the alerts.
 */
export function screenTravellers(
  manifest: Manifest,
  refs: string[],
  inputs: ScreeningInputs,
  deadline: number,
): Promise<ScreeningOutcome> {
  const wanted = new Set(refs);
  const travellers = manifest.travellers.filter((t) => wanted.has(t.ref));
  const matches = new Map<string, WatchlistReason[]>();
  const failed = new Set<string>();
  let rules: ReadonlyMap<string, RuleReason[]> | null = inputs.rulesFrom ?? null;
  let rulesFailed = false;

  const subjects = (list: Traveller[]) => list.map((t) => ({ ref: t.ref, subject: subjectOf(t) }));
  const matchTasks: Promise<void>[] = [];
  let rulesTask: Promise<void>;
  if (travellers.length > 0 && travellers.length <= inputs.chunkSize && !inputs.rulesFrom) {
    // A check-in or a small manifest: one round trip to the pool instead of two.
    rulesTask = inputs.pool
      .runScreen(
        {
          kind: 'screen',
          watchlist: inputs.watchlist,
          threshold: inputs.thresholds.matchAlert,
          subjects: subjects(travellers),
          rules: inputs.rules,
          manifest,
          history: inputs.history,
        },
        inputs.urgency,
      )
      .then((r) => {
        for (const m of r.matches) matches.set(m.ref, m.reasons);
        rules = new Map(r.reasons.map((x) => [x.ref, x.reasons]));
      })
      .catch(() => {
        // One task did both: neither the matches nor the rules are known.
        rulesFailed = true;
        for (const t of travellers) failed.add(t.ref);
      });
  } else {
    // The rules see the whole manifest in one task, the longest of them: queued first, it runs beside
    // the match chunks instead of after them, with one worker to itself.
    rulesTask =
      travellers.length === 0 || inputs.rulesFrom
        ? Promise.resolve()
        : inputs.pool
            .runRules({ kind: 'rules', rules: inputs.rules, manifest, history: inputs.history }, inputs.urgency)
            .then((r) => {
              rules = new Map(r.reasons.map((x) => [x.ref, x.reasons]));
            })
            .catch(() => {
              rulesFailed = true;
            });
    for (let i = 0; i < travellers.length; i += inputs.chunkSize) {
      const chunk = travellers.slice(i, i + inputs.chunkSize);
      matchTasks.push(
        inputs.pool
          .runMatch(
            {
              kind: 'match',
              watchlist: inputs.watchlist,
              threshold: inputs.thresholds.matchAlert,
              subjects: subjects(chunk),
            },
            inputs.urgency,
          )
          .then((r) => {
            for (const m of r.matches) matches.set(m.ref, m.reasons);
          })
          .catch(() => {
            for (const t of chunk) failed.add(t.ref);
          }),
      );
    }
  }
  const all = Promise.all([...matchTasks, rulesTask]);

  const rulesDone = () => rules !== null || rulesFailed;
  const decideFinished = (exclude: ReadonlySet<string>): Map<string, ScreenedDecision> => {
    const out = new Map<string, ScreenedDecision>();
    if (!rulesDone()) return out;
    for (const t of travellers) {
      if (exclude.has(t.ref) || failed.has(t.ref)) continue;
      const m = matches.get(t.ref);
      if (!m) continue;
      // Match results are kept when the rules failed: the officer sees them beside the failure.
      const problem = nameProblem(t.surname, t.givenNames);
      const cause: IncompleteCause | null = rulesFailed
        ? 'rules-failure'
        : problem === 'no-usable-token'
          ? 'name-unusable'
          : problem === 'too-long'
            ? 'name-too-long'
            : null;
      const { kept, suppressed } = inputs.suppressions
        ? inputs.suppressions.apply(t, m, Date.now())
        : { kept: m, suppressed: [] };
      const decision = decide(
        t,
        kept,
        rules?.get(t.ref) ?? [],
        inputs.thresholds,
        cause ? incompleteReason(cause) : null,
      );
      out.set(t.ref, { ...decision, complete: !rulesFailed, suppressed });
    }
    return out;
  };
  const causeOf = (ref: string): IncompleteCause => (failed.has(ref) ? 'worker-failure' : 'budget');

  return new Promise((resolve) => {
    const timer = setTimeout(settle, Math.max(0, deadline - Date.now()));
    timer.unref();
    void all.then(() => {
      clearTimeout(timer);
      settle();
    });
    let settled = false;
    function settle() {
      if (settled) return;
      settled = true;
      const decided = decideFinished(new Set());
      const unfinished = new Map(
        travellers.filter((t) => !decided.has(t.ref)).map((t) => [t.ref, causeOf(t.ref)] as const),
      );
      const late = all.then(() => {
        const later = decideFinished(new Set(decided.keys()));
        return {
          decided: later,
          failed: new Map([...unfinished.keys()].filter((r) => !later.has(r)).map((r) => [r, causeOf(r)] as const)),
        };
      });
      resolve({ decided, unfinished, late });
    }
  });
}
