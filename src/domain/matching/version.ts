import { EQUIVALENCES_VERSION } from '../names/equivalence-data.ts';

/**
 * The matcher's own version: part of the watch-list version every answer records, so that a
 * release that matches differently (scoring, equivalences) makes stored answers stale and the
 * active travellers are screened again at start, as after a list change. Bump it with any change
 * that can turn a clear into an alert or back.
 */
export const MATCHER_VERSION = `m14-${EQUIVALENCES_VERSION}`;
