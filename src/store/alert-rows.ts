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
import { encodeCursor } from './cursor.ts';
import { priorityRank } from './priority.ts';
import type { NewAlert } from './store.ts';

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

/** A new alert, with `?` placeholders (`numbered` for PostgreSQL); its values from `newAlertValues`. */
export const INSERT_ALERT = `INSERT INTO alerts (id, manifest_id, journey_key, traveller_ref, traveller_json, directive, priority, priority_rank, score, status, reasons_json, arrival_scheduled, created_at, raised_by, list_version, rules_version, suppressions_json)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** One new alert as the values of INSERT_ALERT, the same on both back ends. */
export function newAlertValues(
  a: NewAlert,
  where: { manifestId: string; journeyKey: string; arrival: string; at: string },
): Array<string | number | null> {
  return [
    a.id,
    where.manifestId,
    where.journeyKey,
    a.travellerRef,
    JSON.stringify(a.traveller),
    a.directive,
    a.priority,
    priorityRank(a.priority),
    a.score,
    a.status ?? 'open',
    JSON.stringify(a.reasons),
    where.arrival,
    where.at,
    a.raisedBy,
    a.listVersion,
    a.rulesVersion,
    a.suppressions?.length ? JSON.stringify(a.suppressions) : null,
  ];
}

/** A page of the queue from `limit + 1` rows in queue order, with the cursor of its last row. */
export function queuePage<R extends AlertRow>(rows: R[], limit: number): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          rank: last.priority_rank,
          arrival: last.arrival_scheduled,
          created: last.created_at,
          id: last.id,
        })
      : null;
  return { page, nextCursor };
}
