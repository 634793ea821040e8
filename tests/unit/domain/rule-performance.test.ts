import { describe, expect, it } from 'vitest';
import type { Reason } from '../../../src/domain/contracts/alert.ts';
import { tallyRulePerformance } from '../../../src/domain/rule-performance.ts';

const rule = (ruleId: string): Reason => ({
  type: 'rule',
  ruleId,
  title: ruleId,
  score: 50,
  context: false,
  facts: {},
});
const incomplete: Reason = { type: 'incomplete', cause: 'budget', score: 0, explanation: '' };

describe('rule performance', () => {
  it('counts alerts per rule, decisions by outcome, and the confirmed share of the decided ones', () => {
    const rows = tallyRulePerformance([
      { reasons: [rule('a'), rule('b')], outcome: 'police-referral' },
      { reasons: [rule('a')], outcome: 'no-concern' },
      { reasons: [rule('a')], outcome: null },
      { reasons: [incomplete], outcome: null },
    ]);
    expect(rows[0]).toEqual({
      ruleId: 'a',
      alerts: 3,
      disposed: 2,
      outcomes: { 'police-referral': 1, 'no-concern': 1 },
      confirmedShare: 0.5,
    });
    expect(rows.find((r) => r.ruleId === 'b')).toMatchObject({ alerts: 1, confirmedShare: 1 });
    expect(rows.find((r) => r.ruleId === 'incomplete:budget')).toMatchObject({
      alerts: 1,
      disposed: 0,
      confirmedShare: null,
    });
  });
});
