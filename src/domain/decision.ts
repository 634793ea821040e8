import type { AlertPriority, IncompleteReason, Reason, RuleReason, WatchlistReason } from './contracts/alert.ts';
import type { Directive } from './contracts/common.ts';
import type { Traveller } from './contracts/manifest.ts';

export interface DecisionThresholds {
  /** A watch-list match at or above this score raises an alert (0–100). */
  matchAlert: number;
  /** A DO_NOT_BOARD entry matched at or above this score gives DO_NOT_BOARD; below it, CONTACT_AUTHORITY. */
  matchStrong: number;
  /** Rule scores at or above this total refer the traveller to officers. */
  referral: number;
  /** Context rules together add at most this much. */
  contextCap: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = { matchAlert: 75, matchStrong: 90, referral: 50, contextCap: 30 };

export interface Decision {
  directive: Directive;
  /** Present when officers must look at this traveller. */
  alert: { priority: AlertPriority; score: number; reasons: Reason[] } | null;
}

const ORDER: Directive[] = ['DO_NOT_BOARD', 'CONTACT_AUTHORITY', 'INSUFFICIENT_DATA', 'OK_TO_BOARD'];
function strictest(a: Directive, b: Directive): Directive {
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
}

/** Rule total: context rules count only beside a non-context rule, and are capped together. */
export function ruleTotal(reasons: RuleReason[], contextCap: number): { total: number; counted: RuleReason[] } {
  const strong = reasons.filter((r) => !r.context);
  if (strong.length === 0) return { total: 0, counted: [] };
  const context = reasons.filter((r) => r.context);
  const contextScore = Math.min(
    contextCap,
    context.reduce((s, r) => s + r.score, 0),
  );
  return { total: strong.reduce((s, r) => s + r.score, 0) + contextScore, counted: [...strong, ...context] };
}

function priorityFor(directive: Directive, score: number, matches: WatchlistReason[]): AlertPriority {
  if (directive === 'DO_NOT_BOARD') return 'critical';
  if (directive === 'CONTACT_AUTHORITY' || score >= 80) return 'high';
  if (score >= 50 || matches.length > 0) return 'medium';
  return 'low';
}

/**
 * Turns what screening found into the carrier's directive and, when warranted, an officer alert.
 * Trafficking rules never change the directive: refusing boarding can hand a child back to the
 * trafficker, and a directive must not tip anyone off. They only raise alerts.
 */
export function decide(
  traveller: Traveller,
  matches: WatchlistReason[],
  rules: RuleReason[],
  t: DecisionThresholds,
  incomplete: IncompleteReason | null = null,
): Decision {
  const alerting = matches.filter((m) => m.score >= t.matchAlert);
  let directive: Directive = traveller.documents.length === 0 ? 'INSUFFICIENT_DATA' : 'OK_TO_BOARD';
  // Not fully screened: never OK_TO_BOARD, and always in front of an officer with what was found.
  if (incomplete) directive = 'CONTACT_AUTHORITY';
  for (const m of alerting) {
    if (m.action === 'DO_NOT_BOARD')
      directive = strictest(directive, m.score >= t.matchStrong ? 'DO_NOT_BOARD' : 'CONTACT_AUTHORITY');
    else if (m.action === 'REFER') directive = strictest(directive, 'CONTACT_AUTHORITY');
  }
  const { total, counted } = ruleTotal(rules, t.contextCap);
  const referred = total >= t.referral;
  if (alerting.length === 0 && !referred && !incomplete) return { directive, alert: null };

  const topMatch = alerting.reduce((s, m) => Math.max(s, m.score), 0);
  const score = Math.round((topMatch + (referred ? total : 0)) * 10) / 10;
  const reasons: Reason[] = [...(incomplete ? [incomplete] : []), ...alerting, ...(referred ? counted : [])];
  return { directive, alert: { priority: priorityFor(directive, score, alerting), score, reasons } };
}

const INCOMPLETE_WORDS: Record<IncompleteReason['cause'], string> = {
  budget: 'screening did not finish inside the answer budget; it goes on and this alert is updated when it does',
  'worker-failure': 'a screening thread failed while screening this traveller; screening will be retried',
  'rules-failure':
    'the trafficking rules could not be evaluated; watch-list findings (if any) are shown; screening will be retried',
  'name-unusable':
    'the name has no letter or digit left once invisible characters and punctuation are removed: it cannot be matched',
  'name-too-long': 'the name has more words than the matcher screens in full',
};

export function incompleteReason(cause: IncompleteReason['cause']): IncompleteReason {
  return { type: 'incomplete', cause, score: 0, explanation: INCOMPLETE_WORDS[cause] };
}
