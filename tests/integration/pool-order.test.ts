import { afterEach, describe, expect, it } from 'vitest';
import type { MatchTask } from '../../src/screening/worker-messages.ts';
import { createScreeningPool } from '../../src/screening/pool.ts';
import type { ScreeningPool } from '../../src/screening/pool.ts';

// Through real piscina threads: the order in which queued tasks reach a worker is the pool's, not the
// queue class's alone (piscina keeps tasks that carry an abort signal out of a custom task queue).
const workerFile = new URL('../fixtures/sequence-worker.ts', import.meta.url);
const task = (ref: string): MatchTask => ({
  kind: 'match',
  watchlist: { version: 'none', index: new SharedArrayBuffer(8), entries: 0 },
  threshold: 75,
  subjects: [{ ref, subject: { surname: 'X', givenNames: '', dateOfBirth: null, nationality: null, documents: [] } }],
});

let pool: ScreeningPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

/** Submits the tasks in order and returns their refs in the order they were answered. */
async function answeredOrder(
  p: ScreeningPool,
  submissions: Array<[string, 'interactive' | 'batch']>,
): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(submissions.map(([ref, urgency]) => p.runMatch(task(ref), urgency).then(() => order.push(ref))));
  return order;
}

describe('screening pool order', () => {
  it('runs waiting check-ins in arrival order', async () => {
    pool = createScreeningPool({ threads: 1, workerFile });
    await pool.runMatch(task('warm'), 'interactive');
    const refs = Array.from({ length: 8 }, (_, i) => `I${i}`);
    expect(
      await answeredOrder(
        pool,
        refs.map((r) => [r, 'interactive']),
      ),
    ).toEqual(refs);
  });

  it('hands a free worker a waiting check-in before queued batch work', async () => {
    pool = createScreeningPool({ threads: 1, workerFile });
    await pool.runMatch(task('warm'), 'batch');
    const order = await answeredOrder(pool, [
      ['B0', 'batch'],
      ['B1', 'batch'],
      ['B2', 'batch'],
      ['I0', 'interactive'],
      ['I1', 'interactive'],
    ]);
    expect(order).toEqual(['B0', 'I0', 'I1', 'B1', 'B2']);
  });

  it('counts tasks waiting for a worker in its queue size', async () => {
    // A worker holds two tasks at once (the second waits in its port); the rest wait in the pool.
    pool = createScreeningPool({ threads: 1, workerFile, maxQueue: 3 });
    const all = ['A', 'B', 'C', 'D', 'E'].map((r) => pool!.runMatch(task(r), 'interactive'));
    expect(pool.queueSize).toBe(3);
    expect(pool.saturated).toBe(true);
    await Promise.all(all);
    expect(pool.queueSize).toBe(0);
  });

  it('rejects the tasks still waiting when it closes', async () => {
    pool = createScreeningPool({ threads: 1, workerFile });
    const running = pool.runMatch(task('A'), 'interactive');
    const waiting = pool.runMatch(task('B'), 'batch');
    const closing = pool.close();
    pool = null;
    await expect(running).rejects.toThrow();
    await expect(waiting).rejects.toThrow();
    await closing;
  });
});
