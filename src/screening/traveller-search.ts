import type { WatchlistEntry } from '../domain/contracts/watchlist.ts';
import { normaliseDocumentNumber } from '../domain/matching/corroborate.ts';
import { buildMatcher } from '../domain/matching/matcher.ts';
import type { JourneyTraveller, SearchableTraveller, Store } from '../store/store.ts';

export interface TravellerQuery {
  name?: string;
  document?: string;
  booking?: string;
  service?: string;
}

export interface TravellerHit {
  row: JourneyTraveller;
  /** How well the name matched (0–100), null when the name was not searched. */
  nameScore: number | null;
}

/** Names scoring below this are not shown: the same matcher as screening, read as "looks like". */
const NAME_THRESHOLD = 50;
/** Travellers walked per turn of the event loop: carriers' requests are served in between. */
const SLICE = 2_000;

/**
 * Officer search over the travellers of journeys still in the retention window: by name (fuzzy,
 * through the screening matcher: the query is treated as a one-name list and every traveller
 * matched against it), document number, booking reference and service number, all given terms
 * together. Walks at most `maxScanned` travellers, latest arrivals first, and says when it stopped.
 */
export async function searchTravellers(
  store: Store,
  q: TravellerQuery,
  options: { arrivingAfter: string; maxScanned: number; limit: number },
): Promise<{ hits: TravellerHit[]; scanned: number; truncated: boolean }> {
  const rows = await store.searchableTravellers(options.arrivingAfter, options.maxScanned + 1);
  const truncated = rows.length > options.maxScanned;
  const walked = rows.slice(0, options.maxScanned);
  const document = q.document ? normaliseDocumentNumber(q.document) : null;
  const booking = q.booking?.trim().toUpperCase() || null;
  const service = q.service?.replace(/\s+/g, '').toUpperCase() || null;
  const words = q.name?.trim().split(/\s+/).filter(Boolean) ?? [];
  const entry: WatchlistEntry | null =
    words.length === 0
      ? null
      : {
          id: 'query',
          list: 'search',
          category: 'wanted',
          action: 'MONITOR',
          names: [words.length === 1 ? { surname: words[0] as string } : { full: words.join(' ') }],
        };
  const matcher = entry ? buildMatcher([entry]) : null;

  const found: Array<{ versionId: number; nameScore: number | null }> = [];
  for (let i = 0; i < walked.length; i++) {
    if (i > 0 && i % SLICE === 0) await new Promise((r) => setImmediate(r));
    const t = walked[i] as SearchableTraveller;
    if (
      service &&
      `${t.carrier}${t.serviceNumber}`.toUpperCase() !== service &&
      t.serviceNumber.toUpperCase() !== service
    )
      continue;
    if (booking && (t.bookingRef ?? '').toUpperCase() !== booking) continue;
    if (document && !t.documentNumbers.some((n) => normaliseDocumentNumber(n) === document)) continue;
    let nameScore: number | null = null;
    if (matcher) {
      const m = matcher.match(
        { surname: t.surname, givenNames: t.givenNames, dateOfBirth: null, nationality: null, documents: [] },
        { threshold: NAME_THRESHOLD, limit: 1 },
      );
      if (m.length === 0) continue;
      nameScore = m[0]?.score ?? null;
    }
    found.push({ versionId: t.versionId, nameScore });
  }
  if (matcher) found.sort((a, b) => (b.nameScore ?? 0) - (a.nameScore ?? 0));
  const shown = found.slice(0, options.limit);
  const whole = await store.travellerVersions(shown.map((f) => f.versionId));
  // A traveller removed since the walk (retention, a cancel) is simply not shown.
  const hits = shown.flatMap((f) => {
    const row = whole.get(f.versionId);
    return row ? [{ row, nameScore: f.nameScore }] : [];
  });
  return { hits, scanned: walked.length, truncated };
}
