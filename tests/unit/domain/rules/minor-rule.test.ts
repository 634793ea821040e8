import { describe, expect, it } from 'vitest';
import { Manifest } from '../../../../src/domain/contracts/manifest.ts';
import type { TravellerInput } from '../../../../src/domain/contracts/manifest.ts';
import { evaluateRules } from '../../../../src/domain/rules/engine.ts';
import { RuleDefinition } from '../../../../src/domain/rules/rule-schema.ts';
import { manifest } from '../../../helpers/manifests.ts';

const rules = {
  version: 't',
  rules: [
    RuleDefinition.parse({
      id: 'minor-with-unrelated-adults',
      title: 'Minor with unrelated adults',
      rationale: 'a rationale long enough to pass',
      kind: 'minor-with-unrelated-adults',
      score: 50,
    }),
  ],
};
const booking = (ref: string, extra: object = {}) => ({
  ref,
  bookedAt: '2026-11-01T00:00:00Z',
  payment: 'card' as const,
  ticket: 'return' as const,
  ...extra,
});
const person = (
  ref: string,
  surname: string,
  dob: string | null,
  extra: Partial<TravellerInput> = {},
): TravellerInput => ({ ref, role: 'passenger', surname, givenNames: 'A', dateOfBirth: dob, ...extra });
const fired = (travellers: TravellerInput[]) => [...evaluateRules(rules, Manifest.parse(manifest(travellers))).keys()];

describe('minor with unrelated adults', () => {
  it('fires for a child whose only companion has another surname', () => {
    expect(
      fired([
        person('A', 'KEMP', '1970-01-01', { booking: booking('B') }),
        person('C', 'NOWAK', '2015-01-01', { booking: booking('B') }),
      ]),
    ).toEqual(['C']);
  });

  it('holds back when any companion is family or unknown', () => {
    expect(
      fired([
        person('A', 'KEMP', '1970-01-01', { booking: booking('B') }),
        person('M', 'NOWAK', '1975-01-01', { booking: booking('B') }),
        person('C', 'NOWAK', '2015-01-01', { booking: booking('B') }),
      ]),
    ).toEqual([]);
    expect(
      fired([
        person('A', 'GARCIA FERNANDEZ', '1970-01-01', { booking: booking('B') }),
        person('C', 'LOPEZ MARTIN', '2015-01-01', { booking: booking('B') }),
      ]),
    ).toEqual([]);
  });

  it('uses age on the travel date and treats a missing date of birth as unknown, not a child', () => {
    // Turns 18 on 2026-12-05, the travel date of the test manifest.
    expect(
      fired([
        person('A', 'KEMP', '1970-01-01', { booking: booking('B') }),
        person('C', 'NOWAK', '2008-12-05', { booking: booking('B') }),
      ]),
    ).toEqual([]);
    expect(
      fired([
        person('A', 'KEMP', '1970-01-01', { booking: booking('B') }),
        person('C', 'NOWAK', '2008-12-06', { booking: booking('B') }),
      ]),
    ).toEqual(['C']);
    expect(
      fired([
        person('A', 'KEMP', '1970-01-01', { booking: booking('B') }),
        person('C', 'NOWAK', null, { booking: booking('B') }),
      ]),
    ).toEqual([]);
  });

  it('exempts an agency group booking and unaccompanied-minor service', () => {
    const group = booking('SCH', { agency: 'Schools Travel Ltd', partySize: 24 });
    expect(
      fired([
        person('T', 'KEMP', '1970-01-01', { booking: group }),
        person('C', 'NOWAK', '2012-01-01', { booking: group }),
      ]),
    ).toEqual([]);
    expect(
      fired([
        person('A', 'KEMP', '1970-01-01'),
        person('C', 'NOWAK', '2015-01-01', { unaccompaniedMinor: { collectedBy: 'AUNT' } }),
      ]),
    ).toEqual([]);
  });

  it('ignores crew as companions', () => {
    expect(fired([person('A', 'KEMP', '1970-01-01', { role: 'crew' }), person('C', 'NOWAK', '2015-01-01')])).toEqual(
      [],
    );
  });
});
