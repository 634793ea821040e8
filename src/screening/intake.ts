import type { Config } from '../config.ts';
import type { Journey, Manifest, ManifestResponse, Traveller } from '../domain/contracts/manifest.ts';
import { PaxError } from '../errors.ts';
import type { Log } from '../log.ts';
import type { Urgency } from './dispatcher.ts';
import type { SubmitManifestDeps, SubmissionResult } from './submit-manifest.ts';
import { sha256, submitManifest } from './submit-manifest.ts';
import type { Rescreener } from './rescreen.ts';
import type { RulesRegistry } from './rules-registry.ts';
import type { ScreeningPool } from './pool.ts';
import type { SuppressionRegistry } from './suppression-registry.ts';
import type { WatchlistRegistry } from './watchlist-registry.ts';
import type { Store } from '../store/store.ts';

/**
 * Travellers per match task: small enough that one manifest spreads over every worker thread (and a
 * check-in can slip in between chunks), large enough that posting a task costs little beside it.
 */
export const TRAVELLERS_PER_TASK = 25;
/** A check-in may come this long after the scheduled departure (delays). */
const CHECK_IN_LATE_MS = 24 * 3_600_000;

export interface IntakeDeps {
  config: Pick<
    Config,
    | 'maxInFlight'
    | 'batchBudgetMs'
    | 'interactiveBudgetMs'
    | 'carrierBudgetsMs'
    | 'checkInWindowHours'
    | 'thresholds'
    | 'retentionDays'
    | 'maxJourneyTravellers'
  >;
  store: Store;
  pool: ScreeningPool;
  watchlists: WatchlistRegistry;
  rules: RulesRegistry;
  suppressions: SuppressionRegistry;
  rescreen: Rescreener;
  inFlight: Set<string>;
}

export interface CarrierMessage {
  /** The carrier the token speaks for. */
  carrier: string;
  /** Mapping warnings of an EDIFACT message, returned with the directives. */
  warnings?: ManifestResponse['warnings'];
  /** The request's logger: lines carry ids only. */
  log: Log;
}

export interface Intake {
  /** Refuses (503 SATURATED) when the pool's queue is full or too many messages are in progress. */
  admit(): void;
  /** Messages refused at the door since start. */
  readonly refusals: number;
  /** A batch manifest, inside the carrier's budget (or the batch budget). */
  submitManifest(message: CarrierMessage & { manifest: Manifest }): Promise<SubmissionResult>;
  /** One traveller at a desk, inside the interactive budget; refused outside the check-in window. */
  checkIn(
    message: CarrierMessage & { journey: Journey; traveller: Traveller; messageRef?: string },
  ): Promise<SubmissionResult & { manifest: Manifest }>;
  /** What booking screening runs with (readiness and admission checked): the batch budget. */
  bookingScreening(log: Log): SubmitManifestDeps;
}

/**
 * What every carrier message passes before its travellers are screened: readiness (watch-lists and
 * rules in force), admission (the pool's queue and the messages in progress — the queue alone does
 * not see work waiting on the event loop or the store), the time budget for its kind and carrier,
 * and, for a check-in, the check-in window. Routes read the message and write the answer; the
 * decisions about whether and how to screen are here.
 */
export function createIntake(deps: IntakeDeps): Intake {
  let inProgress = 0;
  let refusals = 0;
  const admit = () => {
    if (deps.pool.saturated || inProgress >= deps.config.maxInFlight) {
      refusals++;
      throw new PaxError('SATURATED');
    }
  };
  const screening = (budgetMs: number, urgency: Urgency, log: Log): SubmitManifestDeps => {
    const watchlist = deps.watchlists.current();
    const rules = deps.rules.current();
    const rulesSnapshot = deps.rules.snapshot();
    if (!watchlist || !rules || !rulesSnapshot)
      throw new PaxError('NOT_READY', 'Watch-lists or rules are still loading; retry shortly');
    return {
      store: deps.store,
      pool: deps.pool,
      state: () => ({ watchlist, rules, rulesSnapshot, suppressions: deps.suppressions.current() }),
      thresholds: deps.config.thresholds,
      budgetMs,
      chunkSize: TRAVELLERS_PER_TASK,
      urgency,
      retentionDays: deps.config.retentionDays,
      maxJourneyTravellers: deps.config.maxJourneyTravellers,
      inFlight: deps.inFlight,
      onIncomplete: () => deps.rescreen.retrySoon(),
      log,
    };
  };
  const screen = async (message: CarrierMessage, manifest: Manifest, budgetMs: number, urgency: Urgency) => {
    const using = screening(budgetMs, urgency, message.log);
    admit();
    inProgress++;
    try {
      return await submitManifest(using, {
        carrier: message.carrier,
        manifest,
        bodySha256: sha256(JSON.stringify(manifest)),
        // A junk-laden message lists the first 50 warnings.
        ...(message.warnings ? { warnings: message.warnings.slice(0, 50) } : {}),
      });
    } finally {
      inProgress--;
    }
  };
  return {
    admit,
    get refusals() {
      return refusals;
    },
    submitManifest: (m) =>
      screen(m, m.manifest, deps.config.carrierBudgetsMs[m.carrier] ?? deps.config.batchBudgetMs, 'batch'),
    async checkIn(m) {
      // Check-in happens in the days before departure: a check-in for a journey months away (or long
      // gone) is someone testing names, not a passenger at a desk.
      const departure = Date.parse(m.journey.departure.scheduled);
      const now = Date.now();
      const hours = deps.config.checkInWindowHours;
      if (hours > 0 && (departure > now + hours * 3_600_000 || departure < now - CHECK_IN_LATE_MS)) {
        throw new PaxError('INVALID_REQUEST', 'Check-in is for journeys departing soon', [
          {
            path: 'journey.departure.scheduled',
            message: `must be within ${hours} hours ahead (or a day past) for a check-in; send a manifest for other journeys`,
          },
        ]);
      }
      const messageRef =
        m.messageRef ?? `check:${sha256(JSON.stringify({ journey: m.journey, traveller: m.traveller })).slice(0, 40)}`;
      const manifest: Manifest = { messageRef, kind: 'new', journey: m.journey, travellers: [m.traveller] };
      const result = await screen(m, manifest, deps.config.interactiveBudgetMs, 'interactive');
      return { ...result, manifest };
    },
    bookingScreening(log) {
      const using = screening(deps.config.batchBudgetMs, 'batch', log);
      admit();
      return using;
    },
  };
}
