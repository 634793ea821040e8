import { describe, expect, it } from 'vitest';
import type { Alert, WatchlistReason } from '../../../src/domain/contracts/alert.ts';
import type { Suppression } from '../../../src/domain/suppression.ts';
import { SuppressionIndex, suppressionsFromDecision, travellerIdentity } from '../../../src/domain/suppression.ts';

const person = {
  surname: 'MUELLER',
  givenNames: 'JURGEN',
  dateOfBirth: '1968-05-02',
  nationality: 'DEU',
  documents: [{ type: 'P', number: 'C01X00T47', issuingCountry: 'DEU' }],
};
const reason = (fingerprint = 'aaaa000011112222', entryId = 'E1'): WatchlistReason => ({
  type: 'watchlist',
  entryId,
  list: 'demo',
  category: 'wanted',
  action: 'REFER',
  score: 80,
  listed: {
    names: ['MÜLLER, JÜRGEN'],
    datesOfBirth: ['1968'],
    nationalities: ['DEU'],
    documents: [],
    notes: null,
    fingerprint,
  },
  explanation: {
    summary: '',
    matchedName: '',
    tokens: [],
    dateOfBirth: 'year-only',
    nationality: 'agrees',
    document: 'unknown',
  },
});
const NOW = Date.parse('2026-12-01T00:00:00Z');
const alert = (reasons: Alert['reasons'], traveller = person): Alert =>
  ({ id: 'A1', traveller: { ...traveller, bookingRef: null }, reasons }) as unknown as Alert;
const stored = (extra: Partial<Suppression> = {}): Suppression => {
  const [s] = suppressionsFromDecision(alert([reason()]), 'false-match', 'officer-1', NOW, 365);
  return { ...(s as NonNullable<typeof s>), id: 'S1', revokedAt: null, revokedBy: null, revokeNote: null, ...extra };
};

describe('decisions that carry forward', () => {
  it('a false match of a watch-list finding creates one suppression per document; other outcomes and rule reasons none', () => {
    const two = { ...person, documents: [...person.documents, { type: 'I', number: 'ID-778', issuingCountry: 'DEU' }] };
    expect(
      suppressionsFromDecision(alert([reason()], two), 'false-match', 'o', NOW, 365).map((s) => s.documentNumber),
    ).toEqual(['C01X00T47', 'ID778']);
    expect(suppressionsFromDecision(alert([reason()]), 'no-concern', 'o', NOW, 365)).toEqual([]);
    expect(
      suppressionsFromDecision(
        alert([{ type: 'rule', ruleId: 'r', title: 't', score: 50, context: false, facts: {} }]),
        'false-match',
        'o',
        NOW,
        365,
      ),
    ).toEqual([]);
    // No date of birth or no document: the person cannot be told from a namesake.
    expect(
      suppressionsFromDecision(
        alert([reason()], { ...person, dateOfBirth: null as unknown as string }),
        'false-match',
        'o',
        NOW,
        365,
      ),
    ).toEqual([]);
    expect(
      suppressionsFromDecision(alert([reason()], { ...person, documents: [] }), 'false-match', 'o', NOW, 365),
    ).toEqual([]);
  });

  it('sets aside the same finding for the same person, and nothing once either side changed, it expired or was revoked', () => {
    const index = (s: Suppression) => new SuppressionIndex([s]);
    expect(index(stored()).apply(person, [reason()], NOW + 86_400_000).suppressed).toHaveLength(1);
    // The entry changed (a new fingerprint), another entry, another passport, another name, another date of birth.
    expect(index(stored()).apply(person, [reason('bbbb000011112222')], NOW).kept).toHaveLength(1);
    expect(index(stored()).apply(person, [reason(undefined, 'E2')], NOW).kept).toHaveLength(1);
    expect(
      index(stored()).apply(
        { ...person, documents: [{ type: 'P', number: 'C99', issuingCountry: 'DEU' }] },
        [reason()],
        NOW,
      ).kept,
    ).toHaveLength(1);
    expect(index(stored()).apply({ ...person, givenNames: 'JURGEN KARL' }, [reason()], NOW).kept).toHaveLength(1);
    expect(index(stored()).apply({ ...person, dateOfBirth: '1968-05-03' }, [reason()], NOW).kept).toHaveLength(1);
    // Expired after the period; revoked at once.
    expect(index(stored()).apply(person, [reason()], NOW + 366 * 86_400_000).kept).toHaveLength(1);
    expect(index(stored({ revokedAt: '2026-12-02T00:00:00Z' })).apply(person, [reason()], NOW).kept).toHaveLength(1);
    // A finding recorded before listed records were kept has no version to compare: it stands.
    const { listed: _l, ...older } = reason();
    expect(index(stored()).apply(person, [older as WatchlistReason], NOW).kept).toHaveLength(1);
  });

  it('identity ignores spacing and case but not content', () => {
    expect(travellerIdentity({ ...person, surname: ' mueller ' })?.fingerprint).toBe(
      travellerIdentity(person)?.fingerprint,
    );
    expect(travellerIdentity({ ...person, nationality: 'AUT' })?.fingerprint).not.toBe(
      travellerIdentity(person)?.fingerprint,
    );
  });
});
