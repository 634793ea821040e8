import type {
  Alert,
  AlertEvent,
  AlertOrigin,
  AlertPriority,
  AlertStatus,
  Outcome,
  Reason,
  SuppressionLink,
} from '../domain/contracts/alert.ts';
import { travellerSummary } from '../domain/contracts/alert.ts';
import type { Journey, Traveller } from '../domain/contracts/manifest.ts';
import { keptForReferral } from '../domain/retention.ts';

/** An alert row joined with its journey, as both store back ends select it (ALERT_SELECT). */
export interface AlertRow {
  id: string;
  manifest_id: string;
  traveller_ref: string;
  traveller_json: string;
  directive: string;
  priority: string;
  priority_rank: number;
  score: number;
  status: string;
  reasons_json: string;
  arrival_scheduled: string;
  created_at: string;
  superseded_by: string | null;
  claimed_by: string | null;
  outcome: string | null;
  raised_by: string;
  list_version: string | null;
  rules_version: string | null;
  depersonalised_at: string | null;
  suppressions_json: string | null;
  journey_id: string;
  journey_json: string;
}

export function toAlert(r: AlertRow, events: AlertEvent[]): Alert {
  const t = JSON.parse(r.traveller_json) as Traveller;
  const j = JSON.parse(r.journey_json) as Journey;
  return {
    id: r.id,
    manifestId: r.manifest_id,
    travellerRef: r.traveller_ref,
    traveller: travellerSummary(t),
    journey: {
      id: r.journey_id,
      mode: j.mode,
      carrier: j.carrier,
      serviceNumber: j.serviceNumber,
      departure: j.departure,
      arrival: j.arrival,
    },
    priority: r.priority as AlertPriority,
    score: r.score,
    status: r.status as AlertStatus,
    directive: r.directive,
    reasons: JSON.parse(r.reasons_json) as Reason[],
    createdAt: r.created_at,
    supersededBy: r.superseded_by,
    raisedBy: r.raised_by as AlertOrigin,
    listVersion: r.list_version,
    rulesVersion: r.rules_version,
    depersonalisedAt: r.depersonalised_at,
    retention: keptForReferral((r.outcome as Outcome | null) ?? null) ? 'referral' : 'standard',
    ...(r.suppressions_json ? { suppressions: JSON.parse(r.suppressions_json) as SuppressionLink[] } : {}),
    claimedBy: r.claimed_by,
    outcome: (r.outcome as Outcome | null) ?? null,
    events,
  };
}
