import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet, RuleLoadError } from '../../../src/ingest/rule-files.ts';

describe('rule files', () => {
  it('loads the shipped catalogue', async () => {
    const set = await loadRuleSet(new URL('../../../rules', import.meta.url).pathname);
    expect(set.rules.map((r) => r.id)).toContain('minor-with-unrelated-adults');
  });

  it('refuses the whole set, naming file, rule and field, when one rule is bad', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(
      join(dir, 'good.json'),
      JSON.stringify({
        id: 'ok-rule',
        title: 'A good rule',
        rationale: 'long enough rationale here',
        kind: 'minor-with-unrelated-adults',
        score: 10,
      }),
    );
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify([
        {
          id: 'bad-rule',
          title: 'A bad rule',
          rationale: 'long enough rationale here',
          kind: 'minor-with-unrelated-adults',
          score: 10,
          params: { nationality: 'XXX' },
        },
      ]),
    );
    const err = await loadRuleSet(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleLoadError);
    expect((err as RuleLoadError).problems.join('\n')).toMatch(/bad\.json: rule bad-rule: params/);
  });
});
