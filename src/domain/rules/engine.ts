import type { RuleReason } from '../contracts/alert.ts';
import type { Manifest } from '../contracts/manifest.ts';
import type { Firing } from './engine-types.ts';
import { minorWithUnrelatedAdults } from './evaluators/minor-with-unrelated-adults.ts';
import { viewManifest } from './manifest-view.ts';
import type { RuleDefinition, RuleSet } from './rule-schema.ts';

function evaluate(rule: RuleDefinition, view: ReturnType<typeof viewManifest>): Firing[] {
  switch (rule.kind) {
    case 'minor-with-unrelated-adults':
      return minorWithUnrelatedAdults(view, rule.params);
  }
}

/** Runs every enabled rule over the manifest; returns the rule reasons per traveller ref. */
export function evaluateRules(ruleSet: RuleSet, manifest: Manifest): Map<string, RuleReason[]> {
  const view = viewManifest(manifest);
  const out = new Map<string, RuleReason[]>();
  for (const rule of ruleSet.rules) {
    if (!rule.enabled) continue;
    for (const f of evaluate(rule, view)) {
      const reasons = out.get(f.travellerRef) ?? [];
      reasons.push({ type: 'rule', ruleId: rule.id, title: rule.title, score: rule.score, context: rule.context, facts: f.facts });
      out.set(f.travellerRef, reasons);
    }
  }
  return out;
}
