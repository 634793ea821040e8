import { createHash, randomUUID } from 'node:crypto';
import type { Directive } from '../domain/contracts/common.ts';
import type { Manifest, ManifestResponse, Traveller } from '../domain/contracts/manifest.ts';
import type { Decision, DecisionThresholds } from '../domain/decision.ts';
import { bookingLinks } from '../domain/rules/booking-links.ts';
import { historyQueryFor, toPastTravel } from '../domain/rules/history.ts';
import type { RuleSet } from '../domain/rules/rule-schema.ts';
import { HISTORY_KINDS } from '../domain/rules/rule-schema.ts';
import { PaxError } from '../errors.ts';
import type { CurrentTraveller, NewAlert, Store, TravellerOutcome } from '../store/store.ts';
import type { RulesSnapshot, WatchlistSnapshot } from './contract.ts';
import type { ScreeningPool } from './pool.ts';
import type { Urgency } from './dispatcher.ts';
import { screenManifest } from './screen-manifest.ts';

export interface ScreeningState {
  watchlist: WatchlistSnapshot;
  rules: RuleSet;
  rulesSnapshot: RulesSnapshot;
}

export interface ManifestServiceDeps {
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
  /** Log lines carry ids only: never a name, a date of birth or a document number. */
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface Submission {
  carrier: string;
  manifest: Manifest;
  bodySha256: string;
  /** Mapping warnings of an EDIFACT message, returned with the directives. */
  warnings?: ManifestResponse['warnings'];
}

export interface SubmissionResult {
  response: ManifestResponse;
  replayed: boolean;
}

/** Identifies one journey across the messages that describe it. */
export function journeyKey(m: Manifest): string {
  const j = m.journey;
  return [j.carrier, j.serviceNumber, j.departure.port, j.departure.scheduled.slice(0, 10)].join('|');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function travellerHash(t: Traveller): string {
  return sha256(JSON.stringify(t));
}

function replayOrConflict(existing: { bodySha256: string; response: ManifestResponse }, bodySha256: string): SubmissionResult {
  if (existing.bodySha256 !== bodySha256) throw new PaxError('MESSAGE_REF_REUSED');
  return { response: existing.response, replayed: true };
}

/**
 * What manifest rules see when screening `toScreen`: the journey's traveller list as it stands once
 * this message applies, narrowed to the travellers the rules can relate to them — the same booking,
 * payer or contact (`bookingLinks`). Every rule groups travellers by those links (or, without booking
 * data, by the whole journey, which is then kept), so the narrowing changes no firing for the
 * screened travellers. The stored travellers' links are read without parsing them: a check-in late
 * in a full flight parses only the few travellers it relates to.
 */
function effectiveManifest(m: Manifest, current: Map<string, CurrentTraveller>, toScreen: string[]): Manifest {
  const named = new Set(m.travellers.map((t) => t.ref));
  const others = [...current.values()].filter((c) => c.status === 'active' && !named.has(c.ref));
  const screened = new Set(toScreen);
  const subjects = m.travellers.filter((t) => screened.has(t.ref));
  const everyone = () => [...m.travellers, ...others.map((c) => c.traveller).filter((t): t is Traveller => t !== null)];
  if (subjects.length === m.travellers.length + others.length || subjects.some((t) => !t.booking)) return { ...m, travellers: everyone() };
  const links = new Set(subjects.flatMap(bookingLinks));
  const related = (own: readonly string[]) => own.length === 0 || own.some((l) => links.has(l));
  return {
    ...m,
    travellers: [
      ...m.travellers.filter((t) => screened.has(t.ref) || related(bookingLinks(t))),
      ...others.filter((c) => related(c.links)).map((c) => c.traveller).filter((t): t is Traveller => t !== null),
    ],
  };
}

/**
 * Accepts a carrier message: replays an idempotent resubmission, screens the travellers that are new
 * or changed inside the budget, and stores the manifest, outcomes and alerts in one transaction
 * before answering. Work that misses the budget goes on and its results are stored when they come.
 */
export async function submitManifest(deps: ManifestServiceDeps, s: Submission): Promise<SubmissionResult> {
  const started = performance.now();
  const deadline = Date.now() + deps.budgetMs;
  const { manifest } = s;
  if (manifest.journey.carrier !== s.carrier) throw new PaxError('CARRIER_MISMATCH');

  const existing = await deps.store.findReceipt(s.carrier, manifest.messageRef);
  if (existing) return replayOrConflict(existing, s.bodySha256);

  const key = journeyKey(manifest);
  const current = new Map((await deps.store.currentTravellers(key)).map((c) => [c.ref, c]));
  const manifestId = randomUUID();
  const hashes = new Map(manifest.travellers.map((t) => [t.ref, travellerHash(t)]));

  let withdrawn: string[] = [];
  const directives: Array<{ ref: string; directive: Directive }> = [];
  const outcomes: TravellerOutcome[] = [];
  const alerts: NewAlert[] = [];
  let unfinished: string[] = [];
  let late: Promise<{ decided: Map<string, Decision>; failed: string[] }> | null = null;

  if (manifest.kind === 'cancel') {
    withdrawn = manifest.travellers.length > 0
      ? manifest.travellers.map((t) => t.ref)
      : [...current.values()].filter((c) => c.status === 'active').map((c) => c.ref);
  } else {
    const unchanged = (t: Traveller) => {
      const c = current.get(t.ref);
      return c && c.status === 'active' && c.complete && c.dataSha256 === hashes.get(t.ref) ? c : null;
    };
    const toScreen = manifest.travellers.filter((t) => !unchanged(t)).map((t) => t.ref);
    const state = deps.state();
    const effective = effectiveManifest(manifest, current, toScreen);
    const needsHistory = toScreen.length > 0 && state.rules.rules.some((r) => r.enabled && HISTORY_KINDS.has(r.kind));
    const history = needsHistory ? (await deps.store.travelHistory(historyQueryFor(effective, deps.retentionDays))).filter((r) => r.journeyKey !== key) : [];
    const outcome = await screenManifest(
      effective,
      toScreen,
      { pool: deps.pool, watchlist: state.watchlist, rules: state.rulesSnapshot, history, thresholds: deps.thresholds, chunkSize: deps.chunkSize, urgency: deps.urgency },
      deadline,
    );
    unfinished = outcome.unfinished;
    late = outcome.late;
    for (const t of manifest.travellers) {
      const reuse = unchanged(t);
      const decision = outcome.decided.get(t.ref);
      const directive: Directive = reuse ? reuse.directive : decision ? decision.directive : 'CONTACT_AUTHORITY';
      directives.push({ ref: t.ref, directive });
      if (reuse) continue;
      outcomes.push({ traveller: t, dataSha256: hashes.get(t.ref) as string, directive, complete: Boolean(decision) });
      if (decision?.alert) alerts.push({ id: randomUUID(), travellerRef: t.ref, traveller: t, directive, ...decision.alert });
    }
  }

  const response: ManifestResponse = {
    manifestId,
    complete: unfinished.length === 0,
    elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    directives,
    ...(s.warnings && s.warnings.length > 0 ? { warnings: s.warnings } : {}),
  };
  const result = await deps.store.recordManifest({
    manifestId,
    carrier: s.carrier,
    messageRef: manifest.messageRef,
    bodySha256: s.bodySha256,
    kind: manifest.kind,
    journey: manifest.journey,
    journeyKey: key,
    receivedAt: new Date().toISOString(),
    response,
    outcomes,
    withdrawn,
    alerts,
    history: manifest.kind === 'cancel' ? [] : manifest.travellers.map((t) => toPastTravel(manifest, key, t)),
  });
  if (!result.stored) return replayOrConflict(result.existing, s.bodySha256);

  deps.log.info(
    { manifestId, carrier: s.carrier, kind: manifest.kind, travellers: manifest.travellers.length, screened: outcomes.length, alerts: alerts.length, unfinished: unfinished.length, elapsedMs: response.elapsedMs },
    'manifest screened',
  );
  if (late && unfinished.length > 0) void finishLate(deps, manifestId, key, manifest, unfinished, hashes, late);
  return { response, replayed: false };
}

async function finishLate(
  deps: ManifestServiceDeps,
  manifestId: string,
  key: string,
  manifest: Manifest,
  unfinished: string[],
  hashes: Map<string, string>,
  late: Promise<{ decided: Map<string, Decision>; failed: string[] }>,
): Promise<void> {
  try {
    const { decided, failed } = await late;
    const byRef = new Map(manifest.travellers.map((t) => [t.ref, t]));
    const outcomes: TravellerOutcome[] = [];
    const alerts: NewAlert[] = [];
    for (const ref of unfinished) {
      const t = byRef.get(ref);
      const d = decided.get(ref);
      if (!t || !d) continue;
      outcomes.push({ traveller: t, dataSha256: hashes.get(ref) as string, directive: d.directive, complete: true });
      // The carrier was told CONTACT_AUTHORITY; the alert records that, whatever screening found later.
      if (d.alert) alerts.push({ id: randomUUID(), travellerRef: ref, traveller: t, directive: 'CONTACT_AUTHORITY', ...d.alert });
    }
    await deps.store.recordLateOutcome(manifestId, key, outcomes, alerts);
    deps.log.info({ manifestId, completedLate: outcomes.length, alerts: alerts.length, failed: failed.length }, 'late screening stored');
    if (failed.length > 0) {
      // At shutdown the pool aborts what is left: expected, and the travellers stay CONTACT_AUTHORITY.
      const message = 'screening did not finish for some travellers; they stay CONTACT_AUTHORITY';
      if (deps.pool.running) deps.log.error({ manifestId, failed: failed.length }, message);
      else deps.log.info({ manifestId, failed: failed.length, reason: 'shutdown' }, message);
    }
  } catch (e) {
    deps.log.error({ manifestId, err: (e as Error).message }, 'storing late screening failed');
  }
}
