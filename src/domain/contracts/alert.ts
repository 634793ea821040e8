import { z } from 'zod';
import type { Traveller } from './manifest.ts';
import { WatchlistCategory } from './watchlist.ts';

/**
 * How a traveller's date of birth compares with a listed one, in the words an officer reads.
 * `within-one-year` means a year apart with nothing else in common.
 */
export const DOB_VERDICTS = [
  'exact',
  'day-month-swapped',
  'year-only',
  'same-year-and-month',
  'same-year-and-day',
  'same-day-and-month',
  'same-year',
  'within-one-year',
  'different',
  'unknown',
] as const;
export type DobVerdict = (typeof DOB_VERDICTS)[number];

/**
 * The listed record as it stood when it matched, so an officer compares it with the traveller side
 * by side, and a decision remembers which version of the entry it was about (`fingerprint`).
 */
export const ListedRecord = z.object({
  names: z.array(z.string()).describe('the primary name first, then aliases (at most 20)'),
  datesOfBirth: z.array(z.string()).describe('full or partial dates (YYYY, YYYY-MM, YYYY-MM-DD)'),
  nationalities: z.array(z.string()),
  documents: z.array(z.object({ number: z.string(), issuingCountry: z.string().optional() })),
  notes: z.string().nullable().describe("the list's remarks on the entry (at most 600 characters)"),
  fingerprint: z
    .string()
    .describe("changes whenever the entry's names, dates, documents, nationality, category, action or remarks change"),
});
export type ListedRecord = z.infer<typeof ListedRecord>;

export const WatchlistReason = z.object({
  type: z.literal('watchlist'),
  entryId: z.string(),
  list: z.string(),
  category: WatchlistCategory,
  action: z.enum(['DO_NOT_BOARD', 'REFER', 'MONITOR']),
  score: z.number(),
  listed: ListedRecord.optional().describe('absent on alerts raised before the listed record was kept'),
  explanation: z.object({
    summary: z.string().describe('the match in plain words'),
    matchedName: z.string().describe('the listed name (primary or alias) that matched'),
    tokens: z.array(
      z.object({
        listed: z.string(),
        travelled: z.string().nullable(),
        how: z.enum(['exact', 'variant', 'equivalent', 'typo', 'initial', 'missing', 'extra']),
        distance: z.number().nullable(),
      }),
    ),
    dateOfBirth: z.enum(DOB_VERDICTS),
    scoreParts: z
      .object({
        name: z.number().describe('0–100: how much of the listed name the travelled name accounts for'),
        dateOfBirth: z.number().describe('points the date-of-birth comparison added or took'),
        document: z
          .number()
          .nullable()
          .describe('points a different document number took; null when a matching number decided'),
      })
      .optional()
      .describe('the components the score adds up from (absent on alerts raised before scores were itemised)'),
    nationality: z.enum(['agrees', 'differs', 'unknown']),
    document: z.enum(['agrees', 'differs', 'unknown']),
    documentIssuer: z
      .enum(['agrees', 'differs', 'unknown'])
      .optional()
      .describe('when the document number matched: whether the issuing countries agree (confidence, never a veto)'),
  }),
});
export type WatchlistReason = z.infer<typeof WatchlistReason>;

export const RuleReason = z.object({
  type: z.literal('rule'),
  ruleId: z.string(),
  kind: z
    .string()
    .optional()
    .describe("the rule's kind: which labels its facts are read with (absent on older alerts)"),
  title: z.string(),
  score: z.number(),
  context: z.boolean().describe('a weak signal that counts only alongside a stronger rule'),
  facts: z.record(z.string(), z.unknown()).describe('the values that triggered the rule'),
});
export type RuleReason = z.infer<typeof RuleReason>;

export const INCOMPLETE_CAUSES = [
  'budget',
  'worker-failure',
  'rules-failure',
  'name-unusable',
  'name-too-long',
] as const;
export type IncompleteCause = (typeof INCOMPLETE_CAUSES)[number];

/** Screening did not finish for this traveller: the carrier was told CONTACT_AUTHORITY, an officer must look. */
export const IncompleteReason = z.object({
  type: z.literal('incomplete'),
  cause: z.enum(INCOMPLETE_CAUSES),
  score: z.number(),
  explanation: z.string().describe('what did not finish, in plain words'),
});
export type IncompleteReason = z.infer<typeof IncompleteReason>;

export const Reason = z.discriminatedUnion('type', [WatchlistReason, RuleReason, IncompleteReason]);
export type Reason = z.infer<typeof Reason>;

