import type { AlertPriority, Reason, RuleReason, WatchlistReason } from './contracts/alert.ts';
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
  const contextScore = Math.min(contextCap, context.reduce((s, r) => s + r.score, 0));
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
export function decide(traveller: Traveller, matches: WatchlistReason[], rules: RuleReason[], t: DecisionThresholds): Decision {
  const alerting = matches.filter((m) => m.score >= t.matchAlert);
  let directive: Directive = traveller.documents.length === 0 ? 'INSUFFICIENT_DATA' : 'OK_TO_BOARD';
  for (const m of alerting) {
    if (m.action === 'DO_NOT_BOARD') directive = strictest(directive, m.score >= t.matchStrong ? 'DO_NOT_BOARD' : 'CONTACT_AUTHORITY');
    else if (m.action === 'REFER') directive = strictest(directive, 'CONTACT_AUTHORITY');
  }
  const { total, counted } = ruleTotal(rules, t.contextCap);
  const referred = total >= t.referral;
  if (alerting.length === 0 && !referred) return { directive, alert: null };

  const topMatch = alerting.reduce((s, m) => Math.max(s, m.score), 0);
  const score = Math.round((topMatch + (referred ? total : 0)) * 10) / 10;
  const reasons: Reason[] = [...alerting, ...(referred ? counted : [])];
  return { directive, alert: { priority: priorityFor(directive, score, alerting), score, reasons } };
}
