import type { Outcome, Reason } from './contracts/alert.ts';
import { CONFIRMING_OUTCOMES } from './contracts/alert.ts';

export interface RulePerformance {
  ruleId: string;
  alerts: number;
  disposed: number;
  outcomes: Partial<Record<Outcome, number>>;
  confirmedShare: number | null;
}

/**
 * Per rule, per list and per cause of incomplete screening: alerts that carried it, how many were
 * decided, by outcome, and the share of decisions that confirmed the flag (referrals, refusals).
 * Most alerts first. Every store back end reads alerts and hands them here.
 */
export function tallyRulePerformance(
  alerts: Iterable<{ reasons: readonly Reason[]; outcome: Outcome | null }>,
): RulePerformance[] {
  const byRule = new Map<string, RulePerformance>();
  for (const a of alerts) {
    for (const reason of a.reasons) {
      const key =
        reason.type === 'rule'
          ? reason.ruleId
          : reason.type === 'watchlist'
            ? `watchlist:${reason.list}`
            : `incomplete:${reason.cause}`;
      const p = byRule.get(key) ?? { ruleId: key, alerts: 0, disposed: 0, outcomes: {}, confirmedShare: null };
      p.alerts++;
      if (a.outcome) {
        p.disposed++;
        p.outcomes[a.outcome] = (p.outcomes[a.outcome] ?? 0) + 1;
      }
      byRule.set(key, p);
    }
  }
  for (const p of byRule.values()) {
    const confirmed = Object.entries(p.outcomes).reduce(
      (s, [o, n]) => s + (CONFIRMING_OUTCOMES.has(o as Outcome) ? (n ?? 0) : 0),
      0,
    );
    p.confirmedShare = p.disposed > 0 ? confirmed / p.disposed : null;
  }
  return [...byRule.values()].sort((a, b) => b.alerts - a.alerts);
}

/**
 * The supervisors' table: every rule in force is listed, those that never fired too (silence is a
 * finding), each with its title and whether it is enabled; lists and incomplete causes get a title
 * in words.
 */
export function performanceTable(
  fired: RulePerformance[],
  inForce: ReadonlyArray<{ id: string; title: string; enabled: boolean }>,
): Array<RulePerformance & { title: string; enabled: boolean }> {
  const rules = new Map(inForce.map((r) => [r.id, r]));
  const known = new Set(fired.map((r) => r.ruleId));
  const silent = inForce
    .filter((r) => !known.has(r.id))
    .map((r) => ({ ruleId: r.id, alerts: 0, disposed: 0, outcomes: {}, confirmedShare: null }));
  return [...fired, ...silent].map((r) => ({
    ...r,
    title:
      rules.get(r.ruleId)?.title ??
      r.ruleId.replace(/^watchlist:/, 'Watch-list ').replace(/^incomplete:/, 'Screening incomplete: '),
    enabled: rules.get(r.ruleId)?.enabled ?? true,
  }));
}
