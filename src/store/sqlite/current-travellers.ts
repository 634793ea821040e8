import type { DatabaseSync } from 'node:sqlite';
import { LRUCache } from 'lru-cache';
import type { Directive } from '../../domain/contracts/common.ts';
import type { Traveller } from '../../domain/contracts/manifest.ts';
import { bookingLinks } from '../../domain/rules/booking-links.ts';
import type { CurrentTraveller } from '../store.ts';

/**
 * Travellers held across every cached journey: about a thousand full wide-bodies, a few hundred MB;
 * smaller bounds thrash when journeys are read in turn (docs/decisions/2026-11-28-sqlite-journey-cache.md).
 */
const MAX_CACHED_TRAVELLERS = 500_000;
/** A journey nobody has messaged for this long is dropped from memory (it is still in the file). */
const IDLE_MS = 60 * 60 * 1000;

/** A traveller version this process has just written, with its row id. */
export interface WrittenVersion {
  id: number;
  ref: string;
  status: 'active' | 'withdrawn';
  traveller: Traveller | null;
  dataSha256: string | null;
  directive: Directive | null;
  complete: boolean;
  listVersion: string | null;
  rulesVersion: string | null;
}

export type CurrentTravellersReader = ((journeyKey: string) => CurrentTraveller[]) & {
  held(): number;
  /** Adds versions this process has just committed to a journey it holds, without reading them back. */
  fold(journeyKey: string, written: readonly WrittenVersion[]): void;
  forget(journeyKey: string): void;
};

interface VersionRow {
  id: number;
  ref: string;
  data_sha256: string | null;
  data_json: string | null;
  directive: string | null;
  complete: number;
  status: 'active' | 'withdrawn';
  links: string | null;
  list_version: string | null;
  rules_version: string | null;
}

interface JourneyState {
  /** Highest traveller_versions id folded in. */
  through: number;
  byRef: Map<string, CurrentTraveller>;
}

/** One stored version: its traveller is parsed only if someone reads it, then kept parsed. */
class StoredVersion implements CurrentTraveller {
  readonly ref: string;
  readonly dataSha256: string;
  readonly directive: Directive;
  readonly complete: boolean;
  readonly status: 'active' | 'withdrawn';
  readonly listVersion: string | null;
  readonly rulesVersion: string | null;
  #json: string | null;
  #parsed: Traveller | null | undefined;
  #linksJson: string | null;
  #links: readonly string[] | undefined;

  /** `parsed`: the traveller itself, when this process has just written it. */
  constructor(r: VersionRow, parsed?: Traveller | null) {
    this.ref = r.ref;
    this.dataSha256 = r.data_sha256 ?? '';
    this.directive = (r.directive ?? 'CONTACT_AUTHORITY') as Directive;
    this.complete = r.complete === 1;
    this.status = r.status;
    this.listVersion = r.list_version;
    this.rulesVersion = r.rules_version;
    this.#json = r.data_json;
    this.#linksJson = r.links;
    this.#parsed = parsed;
  }

  get traveller(): Traveller | null {
    if (this.#parsed === undefined) {
      this.#parsed = this.#json ? (JSON.parse(this.#json) as Traveller) : null;
      this.#json = null;
    }
    return this.#parsed;
  }

  get links(): readonly string[] {
    if (this.#links === undefined) {
      // Rows written before the links column, and versions folded in from memory: worked out from
      // the traveller (only for the few a check-in's narrowing asks about).
      const t = this.#linksJson === null ? this.traveller : null;
      this.#links = this.#linksJson !== null ? (JSON.parse(this.#linksJson) as string[]) : t ? bookingLinks(t) : [];
      this.#linksJson = null;
    }
    return this.#links;
  }
}

/**
 * The current version of every traveller of a journey, kept in memory and brought up to date by
 * reading only the versions written since (ids grow in commit order: SQLite has one writer at a
 * time): a check-in late in a full flight reads the few rows written since the journey was last
 * asked about, not every traveller of the flight. Rows written by another
 * process sharing the file are picked up the same way, so the cache is never stale.
 */
export function currentTravellersReader(
  db: DatabaseSync,
  maxTravellers = MAX_CACHED_TRAVELLERS,
): CurrentTravellersReader {
  const columns = 'id, ref, data_sha256, data_json, directive, complete, status, links, list_version, rules_version';
  const since = db.prepare(`SELECT ${columns} FROM traveller_versions WHERE journey_key = ? AND id > ? ORDER BY id`);
  const between = db.prepare(
    `SELECT ${columns} FROM traveller_versions WHERE journey_key = ? AND id > ? AND id < ? ORDER BY id`,
  );
  const cache = new LRUCache<string, JourneyState>({
    maxSize: maxTravellers,
    sizeCalculation: (j) => Math.max(1, j.byRef.size),
    ttl: IDLE_MS,
    updateAgeOnGet: true,
  });
  const add = (state: JourneyState, rows: VersionRow[]) => {
    for (const r of rows) {
      state.byRef.set(r.ref, new StoredVersion(r));
      state.through = r.id;
    }
  };
  // Re-set when the journey grew, as a new object: lru-cache keeps the old size for the same value,
  // and the bound on travellers held would then not hold.
  const keep = (journeyKey: string, state: JourneyState) =>
    cache.set(journeyKey, { through: state.through, byRef: state.byRef });
  const read = (journeyKey: string): CurrentTraveller[] => {
    const known = cache.get(journeyKey);
    const state: JourneyState = known ?? { through: 0, byRef: new Map() };
    const rows = since.all(journeyKey, state.through) as unknown as VersionRow[];
    add(state, rows);
    if (!known || rows.length > 0) keep(journeyKey, state);
    return [...state.byRef.values()];
  };
  /**
   * The versions a manifest wrote, folded in from memory rather than read back by the next message
   * for the journey (hundreds of rows after a full manifest). Versions written by anyone
   * else before them are read from the file first, and any already read are skipped, so the journey
   * stays exactly as the file has it.
   */
  const fold = (journeyKey: string, written: readonly WrittenVersion[]) => {
    const state = cache.get(journeyKey);
    const first = written[0];
    if (!state || !first) return;
    if (state.through < first.id - 1)
      add(state, between.all(journeyKey, state.through, first.id) as unknown as VersionRow[]);
    for (const w of written) {
      if (w.id <= state.through) continue;
      const row: VersionRow = {
        id: w.id,
        ref: w.ref,
        data_sha256: w.dataSha256,
        data_json: null,
        directive: w.directive,
        complete: w.complete ? 1 : 0,
        status: w.status,
        links: null,
        list_version: w.listVersion,
        rules_version: w.rulesVersion,
      };
      state.byRef.set(w.ref, new StoredVersion(row, w.traveller));
      state.through = w.id;
    }
    keep(journeyKey, state);
  };
  return Object.assign(read, {
    /** Travellers held in memory across every cached journey. */
    held: () => cache.calculatedSize,
    fold,
    /** Drops a journey from memory: retention removed its travellers from the file. */
    forget: (journeyKey: string) => void cache.delete(journeyKey),
  });
}
