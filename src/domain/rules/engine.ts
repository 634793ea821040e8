import type { RuleReason } from '../contracts/alert.ts';
import type { Manifest } from '../contracts/manifest.ts';
import type { RuleContext } from './context.ts';
import { indexHistory } from './context.ts';
import type { Firing } from './engine-types.ts';
import {
  arriveLeaveWithout,
  identityInconsistent,
  minorManyAdults,
  repeatEscort,
  repeatGuardian,
  repeatPayer,
} from './evaluators/history-rules.ts';
import {
  adultsManyMinors,
  lateCashBooking,
  minorAlone,
  minorOneWay,
  oneWayAdultGroup,
} from './evaluators/manifest-rules.ts';
import { minorWithUnrelatedAdults } from './evaluators/minor-with-unrelated-adults.ts';
import type { PastTravel } from './history.ts';
import { viewManifest } from './manifest-view.ts';
import type { RuleDefinition, RuleSet } from './rule-schema.ts';

function evaluate(rule: RuleDefinition, ctx: RuleContext): Firing[] {
  switch (rule.kind) {
    case 'minor-with-unrelated-adults':
      return minorWithUnrelatedAdults(ctx, rule.params);
    case 'minor-alone':
      return minorAlone(ctx, rule.params);
    case 'repeat-escort':
      return repeatEscort(ctx, rule.params);
    case 'repeat-guardian':
      return repeatGuardian(ctx, rule.params);
    case 'arrive-leave-without':
      return arriveLeaveWithout(ctx, rule.params);
    case 'minor-many-adults':
      return minorManyAdults(ctx, rule.params);
    case 'adults-many-minors':
      return adultsManyMinors(ctx, rule.params);
    case 'repeat-payer':
      return repeatPayer(ctx, rule.params);
    case 'one-way-adult-group':
      return oneWayAdultGroup(ctx, rule.params);
    case 'late-cash-booking':
      return lateCashBooking(ctx, rule.params);
    case 'minor-one-way':
      return minorOneWay(ctx, rule.params);
    case 'identity-inconsistent':
      return identityInconsistent(ctx, rule.params);
  }
}

/**
 * Runs every enabled rule over the manifest (and the earlier journeys the store supplied); returns
 * the rule reasons per traveller ref.
 */
export function evaluateRules(
  ruleSet: RuleSet,
  manifest: Manifest,
  history: PastTravel[] = [],
): Map<string, RuleReason[]> {
  const ctx: RuleContext = { view: viewManifest(manifest), history: indexHistory(history) };
  const out = new Map<string, RuleReason[]>();
  for (const rule of ruleSet.rules) {
    if (!rule.enabled) continue;
    for (const f of evaluate(rule, ctx)) {
      const reasons = out.get(f.travellerRef) ?? [];
      if (reasons.some((r) => r.ruleId === rule.id)) continue;
      reasons.push({
        type: 'rule',
        ruleId: rule.id,
        kind: rule.kind,
        title: rule.title,
        score: rule.score,
        context: rule.context,
        facts: f.facts,
      });
      out.set(f.travellerRef, reasons);
    }
  }
  return out;
}
