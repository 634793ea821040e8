/**
 * Whether a freshly read watch-list may replace the one in force. A load that silently lost entries
 * would let listed people through, so one that skips too many records, reads nothing, or shrinks a
 * list sharply is refused (the previous list keeps serving) unless a supervisor forces it.
 */
export interface LoadLimits {
  /** Largest share of a source's records that may be skipped (0.01: 1%). */
  maxSkippedShare: number;
  /** Largest share by which a source may shrink against the load in force (0.1: 10%). */
  maxShrinkShare: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxSkippedShare: 0.01, maxShrinkShare: 0.1 };

export interface SourceLoad {
  source: string;
  entries: number;
  skipped: number;
  /** Records read (lines or rows that were not blank or comments). */
  records: number;
  /** Entries the same source gave in the load in force, if any. */
  previousEntries: number | null;
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Why this source's load must be refused; empty when it may go in force. */
export function loadProblems(s: SourceLoad, limits: LoadLimits): string[] {
  const problems: string[] = [];
  if (s.entries === 0) problems.push(`${s.source}: no usable entry (${s.records} records read, ${s.skipped} skipped)`);
  else if (s.records > 0 && s.skipped / s.records > limits.maxSkippedShare) {
    problems.push(
      `${s.source}: ${s.skipped} of ${s.records} records skipped (${percent(s.skipped / s.records)}), more than the ${percent(limits.maxSkippedShare)} allowed`,
    );
  }
  if (
    s.previousEntries !== null &&
    s.previousEntries > 0 &&
    s.entries < s.previousEntries * (1 - limits.maxShrinkShare)
  ) {
    problems.push(
      `${s.source}: would shrink from ${s.previousEntries} to ${s.entries} entries (${percent(1 - s.entries / s.previousEntries)}), more than the ${percent(limits.maxShrinkShare)} allowed`,
    );
  }
  return problems;
}
