import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Manifest } from '../../../../src/domain/contracts/manifest.ts';
import { evaluateRules } from '../../../../src/domain/rules/engine.ts';
import { describeFacts } from '../../../../src/domain/rules/fact-words.ts';
import type { RuleKind } from '../../../../src/domain/rules/rule-schema.ts';
import type { PastTravel } from '../../../../src/domain/rules/history.ts';
import { toPastTravel } from '../../../../src/domain/rules/history.ts';
import { loadRuleSet } from '../../../../src/ingest/rule-files.ts';
import { journeyKey } from '../../../../src/screening/submit-manifest.ts';

interface Scenario {
  title: string;
  label: 'pattern' | 'trap' | 'context';
  journeys: unknown[];
  expect: Record<string, string[]>;
}

const dir = new URL('../../../../fixtures/scenarios/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const rules = await loadRuleSet(new URL('../../../../rules', import.meta.url).pathname);

describe('labelled scenarios replay through the shipped rule catalogue', () => {
  it('has at least 30 scenarios, patterns and traps', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    const scenario = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Scenario;
    it(`${file}: ${scenario.title} (${scenario.label})`, () => {
      const history: PastTravel[] = [];
      const manifests = scenario.journeys.map((j) => Manifest.parse(j));
      const last = manifests[manifests.length - 1] as Manifest;
      for (const m of manifests.slice(0, -1))
        for (const t of m.travellers) history.push(toPastTravel(m, journeyKey(m), t));
      const fired = evaluateRules(rules, last, history);
      // Exactly these rules for exactly these travellers: everyone else, nothing.
      const actual = Object.fromEntries(
        last.travellers.map((t) => [t.ref, (fired.get(t.ref) ?? []).map((r) => r.ruleId).sort()]),
      );
      const expected = Object.fromEntries(
        last.travellers.map((t) => [t.ref, [...(scenario.expect[t.ref] ?? [])].sort()]),
      );
      expect(actual).toEqual(expected);
      for (const reasons of fired.values())
        for (const r of reasons) expect(Object.keys(r.facts).length).toBeGreaterThan(0);
      // Every fact reads in words: a key without a label for its rule's kind fails here.
      const unlabelled: string[] = [];
      for (const reasons of fired.values())
        for (const r of reasons)
          describeFacts(r.kind as RuleKind, r.facts, {
            zone: 'Europe/London',
            onUnlabelled: (k) => unlabelled.push(`${r.ruleId}.${k}`),
          });
      expect(unlabelled).toEqual([]);
    });
  }
});
