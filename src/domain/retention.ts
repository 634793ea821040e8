import type { Reason } from './contracts/alert.ts';
import { CONFIRMING_OUTCOMES } from './contracts/alert.ts';
import type { Outcome } from './contracts/alert.ts';

/**
 * What stays of an alert once its retention window has passed: enough for statistics and rule
 * performance (which rule or list, the score and its parts, what the officer decided), nothing that
 * names or describes the traveller or the listed person.
 */
export const REMOVED_TRAVELLER = {
  surname: '(removed under the retention policy)',
  givenNames: '',
  dateOfBirth: null,
  nationality: null,
  documents: [],
  booking: null,
} as const;
export const REMOVED_TRAVELLER_JSON = JSON.stringify(REMOVED_TRAVELLER);

export function depersonaliseReasons(reasons: readonly Reason[]): Reason[] {
  return reasons.map((r): Reason => {
    switch (r.type) {
      case 'watchlist':
        return {
          ...r,
          explanation: {
            summary: '(removed under the retention policy)',
            matchedName: '',
            tokens: [],
            dateOfBirth: r.explanation.dateOfBirth,
            nationality: r.explanation.nationality,
            document: r.explanation.document,
            ...(r.explanation.scoreParts ? { scoreParts: r.explanation.scoreParts } : {}),
          },
        };
      case 'rule':
        // The facts name travellers, bookings and payers: only the rule and its score stay.
        return { ...r, facts: {} };
      case 'incomplete':
        return r;
    }
  });
}

/** Alerts an officer turned into a referral or a refusal are kept for the longer window. */
export function keptForReferral(outcome: Outcome | null): boolean {
  return outcome !== null && CONFIRMING_OUTCOMES.has(outcome);
}
