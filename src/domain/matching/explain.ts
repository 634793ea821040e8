import type { WatchlistReason } from '../contracts/alert.ts';
import type { NameAlignment } from './align.ts';
import type { DateEvidence, DobVerdict } from './corroborate.ts';
import type { PreparedName } from './prepared-list.ts';

type Explanation = WatchlistReason['explanation'];

const DOB_WORDS: Record<DobVerdict, string> = {
  exact: 'date of birth identical',
  'day-month-swapped': 'date of birth matches with day and month swapped',
  'year-only': 'date of birth agrees as far as the partial date goes',
  'same-year-and-month': 'date of birth: same year and month, another day',
  'same-year-and-day': 'date of birth: same year and day, another month',
  'same-day-and-month': 'date of birth: same day and month, another year',
  'same-year': 'date of birth: same year only',
  'within-one-year': 'date of birth: a year apart, nothing else in common',
  different: 'date of birth differs',
  unknown: 'date of birth not comparable (missing on one side; a near name then counts for less)',
};

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function describePair(p: NameAlignment['pairings'][number]): string {
  switch (p.how) {
    case 'exact':
      return `${p.listed} = ${p.travelled}`;
    case 'variant':
      return `${p.listed} ≈ ${p.travelled} (spelling variant)`;
    case 'equivalent':
      return `${p.listed} ≈ ${p.travelled} (same name: nickname or other romanisation)`;
    case 'typo':
      return `${p.listed} ≈ ${p.travelled} (${p.distance} edit${p.distance === 1 ? '' : 's'})`;
    case 'initial':
      return `${p.listed} ~ ${p.travelled} (initial)`;
    case 'missing':
      return `${p.listed} not in travelled name`;
    case 'extra':
      return `${p.travelled} not in listed name`;
  }
}

export function explainMatch(input: {
  name: PreparedName;
  alignment: NameAlignment;
  dob: DateEvidence;
  /** Points the document comparison added or took (0 when it says nothing). */
  documentAdjustment: number;
  nationality: Explanation['nationality'];
  document: Explanation['document'];
  documentDecisive: boolean;
  /** When the document number matched: whether the issuing countries agree too. */
  documentIssuer: 'agrees' | 'differs' | 'unknown' | null;
}): Explanation {
  const { name, alignment, dob, nationality, document, documentDecisive, documentIssuer, documentAdjustment } = input;
  const nameScore = Math.round(alignment.score * 10) / 10;
  const parts_ = `name ${nameScore}, date of birth ${signed(dob.adjustment)}${documentAdjustment ? `, document ${signed(documentAdjustment)}` : ''}`;
  const issuerWords =
    documentIssuer === 'agrees'
      ? 'issuing country agrees'
      : documentIssuer === 'differs'
        ? 'issuing country differs'
        : 'issuing country not comparable';
  const order = alignment.orderPenalty
    ? `; words in an order no one writes this name in (−${alignment.orderPenalty})`
    : '';
  const parts = alignment.pairings.map(describePair).join('; ') + order;
  const listedCount = name.tokens.length;
  const nameWords = `name matches listed "${name.display}" on ${alignment.matchedTokens} of ${listedCount} parts`;
  const summary = documentDecisive
    ? `Travel document number matches a listed document (decisive on its own; ${issuerWords}); ${nameWords}${alignment.matchedTokens > 0 ? ` (${parts})` : ''}. ${DOB_WORDS[dob.verdict]}; nationality ${nationality} (shown, never scored).`
    : `${nameWords[0]?.toUpperCase()}${nameWords.slice(1)}: ${parts}. ${DOB_WORDS[dob.verdict]} (${signed(dob.adjustment)}); nationality ${nationality} (shown, never scored); document ${document}. Score: ${parts_}.`;
  return {
    summary,
    matchedName: name.display,
    tokens: alignment.pairings.map((p) => ({
      listed: p.listed,
      travelled: p.travelled,
      how: p.how,
      distance: p.distance,
    })),
    dateOfBirth: dob.verdict,
    scoreParts: {
      name: nameScore,
      dateOfBirth: dob.adjustment,
      document: documentDecisive ? null : documentAdjustment,
    },
    nationality,
    document,
    ...(documentIssuer ? { documentIssuer } : {}),
  };
}
