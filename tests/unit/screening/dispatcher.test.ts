import { describe, expect, it } from 'vitest';
import { taskDispatcher } from '../../../src/screening/dispatcher.ts';
import type { Urgency } from '../../../src/screening/dispatcher.ts';

/** Tasks that run until released, recording when each started and how many ran at once. */
function harness(threads: number, windowMs?: number) {
  const dispatcher = taskDispatcher({ workers: threads, windowMs });
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  let running = 0;
  let peakBatch = 0;
  let batchRunning = 0;
  const submit = (name: string, urgency: Urgency) =>
    dispatcher.submit(urgency, async () => {
      started.push(name);
      running++;
      if (urgency === 'batch') peakBatch = Math.max(peakBatch, ++batchRunning);
      await new Promise<void>((resolve) => releases.set(name, resolve));
      running--;
      if (urgency === 'batch') batchRunning--;
      return name;
    });
  const release = async (name: string) => {
    releases.get(name)?.();
    // Let the finished task's continuation start the next one.
    await new Promise((r) => setTimeout(r, 1));
  };
  return { dispatcher, started, submit, release, running: () => running, peakBatch: () => peakBatch };
}

describe('task dispatcher', () => {
  it('starts no more tasks than there are workers, and a waiting check-in before queued batch work, each lane in arrival order', async () => {
    const h = harness(1);
    const all = [
      h.submit('b1', 'batch'),
      h.submit('b2', 'batch'),
      h.submit('i1', 'interactive'),
      h.submit('b3', 'batch'),
      h.submit('i2', 'interactive'),
    ];
    expect(h.started).toEqual(['b1']);
    expect(h.dispatcher.waiting).toBe(4);
    for (const name of ['b1', 'i1', 'i2', 'b2', 'b3']) await h.release(name);
    expect(h.started).toEqual(['b1', 'i1', 'i2', 'b2', 'b3']);
    expect(await Promise.all(all)).toEqual(['b1', 'b2', 'i1', 'b3', 'i2']);
    expect(h.dispatcher.waiting).toBe(0);
  });

  it('lets batch work use every worker when no check-in is arriving', async () => {
    const h = harness(2);
    const all = Array.from({ length: 4 }, (_, i) => h.submit(`b${i}`, 'batch'));
    expect(h.running()).toBe(2);
    for (let i = 0; i < 4; i++) await h.release(`b${i}`);
    await Promise.all(all);
    expect(h.peakBatch()).toBe(2);
  });

  it('leaves one worker free while check-ins arrive, and gives batch work all of them again once they stop', async () => {
    const h = harness(2, 50);
    const check = h.submit('i0', 'interactive');
    await h.release('i0');
    await check;
    const batches = Array.from({ length: 4 }, (_, i) => h.submit(`b${i}`, 'batch'));
    expect(h.started).toEqual(['i0', 'b0']);
    expect(h.dispatcher.waiting).toBe(3);
    // The free worker takes a check-in at once.
    const late = h.submit('i1', 'interactive');
    expect(h.started).toEqual(['i0', 'b0', 'i1']);
    await h.release('i1');
    await late;
    await new Promise((r) => setTimeout(r, 60));
    await h.release('b0');
    expect(h.started).toEqual(['i0', 'b0', 'i1', 'b1', 'b2']);
    for (const name of ['b1', 'b2', 'b3']) await h.release(name);
    await Promise.all(batches);
    expect(h.peakBatch()).toBe(2);
  });

  it('rejects the tasks still waiting when cancelled, and leaves running ones to finish', async () => {
    const h = harness(1);
    const running = h.submit('a', 'interactive');
    const waiting = h.submit('b', 'batch');
    h.dispatcher.cancelWaiting(new Error('closing'));
    await expect(waiting).rejects.toThrow('closing');
    expect(h.dispatcher.waiting).toBe(0);
    await h.release('a');
    await expect(running).resolves.toBe('a');
    expect(h.started).toEqual(['a']);
  });
});
