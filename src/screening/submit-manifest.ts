import { createHash, randomUUID } from 'node:crypto';
import type { Directive } from '../domain/contracts/common.ts';
import type { Journey, Manifest, ManifestResponse, Traveller } from '../domain/contracts/manifest.ts';
import type { IncompleteCause } from '../domain/contracts/alert.ts';
import type { SuppressionIndex } from '../domain/suppression.ts';
import { alertFor } from './alert-for.ts';
import { joinBookings } from './join-bookings.ts';
import { finishLate } from './late-screening.ts';
import { flightKey } from '../domain/contracts/booking.ts';
import type { DecisionThresholds } from '../domain/decision.ts';
import { decide, incompleteReason } from '../domain/decision.ts';
import { bookingLinks } from '../domain/rules/booking-links.ts';
import { historyQueryFor, toPastTravel } from '../domain/rules/history.ts';
import type { RuleSet } from '../domain/rules/rule-schema.ts';
import { HISTORY_KINDS } from '../domain/rules/rule-schema.ts';
import { PaxError } from '../errors.ts';
import type {
  CurrentTraveller,
  NewAlert,
  ScreeningVersions,
  Store,
  StoredManifestReceipt,
  TravellerOutcome,
} from '../store/store.ts';
import type { RulesSnapshot, WatchlistSnapshot } from './worker-messages.ts';
import type { ScreeningPool } from './pool.ts';
import type { Urgency } from './dispatcher.ts';
import type { ScreenedDecision } from './screen-travellers.ts';
import { screenTravellers } from './screen-travellers.ts';
import type { Log } from '../log.ts';

export interface ScreeningState {
  watchlist: WatchlistSnapshot;
  rules: RuleSet;
  rulesSnapshot: RulesSnapshot;
  /** Earlier false-match decisions that set findings aside. */
  suppressions: SuppressionIndex;
}

export interface SubmitManifestDeps {
  store: Store;
  pool: ScreeningPool;
  state: () => ScreeningState;
  thresholds: DecisionThresholds;
  budgetMs: number;
  chunkSize: number;
  /** Check-ins are `interactive`: their pool tasks go ahead of queued batch chunks. */
  urgency: Urgency;
  /** How far back history rules look (days). */
  retentionDays: number;
  /** Active travellers one journey may hold. */
  maxJourneyTravellers: number;
  /** Travellers (`journeyKey|ref`) whose screening is still running here: re-screening leaves them alone. */
  inFlight: Set<string>;
  /** Told when screening failed for some travellers, so re-screening retries them. */
  onIncomplete?: () => void;
  /** Log lines carry ids only: never a name, a date of birth or a document number. */
  log: Log;
}

export interface Submission {
  carrier: string;
  manifest: Manifest;
  bodySha256: string;
  /** Mapping warnings of an EDIFACT message, returned with the directives. */
  warnings?: ManifestResponse['warnings'];
  /** A booking push (PNR): its own travellers are not joined to bookings again, and it may withdraw. */
  fromBooking?: { withdraw: string[]; links: Array<{ from: string; to: string }> };
}

export interface SubmissionResult {
  response: ManifestResponse;
  replayed: boolean;
}

/**
 * A stored journey of the same flight whose service number is spelled otherwise (BA331 in a PAXLST,
 * BA0331 in a booking push): one flight, one journey. Asked only for a journey not seen under its
 * own key, so a message for a known journey pays nothing for it.
 */
export async function otherSpellingKey(store: Store, j: Journey): Promise<string | null> {
  const own = journeyKeyOf(j);
  const wanted = flightKey(j.carrier, j.serviceNumber, j.departure.port, j.departure.scheduled);
  for (const key of await store.journeyKeysOn(j.carrier, j.departure.port, j.departure.scheduled.slice(0, 10))) {
    const [carrier = '', service = '', port = '', date = ''] = key.split('|');
    if (key !== own && flightKey(carrier, service, port, date) === wanted) return key;
  }
  return null;
}

/** Identifies one journey across the messages that describe it. */
export function journeyKey(m: Manifest): string {
  return journeyKeyOf(m.journey);
}

