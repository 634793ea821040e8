/**
 * The one store interface. The embedded SQLite back end (src/store/sqlite/) and PostgreSQL
 * (src/store/postgres/, several instances on one database) implement it; tests/contract/ runs every
 * behaviour against both. Domain rules (the alert state machine, rule performance, suppressions)
 * live in src/domain/ and both back ends call them.
 */
import type { Alert, AlertOrigin, AlertStatus, Outcome, Reason, SuppressionLink } from '../domain/contracts/alert.ts';
import type { Directive } from '../domain/contracts/common.ts';
import type { Journey, Manifest, ManifestResponse, Traveller } from '../domain/contracts/manifest.ts';
import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import type { Suppression } from '../domain/suppression.ts';
import type { Booking, BookingPushSummary } from '../domain/contracts/booking.ts';
import type { RulePerformance } from '../domain/rule-performance.ts';
import type { HistoryQuery, PastTravel } from '../domain/rules/history.ts';

/** The watch-list and rule-set versions an answer was computed under. */
export interface ScreeningVersions {
  listVersion: string;
  rulesVersion: string;
}

export interface StoredManifestReceipt {
  manifestId: string;
  bodySha256: string;
  response: ManifestResponse;
  /** Null on answers stored before versions were recorded: never current. */
  listVersion: string | null;
  rulesVersion: string | null;
}

export interface CurrentTraveller {
  ref: string;
  dataSha256: string;
  directive: Directive;
  complete: boolean;
  status: 'active' | 'withdrawn';
  /** The versions this traveller's directive was computed under (null: before versions were recorded). */
  listVersion: string | null;
  rulesVersion: string | null;
  /** Parsed when first read: most of a journey's travellers are never looked at by a check-in. */
  readonly traveller: Traveller | null;
  /** The version's booking links (`bookingLinks`): empty without booking data. */
  readonly links: readonly string[];
}

export interface NewAlert {
  id: string;
  travellerRef: string;
  traveller: Traveller;
  directive: Directive;
  priority: Alert['priority'];
  score: number;
  reasons: Reason[];
  raisedBy: AlertOrigin;
  listVersion: string;
  rulesVersion: string;
  /** 'suppressed' when every finding was set aside by an earlier decision (default 'open'). */
  status?: 'open' | 'suppressed';
  suppressions?: SuppressionLink[];
}

export interface TravellerOutcome extends ScreeningVersions {
  traveller: Traveller;
  dataSha256: string;
  directive: Directive;
  complete: boolean;
}

/** What screening found after the answer: late results, retried failures, re-screening. */
export interface FollowUp {
  /** The manifest whose answer this follows up, or a re-screening label. */
  origin: string;
  journeyKey: string;
  outcomes: TravellerOutcome[];
  alerts: NewAlert[];
  /** Open "screening incomplete" alerts that screening has since cleared: closed with a note. */
  autoClose: Array<{ alertId: string; note: string }>;
}

/** The alert in force for a traveller of a journey (not superseded). */
export interface CurrentAlert {
  id: string;
  status: AlertStatus;
  reasons: Reason[];
}

export interface ManifestRecord extends ScreeningVersions {
  /** A stale idempotent replay screened again: the stored receipt is updated, not inserted. */
  replay: boolean;
  manifestId: string;
  carrier: string;
  messageRef: string;
  bodySha256: string;
  kind: Manifest['kind'];
  journey: Journey;
  journeyKey: string;
  receivedAt: string;
  response: ManifestResponse;
  /** Travellers screened or re-confirmed by this message. */
  outcomes: TravellerOutcome[];
  /** Refs this message withdraws (cancel; booking travellers now known from API data). */
  withdrawn: string[];
  /**
   * A booking traveller (from) now known as an API traveller (to): the alert in force for `from` is
   * superseded by the one of `to`, or closed with a note when `to` has none.
   */
  links?: Array<{ from: string; to: string }>;
  alerts: NewAlert[];
  /** What history rules will read of this journey later (one row per screened traveller). */
  history: PastTravel[];
}

export interface AlertQuery {
  status?: AlertStatus;
  /** Without a status filter, suppressed records are left out unless asked for (supervisors). */
  includeSuppressed?: boolean;
  /** Journey filters for the officer queue. */
  serviceNumber?: string;
  arrivalPort?: string;
  arrivalDate?: string;
  limit: number;
  cursor?: string;
}

export interface RetentionPolicy {
  /** ISO time: journeys arriving before it are depersonalised. */
  before: string;
  /** ISO time: referral alerts arriving before it are depersonalised too. */
  referralsBefore: string;
}

/** Counts only: the purge is audited and logged without a name. */
export interface RetentionReport {
  journeys: number;
  travellerVersions: number;
  manifests: number;
  historyRows: number;
  alerts: number;
  referralAlerts: number;
  /** Bookings (PNR) of flights that left the window, and push receipts received before it. */
  bookings: number;
}

