import { describe, expect, it } from 'vitest';
import type { WatchlistReason } from '../../../src/domain/contracts/alert.ts';
import { Manifest } from '../../../src/domain/contracts/manifest.ts';
import { DEFAULT_THRESHOLDS } from '../../../src/domain/decision.ts';
import type { RulesSnapshot, WatchlistSnapshot } from '../../../src/screening/worker-messages.ts';
import type { ScreeningPool } from '../../../src/screening/pool.ts';
import { screenTravellers } from '../../../src/screening/screen-travellers.ts';
import { manifest, traveller } from '../../helpers/manifests.ts';

/** A pool that records the order tasks were handed to it and answers each with nothing found. */
function recordingPool(order: string[]): ScreeningPool {
  return {
    threads: 2,
    running: true,
    queueSize: 0,
    utilization: 0,
    saturated: false,
    taskFailures: 0,
    runMatch: async (task) => {
      order.push('match');
      return { kind: 'match', matches: task.subjects.map((s) => ({ ref: s.ref, reasons: [] })) };
    },
    runRules: async () => {
      order.push('rules');
      return { kind: 'rules', reasons: [] };
    },
    runScreen: async (task) => {
      order.push('screen');
      return { kind: 'screen', matches: task.subjects.map((s) => ({ ref: s.ref, reasons: [] })), reasons: [] };
    },
    runSearch: async () => ({ kind: 'search', reasons: [] }),
    runParse: async () => {
      throw new Error('not used');
    },
    runParseList: async () => {
      throw new Error('not used');
    },
    runParsePnrgov: async () => {
      throw new Error('not used');
    },
    killOneWorker: () => undefined,
    close: async () => undefined,
  };
}

const watchlist: WatchlistSnapshot = { version: 'w1', index: new SharedArrayBuffer(8), entries: 0 };
const rules: RulesSnapshot = { version: 'r1', buffer: new SharedArrayBuffer(8), byteLength: 0 };

describe('screenTravellers', () => {
  it('hands the manifest-wide rules task to the pool before the match chunks, so it runs beside them', async () => {
    const m = Manifest.parse(manifest(Array.from({ length: 60 }, (_, i) => traveller({ ref: `T${i}` }))));
    const order: string[] = [];
    const inputs = {
      pool: recordingPool(order),
      watchlist,
      rules,
      history: [],
      thresholds: DEFAULT_THRESHOLDS,
      chunkSize: 25,
      urgency: 'batch' as const,
    };
    const outcome = await screenTravellers(
      m,
      m.travellers.map((t) => t.ref),
      inputs,
      Date.now() + 1000,
    );
    expect(order).toEqual(['rules', 'match', 'match', 'match']);
    expect(outcome.unfinished.size).toBe(0);
    expect(outcome.decided.size).toBe(60);
  });

  it('screens a manifest no larger than a chunk in one task', async () => {
    const m = Manifest.parse(manifest([traveller({ ref: 'ONLY' })]));
    const order: string[] = [];
    const inputs = {
      pool: recordingPool(order),
      watchlist,
      rules,
      history: [],
      thresholds: DEFAULT_THRESHOLDS,
      chunkSize: 25,
      urgency: 'interactive' as const,
    };
    const outcome = await screenTravellers(m, ['ONLY'], inputs, Date.now() + 1000);
    expect(order).toEqual(['screen']);
    expect(outcome.decided.get('ONLY')?.directive).toBe('OK_TO_BOARD');
  });

  it('keeps the watch-list findings when the rules task fails, and marks the travellers incomplete', async () => {
    const m = Manifest.parse(manifest(Array.from({ length: 30 }, (_, i) => traveller({ ref: `T${i}` }))));
    const hit: WatchlistReason = {
      type: 'watchlist',
      entryId: 'E1',
      list: 'l',
      category: 'excluded',
      action: 'DO_NOT_BOARD',
      score: 97,
      explanation: {
        summary: 's',
        matchedName: 'n',
        tokens: [],
        dateOfBirth: 'exact',
        nationality: 'unknown',
        document: 'unknown',
      },
    };
    const pool = recordingPool([]);
    pool.runRules = async () => {
      throw new Error('worker died');
    };
    pool.runMatch = async (task) => ({
      kind: 'match',
      matches: task.subjects.map((s) => ({ ref: s.ref, reasons: s.ref === 'T3' ? [hit] : [] })),
    });
    const inputs = {
      pool,
      watchlist,
      rules,
      history: [],
      thresholds: DEFAULT_THRESHOLDS,
      chunkSize: 25,
      urgency: 'batch' as const,
    };
    const outcome = await screenTravellers(
      m,
      m.travellers.map((t) => t.ref),
      inputs,
      Date.now() + 1000,
    );
    const t3 = outcome.decided.get('T3');
    expect(t3).toMatchObject({ directive: 'DO_NOT_BOARD', complete: false });
    expect(t3?.alert?.reasons.map((r) => r.type)).toEqual(['incomplete', 'watchlist']);
    const t0 = outcome.decided.get('T0');
    expect(t0).toMatchObject({ directive: 'CONTACT_AUTHORITY', complete: false });
    expect(t0?.alert?.reasons[0]).toMatchObject({ type: 'incomplete', cause: 'rules-failure' });
  });
});
