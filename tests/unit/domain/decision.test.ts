import { describe, expect, it } from 'vitest';
import type { RuleReason, WatchlistReason } from '../../../src/domain/contracts/alert.ts';
import { Traveller } from '../../../src/domain/contracts/manifest.ts';
import { decide, DEFAULT_THRESHOLDS } from '../../../src/domain/decision.ts';

const traveller = Traveller.parse({
  ref: 'T',
  role: 'passenger',
  surname: 'X',
  documents: [{ type: 'P', number: '1', issuingCountry: 'GBR' }],
});
const match = (action: WatchlistReason['action'], score: number): WatchlistReason => ({
  type: 'watchlist',
  entryId: 'E',
  list: 'l',
  category: 'wanted',
  action,
  score,
  explanation: {
    summary: '',
    matchedName: '',
    tokens: [],
    dateOfBirth: 'unknown',
    nationality: 'unknown',
    document: 'unknown',
  },
});
const rule = (score: number, context = false): RuleReason => ({
  type: 'rule',
  ruleId: `r${score}${context}`,
  title: 't',
  score,
  context,
  facts: {},
});

describe('decide', () => {
  it('gives DO_NOT_BOARD only for a strong match on a DO_NOT_BOARD entry', () => {
    expect(decide(traveller, [match('DO_NOT_BOARD', 95)], [], DEFAULT_THRESHOLDS).directive).toBe('DO_NOT_BOARD');
    expect(decide(traveller, [match('DO_NOT_BOARD', 80)], [], DEFAULT_THRESHOLDS).directive).toBe('CONTACT_AUTHORITY');
    expect(decide(traveller, [match('REFER', 99)], [], DEFAULT_THRESHOLDS).directive).toBe('CONTACT_AUTHORITY');
    const monitor = decide(traveller, [match('MONITOR', 99)], [], DEFAULT_THRESHOLDS);
    expect(monitor.directive).toBe('OK_TO_BOARD');
    expect(monitor.alert).not.toBeNull();
  });

  it('never changes the directive for a trafficking rule, but raises an alert', () => {
    const d = decide(traveller, [], [rule(80)], DEFAULT_THRESHOLDS);
    expect(d.directive).toBe('OK_TO_BOARD');
    expect(d.alert).toMatchObject({ score: 80, priority: 'high' });
  });

  it('counts context rules only beside a stronger rule, capped', () => {
    expect(decide(traveller, [], [rule(15, true), rule(40, true)], DEFAULT_THRESHOLDS).alert).toBeNull();
    expect(decide(traveller, [], [rule(40), rule(15, true)], DEFAULT_THRESHOLDS).alert?.score).toBe(55);
    expect(decide(traveller, [], [rule(40), rule(25, true), rule(25, true)], DEFAULT_THRESHOLDS).alert?.score).toBe(70);
    expect(decide(traveller, [], [rule(40)], DEFAULT_THRESHOLDS).alert).toBeNull();
  });

  it('says INSUFFICIENT_DATA without a travel document', () => {
    const noDoc = Traveller.parse({ ref: 'T', role: 'passenger', surname: 'X' });
    expect(decide(noDoc, [], [], DEFAULT_THRESHOLDS).directive).toBe('INSUFFICIENT_DATA');
    expect(decide(noDoc, [match('DO_NOT_BOARD', 99)], [], DEFAULT_THRESHOLDS).directive).toBe('DO_NOT_BOARD');
  });
});
