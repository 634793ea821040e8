import { z } from 'zod';
import type { Alert } from '../domain/contracts/alert.ts';
import type { FactLine } from '../domain/rules/fact-words.ts';
import { describeFacts, RULE_FACT_LABELS } from '../domain/rules/fact-words.ts';
import type { RuleKind } from '../domain/rules/rule-schema.ts';
import { localTime } from '../domain/time/local-time.ts';
import { portZone } from './port-zones.ts';

/** Fact lines nest as deep as facts do (a conflict's earlier journey): three levels are enough. */
function factLineSchema(depth: number): z.ZodType<FactLine> {
  const base = { label: z.string(), text: z.string() };
  return (
    depth === 0 ? z.object(base) : z.object({ ...base, items: z.array(z.array(factLineSchema(depth - 1))).optional() })
  ) as z.ZodType<FactLine>;
}
export const FactLineSchema = factLineSchema(3);

export const JourneyTimes = z.object({
  departureLocal: z.string().describe("departure on the departure port's clock, with its UTC offset"),
  arrivalLocal: z.string().describe("arrival on the arrival port's clock, with its UTC offset"),
  departureZone: z.string().nullable().describe('IANA zone of the departure port; null: unknown, shown in UTC'),
  arrivalZone: z.string().nullable(),
});
export type JourneyTimes = z.infer<typeof JourneyTimes>;

export const AlertPresentation = z.object({
  times: JourneyTimes,
  /** One entry per reason, in order: a rule's facts in words (null for other reasons). */
  reasonLines: z.array(z.array(FactLineSchema).nullable()),
});
export type AlertPresentation = z.infer<typeof AlertPresentation>;

export function journeyTimes(j: {
  departure: { port: string; scheduled: string };
  arrival: { port: string; scheduled: string };
}): JourneyTimes {
  const departureZone = portZone(j.departure.port);
  const arrivalZone = portZone(j.arrival.port);
  return {
    departureLocal: localTime(j.departure.scheduled, departureZone),
    arrivalLocal: localTime(j.arrival.scheduled, arrivalZone),
    departureZone,
    arrivalZone,
  };
}

const isKind = (k: string | undefined): k is RuleKind => k !== undefined && k in RULE_FACT_LABELS;

/** What the officer page reads beside the alert: local times and every rule fact in words. */
export function presentAlert(a: Alert): AlertPresentation {
  const times = journeyTimes(a.journey);
  return {
    times,
    // Booking and departure times are read on the departure port's clock.
    reasonLines: a.reasons.map((r) =>
      r.type === 'rule' ? describeFacts(isKind(r.kind) ? r.kind : null, r.facts, { zone: times.departureZone }) : null,
    ),
  };
}