export const ALERT_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const AlertPriority = z.enum(ALERT_PRIORITIES);
export type AlertPriority = z.infer<typeof AlertPriority>;
export const AlertStatus = z
  .enum(['open', 'in-review', 'closed', 'suppressed'])
  .describe('suppressed: every finding was set aside by an earlier false-match decision (supervisors see these)');
/** Which earlier decision set a finding aside. */
export const SuppressionLink = z.object({
  suppressionId: z.string(),
  decidedAlertId: z.string(),
  list: z.string(),
  entryId: z.string(),
});
export type SuppressionLink = z.infer<typeof SuppressionLink>;
export const ALERT_ORIGINS = ['carrier-message', 'late-screening', 're-screening'] as const;
export type AlertOrigin = (typeof ALERT_ORIGINS)[number];

export const OUTCOMES = [
  'no-concern',
  'false-match',
  'safeguarding-referral',
  'nrm-referral',
  'police-referral',
  'refused-entry',
  'data-error',
] as const;
export const Outcome = z.enum(OUTCOMES).describe('what the officer decided');
export type Outcome = z.infer<typeof Outcome>;
/** Outcomes that confirm a flag was right (for rule performance). */
export const CONFIRMING_OUTCOMES: ReadonlySet<Outcome> = new Set([
  'safeguarding-referral',
  'nrm-referral',
  'police-referral',
  'refused-entry',
]);

export const AlertEvent = z.object({
  at: z.string(),
  principal: z.string(),
  action: z.enum(['claim', 'release', 'dispose', 'reopen', 'auto-close', 'unsuppress']),
  outcome: Outcome.nullable(),
  note: z.string().nullable(),
});
export type AlertEvent = z.infer<typeof AlertEvent>;
export type AlertStatus = z.infer<typeof AlertStatus>;

/** The identity an officer reads of a traveller (never sex). */
export const TravellerSummary = z.object({
  surname: z.string(),
  givenNames: z.string(),
  dateOfBirth: z.string().nullable(),
  nationality: z.string().nullable(),
  documents: z.array(z.object({ type: z.string(), number: z.string(), issuingCountry: z.string() })),
  bookingRef: z.string().nullable(),
});
export type TravellerSummary = z.infer<typeof TravellerSummary>;

export function travellerSummary(t: Traveller): TravellerSummary {
  return {
    surname: t.surname,
    givenNames: t.givenNames,
    dateOfBirth: t.dateOfBirth,
    nationality: t.nationality,
    documents: t.documents.map((d) => ({ type: d.type, number: d.number, issuingCountry: d.issuingCountry })),
    bookingRef: t.booking?.ref ?? null,
  };
}

/** A journey as officers see it, by its public id. */
export const JourneySummary = z.object({
  id: z.string(),
  mode: z.string(),
  carrier: z.string(),
  serviceNumber: z.string(),
  departure: z.object({ port: z.string(), country: z.string(), scheduled: z.string() }),
  arrival: z.object({ port: z.string(), country: z.string(), scheduled: z.string() }),
});

export const Alert = z
  .object({
    id: z.string(),
    manifestId: z.string(),
    travellerRef: z.string(),
    traveller: TravellerSummary,
    journey: JourneySummary,
    priority: AlertPriority,
    score: z.number(),
    status: AlertStatus,
    directive: z.string().describe('the directive the carrier was given'),
    reasons: z.array(Reason),
    createdAt: z.string(),
    supersededBy: z.string().nullable(),
    raisedBy: z
      .enum(ALERT_ORIGINS)
      .describe(
        'a carrier message, screening that finished after the answer, or re-screening after a list or rule change',
      ),
    depersonalisedAt: z
      .string()
      .nullable()
      .optional()
      .describe('when the retention policy removed the personal data (the traveller, the explanation, notes)'),
    retention: z
      .enum(['standard', 'referral'])
      .optional()
      .describe('which retention window applies: a referral or refusal keeps its personal data for the longer one'),
    listVersion: z.string().nullable().describe('the watch-list version the findings were computed under'),
    rulesVersion: z.string().nullable().describe('the rule-set version the findings were computed under'),
    suppressions: z
      .array(SuppressionLink)
      .optional()
      .describe(
        'watch-list findings an earlier false-match decision set aside (their reasons are listed when the alert is suppressed)',
      ),
    claimedBy: z.string().nullable().describe('the officer reviewing it, while in review'),
    outcome: Outcome.nullable(),
    events: z.array(AlertEvent).describe('every change, oldest first; nothing is deleted'),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;