export function journeyKeyOf(j: Journey): string {
  return [j.carrier, j.serviceNumber, j.departure.port, j.departure.scheduled.slice(0, 10)].join('|');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function travellerHash(t: Traveller): string {
  return sha256(JSON.stringify(t));
}

function replayOrConflict(
  existing: { bodySha256: string; response: ManifestResponse },
  bodySha256: string,
): SubmissionResult {
  if (existing.bodySha256 !== bodySha256) throw new PaxError('MESSAGE_REF_REUSED');
  return { response: existing.response, replayed: true };
}

export function versionsOf(state: ScreeningState): ScreeningVersions {
  return { listVersion: state.watchlist.version, rulesVersion: state.rules.version };
}

/** An answer holds only for the watch-list and rule versions it was computed under. */
export function isCurrent(
  v: { listVersion: string | null; rulesVersion: string | null },
  now: ScreeningVersions,
): boolean {
  return v.listVersion === now.listVersion && v.rulesVersion === now.rulesVersion;
}

/** The alert that tells an officer a traveller was answered before screening finished. */
function incompleteAlert(
  t: Traveller,
  cause: IncompleteCause,
  deps: SubmitManifestDeps,
  versions: ScreeningVersions,
): NewAlert {
  const d = decide(t, [], [], deps.thresholds, incompleteReason(cause));
  const alert = d.alert as NonNullable<typeof d.alert>;
  return {
    id: randomUUID(),
    travellerRef: t.ref,
    traveller: t,
    directive: 'CONTACT_AUTHORITY',
    ...alert,
    raisedBy: 'carrier-message',
    ...versions,
  };
}

/**
 * What manifest rules see when screening `toScreen`: the journey's traveller list as it stands once
 * this message applies, narrowed to the travellers the rules can relate to them — the same booking,
 * payer or contact (`bookingLinks`). Every rule groups travellers by those links (or, without booking
 * data, by the whole journey, which is then kept), so the narrowing changes no firing for the
 * screened travellers. The stored travellers' links are read without parsing them: a check-in late
 * in a full flight parses only the few travellers it relates to.
 */
export function effectiveManifest(m: Manifest, current: Map<string, CurrentTraveller>, toScreen: string[]): Manifest {
  const named = new Set(m.travellers.map((t) => t.ref));
  const others = [...current.values()].filter((c) => c.status === 'active' && !named.has(c.ref));
  const screened = new Set(toScreen);
  const subjects = m.travellers.filter((t) => screened.has(t.ref));
  const everyone = () => [...m.travellers, ...others.map((c) => c.traveller).filter((t): t is Traveller => t !== null)];
  if (subjects.length === m.travellers.length + others.length || subjects.some((t) => !t.booking))
    return { ...m, travellers: everyone() };
  const links = new Set(subjects.flatMap(bookingLinks));
  const related = (own: readonly string[]) => own.length === 0 || own.some((l) => links.has(l));
  return {
    ...m,
    travellers: [
      ...m.travellers.filter((t) => screened.has(t.ref) || related(bookingLinks(t))),
      ...others
        .filter((c) => related(c.links))
        .map((c) => c.traveller)
        .filter((t): t is Traveller => t !== null),
    ],
  };
}

/**
 * Accepts a carrier message: replays an idempotent resubmission while the lists and rules it was
 * answered under are still in force (otherwise screens it again), screens the travellers that are new,
 * changed or screened under older versions inside the budget, and stores the manifest, outcomes and
 * alerts in one transaction before answering. A traveller not fully screened gets CONTACT_AUTHORITY
 * and an open "screening incomplete" alert at once; the work goes on and its results follow up.
 */
export async function submitManifest(deps: SubmitManifestDeps, submission: Submission): Promise<SubmissionResult> {
  const started = performance.now();
  const deadline = Date.now() + deps.budgetMs;
  let { manifest } = submission;
  if (manifest.journey.carrier !== submission.carrier)
    throw new PaxError(
      'CARRIER_MISMATCH',
      `The journey's carrier is ${manifest.journey.carrier}; this token speaks for ${submission.carrier || 'no carrier'}`,
    );
  const state = deps.state();
  const versions = versionsOf(state);

  const existing: StoredManifestReceipt | null = await deps.store.findReceipt(submission.carrier, manifest.messageRef);
  if (existing && (existing.bodySha256 !== submission.bodySha256 || isCurrent(existing, versions)))
    return replayOrConflict(existing, submission.bodySha256);
  // A stale replay: the same message screened again under the lists and rules now in force.
  const replay = existing !== null;

  let key = journeyKey(manifest);
  let storedList = await deps.store.currentTravellers(key);
  if (storedList.length === 0) {
    const other = await otherSpellingKey(deps.store, manifest.journey);
    if (other) [key, storedList] = [other, await deps.store.currentTravellers(other)];
  }
  const stored = new Map(storedList.map((c) => [c.ref, c]));
  // API data joined to the flight's bookings: booking facts for the rules, and the traveller known
  // until now only from a booking withdrawn in favour of the one from the travel document.
  const joined =
    manifest.kind === 'cancel' || submission.fromBooking ? null : await joinBookings(deps.store, manifest, stored);
  if (joined) manifest = joined.manifest;
  const extraWithdrawn = joined?.withdraw ?? submission.fromBooking?.withdraw ?? [];
  const links = joined?.links ?? submission.fromBooking?.links ?? [];
  const current = new Map([...stored].filter(([ref]) => !extraWithdrawn.includes(ref)));
  const manifestId = existing?.manifestId ?? randomUUID();
  const hashes = new Map(manifest.travellers.map((t) => [t.ref, travellerHash(t)]));

  let withdrawn: string[] = [];
  const directives: Array<{ ref: string; directive: Directive }> = [];
  const outcomes: TravellerOutcome[] = [];
  const alerts: NewAlert[] = [];
  let unfinished = new Map<string, IncompleteCause>();
  let late: Promise<{ decided: Map<string, ScreenedDecision>; failed: Map<string, IncompleteCause> }> | null = null;

  if (manifest.kind === 'cancel') {
    withdrawn =
      manifest.travellers.length > 0
        ? manifest.travellers.map((t) => t.ref)
        : [...current.values()].filter((c) => c.status === 'active').map((c) => c.ref);
  } else {
    const active = [...current.values()].filter((c) => c.status === 'active').length;
    const added = manifest.travellers.filter((t) => current.get(t.ref)?.status !== 'active').length;
    if (active + added > deps.maxJourneyTravellers) {
      throw new PaxError('JOURNEY_TOO_LARGE', undefined, [
        {
          path: 'travellers',
          message: `the journey would hold ${active + added} travellers; at most ${deps.maxJourneyTravellers} per journey`,
        },
      ]);
    }
    // Reused only while it was computed, in full, on the same data under the lists and rules in force.
    const unchanged = (t: Traveller) => {
      const c = current.get(t.ref);
      return c && c.status === 'active' && c.complete && c.dataSha256 === hashes.get(t.ref) && isCurrent(c, versions)
        ? c
        : null;
    };
    const toScreen = manifest.travellers.filter((t) => !unchanged(t)).map((t) => t.ref);
    const effective = effectiveManifest(manifest, current, toScreen);
    const needsHistory = toScreen.length > 0 && state.rules.rules.some((r) => r.enabled && HISTORY_KINDS.has(r.kind));
    const history = needsHistory
      ? (await deps.store.travelHistory(historyQueryFor(effective, deps.retentionDays))).filter(
          (r) => r.journeyKey !== key,
        )
      : [];
    const outcome = await screenTravellers(
      effective,
      toScreen,
      {
        pool: deps.pool,
        watchlist: state.watchlist,
        rules: state.rulesSnapshot,
        suppressions: state.suppressions,
        history,
        thresholds: deps.thresholds,
        chunkSize: deps.chunkSize,
        urgency: deps.urgency,
      },
      deadline,
    );
    unfinished = outcome.unfinished;
    late = outcome.late;
    for (const t of manifest.travellers) {
      const reuse = unchanged(t);
      if (reuse) {
        directives.push({ ref: t.ref, directive: reuse.directive });
        continue;
      }
      const decision = outcome.decided.get(t.ref);
      const cause = outcome.unfinished.get(t.ref);
      const directive: Directive = decision ? decision.directive : 'CONTACT_AUTHORITY';
      directives.push({ ref: t.ref, directive });
      outcomes.push({
        traveller: t,
        dataSha256: hashes.get(t.ref) as string,
        directive,
        complete: decision?.complete ?? false,
        ...versions,
      });
      const raised = decision ? alertFor(t, directive, decision, 'carrier-message', versions) : null;
      if (raised) alerts.push(raised);
      else if (cause) alerts.push(incompleteAlert(t, cause, deps, versions));
    }
  }

  const response: ManifestResponse = {
    manifestId,
    complete: unfinished.size === 0 && outcomes.every((o) => o.complete),
    elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    directives,
    ...(submission.warnings && submission.warnings.length > 0 ? { warnings: submission.warnings } : {}),
  };
  const result = await deps.store.recordManifest({
    replay,
    manifestId,
    carrier: submission.carrier,
    messageRef: manifest.messageRef,
    bodySha256: submission.bodySha256,
    kind: manifest.kind,
    journey: manifest.journey,
    journeyKey: key,
    receivedAt: new Date().toISOString(),
    response,
    outcomes,
    withdrawn: [...withdrawn, ...extraWithdrawn.filter((r) => stored.get(r)?.status === 'active')],
    ...(links.length > 0 ? { links } : {}),
    alerts,
    history: manifest.kind === 'cancel' ? [] : manifest.travellers.map((t) => toPastTravel(manifest, key, t)),
    ...versions,
  });
  if (!result.stored) return replayOrConflict(result.existing, submission.bodySha256);
  // A suppression applied is an act of the service on an officer's earlier decision: audited.
  for (const a of alerts) {
    if (a.status !== 'suppressed') continue;
    await deps.store.appendAudit({
      at: new Date().toISOString(),
      principal: 'paxscreen',
      role: 'system',
      action: 'suppression.apply',
      target: a.id,
      purpose: (a.suppressions ?? []).map((l) => l.suppressionId).join(','),
    });
  }

  deps.log.info(
    {
      manifestId,
      carrier: submission.carrier,
      kind: manifest.kind,
      replay,
      travellers: manifest.travellers.length,
      screened: outcomes.length,
      alerts: alerts.length,
      unfinished: unfinished.size,
      elapsedMs: response.elapsedMs,
    },
    'manifest screened',
  );
  if (late && unfinished.size > 0) {
    const incompleteAlerts = new Map(
      alerts.filter((a) => unfinished.has(a.travellerRef)).map((a) => [a.travellerRef, a]),
    );
    for (const ref of unfinished.keys()) deps.inFlight.add(`${key}|${ref}`);
    void finishLate(deps, { manifestId, key, manifest, unfinished, hashes, late, versions, incompleteAlerts });
  } else if (outcomes.some((o) => !o.complete)) deps.onIncomplete?.();
  return { response, replayed: false };
}