/** A purge that has removed nothing yet; each back end counts into it. */
export function emptyRetentionReport(): RetentionReport {
  return { journeys: 0, travellerVersions: 0, manifests: 0, historyRows: 0, alerts: 0, referralAlerts: 0, bookings: 0 };
}

/** Who acts, as the audit log records them. */
export interface Actor {
  id: string;
  role: string;
}

export interface AuditEvent {
  at: string;
  principal: string;
  role: string;
  action: string;
  target: string;
  purpose?: string;
}

export interface WatchlistSummary {
  name: string;
  version: number;
  entries: number;
  source: string;
  importedAt: string;
  importedBy: string;
}

export interface AuditQuery {
  principal?: string;
  action?: string;
  /** Rows whose target mentions this (an alert or journey id). */
  target?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export type { RulePerformance } from '../domain/rule-performance.ts';

export type RecordResult = { stored: true } | { stored: false; existing: StoredManifestReceipt };

export interface TargetDescription {
  kind: 'alert' | 'journey';
  traveller: { surname: string; givenNames: string } | null;
  carrier: string;
  serviceNumber: string;
  arrivalScheduled: string;
}

/** A traveller as the journey now stands, with the directive they were given and the alert in force. */
export interface JourneyTraveller {
  journeyId: string;
  journeyKey: string;
  journey: Journey;
  traveller: Traveller;
  directive: Directive | null;
  complete: boolean;
  alert: {
    id: string;
    status: AlertStatus;
    priority: Alert['priority'];
    score: number;
    outcome: Outcome | null;
  } | null;
}

/** What search compares, without reading the whole stored traveller. */
export interface SearchableTraveller {
  versionId: number;
  carrier: string;
  serviceNumber: string;
  surname: string;
  givenNames: string;
  bookingRef: string | null;
  documentNumbers: string[];
}

/** What instances hold in memory and must rebuild when another instance changes it. */
export type ChangeTopic = 'watchlists' | 'rules' | 'suppressions';

/** A booking push as stored: its receipt (idempotency) and the bookings it filed per flight. */
export interface BookingPushRecord {
  id: string;
  carrier: string;
  messageRef: string;
  bodySha256: string;
  receivedAt: string;
  summary: BookingPushSummary;
  bookings: Array<{ flightKey: string; departureAt: string | null; booking: Booking }>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  findReceipt(carrier: string, messageRef: string): Promise<StoredManifestReceipt | null>;
  currentTravellers(journeyKey: string): Promise<CurrentTraveller[]>;
  /** Writes a manifest and all it caused in one transaction; refuses a duplicate messageRef. */
  recordManifest(record: ManifestRecord): Promise<RecordResult>;
  /** Screening that finished after the response, or re-screening: outcomes, alerts, cleared incomplete alerts, in one transaction. */
  recordFollowUp(update: FollowUp): Promise<void>;
  /** Keys of journeys of this carrier leaving this port on this UTC date (YYYY-MM-DD), whatever their service number's spelling. */
  journeyKeysOn(carrier: string, port: string, date: string): Promise<string[]>;
  /** A journey as last described by a carrier message, by its key. */
  journeyByKey(journeyKey: string): Promise<Journey | null>;
  /** Journeys whose scheduled arrival is after `arrivingAfter`: the ones re-screening looks at. */
  activeJourneys(arrivingAfter: string): Promise<Array<{ key: string; journey: Journey }>>;
  /** The alert in force per traveller ref of a journey. */
  currentAlerts(journeyKey: string): Promise<Map<string, CurrentAlert>>;
  /** Earlier journeys of the people, documents, payers, contacts and guardians asked about, with their co-travellers. */
  travelHistory(query: HistoryQuery): Promise<PastTravel[]>;
  /** Retention: forgets earlier journeys that left the window (history rules no longer read them). Returns rows removed. */
  purgeHistoryBefore(isoDate: string): Promise<number>;
  /**
   * Retention over every table holding traveller data: journeys whose scheduled arrival is before
   * `before` lose their travellers, stored answers and history, and their alerts are depersonalised,
   * except referrals, kept until `referralsBefore`. Runs in bounded batches.
   */
  purgeRetained(policy: RetentionPolicy): Promise<RetentionReport>;
  listAlerts(query: AlertQuery): Promise<{ items: Alert[]; nextCursor: string | null }>;
  getAlert(id: string): Promise<Alert | null>;
  /** The other travellers on the alerted traveller's booking, as the journey now stands. */
  coTravellers(
    alertId: string,
  ): Promise<Array<{ ref: string; surname: string; givenNames: string; dateOfBirth: string | null; role: string }>>;
  /** State changes: each appends an event; a refused change throws a coded error. */
  /**
   * Officer acts on an alert. Each writes its audit row (`alert.claim`, `alert.dispose`…) in the
   * same transaction as the change: a failure leaves neither.
   */
  claimAlert(id: string, actor: Actor): Promise<Alert>;
  /** A false match of a watch-list alert also creates its suppressions (`suppressionsFromDecision`), audited in the same transaction. */
  disposeAlert(id: string, actor: Actor, outcome: Outcome, note: string): Promise<Alert>;
  reopenAlert(id: string, actor: Actor, note: string): Promise<Alert>;
  /** A supervisor takes a claim back: the alert returns to the queue. */
  releaseAlert(id: string, actor: Actor, note: string): Promise<Alert>;
  queueCounts(): Promise<Record<AlertStatus, number>>;
  /** Every active traveller of one journey (by its public id), with directives and alerts in force. */
  journeyTravellers(
    journeyId: string,
  ): Promise<{ journey: Journey; journeyId: string; travellers: JourneyTraveller[] } | null>;
  /**
   * Active travellers of journeys arriving after `arrivingAfter` (the retention window), latest
   * arrival first, at most `max`, as the few fields officer search compares: what it walks.
   */
  searchableTravellers(arrivingAfter: string, max: number): Promise<SearchableTraveller[]>;
  /** The travellers search found, whole, with their journeys and alerts in force, by version id. */
  travellerVersions(versionIds: number[]): Promise<Map<number, JourneyTraveller>>;
  /** Alerts and journeys named by id, described for the audit log (depersonalised ones say so). */
  describeTargets(ids: string[]): Promise<Map<string, TargetDescription>>;
  /** Suppressions in force now (not revoked, not expired): what screening sets findings aside with. */
  activeSuppressions(now: string): Promise<Suppression[]>;
  /** Changes whenever a suppression is created or revoked: instances poll it to refresh. */
  suppressionsVersion(): Promise<string>;
  /** Newest first; `alertId` limits to those an alert's decision created. */
  listSuppressions(q: {
    active?: boolean;
    alertId?: string;
    now: string;
    limit: number;
    cursor?: string;
  }): Promise<{ items: Suppression[]; nextCursor: string | null }>;
  /**
   * A supervisor revokes a suppression: records it set aside become open alerts again, their
   * travellers are marked for screening again (so the carrier's next answer is computed without it),
   * audited in the same transaction. Returns the suppression and the alerts reopened.
   */
  revokeSuppression(id: string, actor: Actor, note: string): Promise<{ suppression: Suppression; reopened: string[] }>;
  rulePerformance(from: string, to: string): Promise<RulePerformance[]>;
  listAudit(query: AuditQuery): Promise<{ items: Array<AuditEvent & { id: number }>; nextCursor: string | null }>;
  appendAudit(event: AuditEvent): Promise<void>;
  /** Replaces a stored watch-list whole (one transaction) and bumps its version. */
  replaceWatchlist(
    name: string,
    entries: WatchlistEntry[],
    meta: {
      source: string;
      importedBy: string;
      /** Written in the same transaction. */ audit?: { actor: Actor; action: string };
    },
  ): Promise<WatchlistSummary>;
  listWatchlists(): Promise<WatchlistSummary[]>;
  /** Removes a stored list (its entries and its row), audited in the same transaction; false when there was none. */
  deleteWatchlist(name: string, actor: Actor): Promise<boolean>;
  watchlistEntries(): Promise<WatchlistEntry[]>;
  /** Changes whenever any stored list changes: instances poll it to know when to rebuild. */
  watchlistsVersion(): Promise<string>;
  /** Review-page sessions, by the SHA-256 of the cookie value (the cookie itself is never stored). */
  createSession(s: { id: string; principal: string; csrf: string; expiresAt: string }): Promise<void>;
  getSession(id: string, now: string): Promise<{ principal: string; csrf: string } | null>;
  deleteSession(id: string): Promise<void>;
  /**
   * Stores a booking push once per carrier and messageRef (a resend gets the stored summary); each
   * booking replaces the one with the same carrier, record locator and flight.
   */
  recordBookingPush(
    p: BookingPushRecord,
  ): Promise<
    { stored: true } | { stored: false; existing: { id: string; bodySha256: string; summary: BookingPushSummary } }
  >;
  /** The stored receipt of a booking push, for idempotent resends. */
  findBookingPush(
    carrier: string,
    messageRef: string,
  ): Promise<{ id: string; bodySha256: string; summary: BookingPushSummary } | null>;
  /** The bookings filed for a flight (flightKey). */
  bookingsForFlight(flightKey: string): Promise<Booking[]>;
  /** Failed sign-ins per username (hashed), shared by every instance on this store. */
  signInFailures(key: string): Promise<{ count: number; lastAt: number } | null>;
  recordSignInFailure(key: string, at: number): Promise<void>;
  clearSignInFailures(key: string): Promise<void>;
  /**
   * Runs `fn` unless another instance is running work under the same key (then returns false at
   * once). The claim ends with `fn`, or with the instance if it dies mid-way: another then takes over.
   */
  runExclusive(key: string, fn: () => Promise<void>): Promise<boolean>;
  /** Tells the other instances on this store that something they hold in memory changed. */
  publish(topic: ChangeTopic): Promise<void>;
  /** Called when another instance publishes (or the store itself changes lists or suppressions). */
  subscribe(listener: (topic: ChangeTopic) => void): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
