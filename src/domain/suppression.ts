import type { Alert, Outcome, WatchlistReason } from './contracts/alert.ts';
import { fingerprint64 } from './fingerprint.ts';
import { normaliseDocumentNumber } from './matching/corroborate.ts';
import { canonicalName } from './names/normalise.ts';

/**
 * Decisions that carry forward. An officer who closes a watch-list alert as a false match has
 * decided about one person (this document number and date of birth) against one version of one
 * listed entry. Later journeys of that person against that entry are then recorded as suppressed
 * instead of raising a new open alert. The suppression holds only while both sides are unchanged:
 * a new version of the entry (its fingerprint) or any change in the traveller's identity data (name,
 * date of birth, documents, nationality) lets the match alert again; so does expiry or revocation.
 * Rule alerts are never suppressed: a trafficking pattern is about a journey, not a person.
 */
export interface Suppression {
  id: string;
  list: string;
  entryId: string;
  entryFingerprint: string;
  /** Normalised number of the document the decision was about. */
  documentNumber: string;
  dateOfBirth: string;
  travellerFingerprint: string;
  /** The alert whose false-match decision this carries forward. */
  decidedAlertId: string;
  decidedBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeNote: string | null;
}

/** The identity data a suppression is tied to. */
export interface IdentityData {
  surname: string;
  givenNames: string;
  dateOfBirth: string | null;
  nationality: string | null;
  documents: ReadonlyArray<{ type: string; number: string; issuingCountry: string }>;
}

/** Null when the traveller cannot be told apart from a namesake: no date of birth or no document. */
export function travellerIdentity(
  t: IdentityData,
): { documentNumbers: string[]; dateOfBirth: string; fingerprint: string } | null {
  const documentNumbers = [
    ...new Set(t.documents.map((d) => normaliseDocumentNumber(d.number)).filter((n) => n.length > 0)),
  ];
  if (!t.dateOfBirth || documentNumbers.length === 0) return null;
  const docs = t.documents
    .map((d) => `${d.type.trim().toUpperCase()}:${d.issuingCountry}:${normaliseDocumentNumber(d.number)}`)
    .sort();
  return {
    documentNumbers,
    dateOfBirth: t.dateOfBirth,
    fingerprint: fingerprint64(
      JSON.stringify([canonicalName(t.surname), canonicalName(t.givenNames), t.dateOfBirth, t.nationality ?? '', docs]),
    ),
  };
}

export const suppressionKey = (list: string, entryId: string, documentNumber: string, dateOfBirth: string) =>
  `${list}\u0000${entryId}\u0000${documentNumber}\u0000${dateOfBirth}`;

export function isActive(s: Suppression, now: number): boolean {
  return s.revokedAt === null && Date.parse(s.expiresAt) > now;
}

/** A suppression a false-match decision creates, before the store gives it an id. */
export type NewSuppression = Omit<Suppression, 'id' | 'revokedAt' | 'revokedBy' | 'revokeNote'>;

/**
 * What a decision carries forward: one suppression per watch-list reason and document, and only
 * for a false match of a traveller who has a date of birth and a document, against an entry whose
 * version the alert recorded.
 */
export function suppressionsFromDecision(
  alert: Alert,
  outcome: Outcome,
  decidedBy: string,
  now: number,
  days: number,
): NewSuppression[] {
  if (outcome !== 'false-match') return [];
  const identity = travellerIdentity(alert.traveller);
  if (!identity) return [];
  const createdAt = new Date(now).toISOString();
  const expiresAt = new Date(now + days * 86_400_000).toISOString();
  const out: NewSuppression[] = [];
  for (const r of alert.reasons) {
    if (r.type !== 'watchlist' || !r.listed) continue;
    for (const documentNumber of identity.documentNumbers) {
      out.push({
        list: r.list,
        entryId: r.entryId,
        entryFingerprint: r.listed.fingerprint,
        documentNumber,
        dateOfBirth: identity.dateOfBirth,
        travellerFingerprint: identity.fingerprint,
        decidedAlertId: alert.id,
        decidedBy,
        createdAt,
        expiresAt,
      });
    }
  }
  return out;
}

/** A watch-list finding set aside by an earlier decision. */
export interface SuppressedMatch {
  reason: WatchlistReason;
  suppression: Suppression;
}

/** Active suppressions by key, for screening: looked up only for travellers who matched something. */
export class SuppressionIndex {
  readonly #byKey = new Map<string, Suppression[]>();
  readonly size: number;

  constructor(items: readonly Suppression[]) {
    for (const s of items) {
      const k = suppressionKey(s.list, s.entryId, s.documentNumber, s.dateOfBirth);
      this.#byKey.set(k, [...(this.#byKey.get(k) ?? []), s]);
    }
    this.size = items.length;
  }

  /** Splits a traveller's matches into those that stand and those an active suppression sets aside. */
  apply(
    traveller: IdentityData,
    matches: readonly WatchlistReason[],
    now: number,
  ): { kept: WatchlistReason[]; suppressed: SuppressedMatch[] } {
    if (this.size === 0 || matches.length === 0) return { kept: [...matches], suppressed: [] };
    const identity = travellerIdentity(traveller);
    if (!identity) return { kept: [...matches], suppressed: [] };
    const kept: WatchlistReason[] = [];
    const suppressed: SuppressedMatch[] = [];
    for (const m of matches) {
      const hit = m.listed ? this.#find(m, m.listed.fingerprint, identity, now) : null;
      if (hit) suppressed.push({ reason: m, suppression: hit });
      else kept.push(m);
    }
    return { kept, suppressed };
  }

  #find(
    m: WatchlistReason,
    entryFingerprint: string,
    identity: NonNullable<ReturnType<typeof travellerIdentity>>,
    now: number,
  ): Suppression | null {
    for (const n of identity.documentNumbers) {
      for (const s of this.#byKey.get(suppressionKey(m.list, m.entryId, n, identity.dateOfBirth)) ?? []) {
        if (
          isActive(s, now) &&
          s.entryFingerprint === entryFingerprint &&
          s.travellerFingerprint === identity.fingerprint
        )
          return s;
      }
    }
    return null;
  }
}
