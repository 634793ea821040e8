import { describe, expect, it } from 'vitest';
import { UrgencyTaskQueue, withUrgency } from '../../../src/screening/priority-queue.ts';
import type { Urgency } from '../../../src/screening/priority-queue.ts';

// What piscina hands the queue: its own task record, exposing the submitted task's queue options.
const task = (name: string, urgency: Urgency) => {
  const submitted = withUrgency({ name }, urgency);
  const symbol = Object.getOwnPropertySymbols(submitted)[0] as symbol;
  return { name, [symbol]: (submitted as Record<symbol, unknown>)[symbol] } as never;
};

describe('urgency task queue', () => {
  it('hands out every waiting check-in before queued batch work, each lane in arrival order', () => {
    const q = new UrgencyTaskQueue();
    for (const t of [task('b1', 'batch'), task('b2', 'batch'), task('i1', 'interactive'), task('b3', 'batch'), task('i2', 'interactive')]) q.push(t);
    expect(q.size).toBe(5);
    const order: string[] = [];
    for (let t = q.shift(); t; t = q.shift()) order.push((t as unknown as { name: string }).name);
    expect(order).toEqual(['i1', 'i2', 'b1', 'b2', 'b3']);
    expect(q.size).toBe(0);
  });

  it('removes an aborted task from its lane', () => {
    const q = new UrgencyTaskQueue();
    const a = task('a', 'batch');
    q.push(a);
    q.push(task('b', 'interactive'));
    q.remove(a);
    expect(q.size).toBe(1);
    expect((q.shift() as unknown as { name: string }).name).toBe('b');
  });

  it('keeps the urgency off the copy a worker receives', () => {
    expect(structuredClone(withUrgency({ kind: 'match' }, 'interactive'))).toEqual({ kind: 'match' });
  });
});
