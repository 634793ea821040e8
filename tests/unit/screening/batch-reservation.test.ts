import { describe, expect, it } from 'vitest';
import { batchReservation } from '../../../src/screening/batch-reservation.ts';

/** Starts `n` batch tasks that each hold their slot until released; reports how many run at once. */
function load(reserve: ReturnType<typeof batchReservation>, n: number) {
  let running = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const done = Array.from({ length: n }, () =>
    reserve.batch(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
    }),
  );
  const drain = async () => {
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(done);
  };
  return { drain, peak: () => peak };
}

describe('batch reservation', () => {
  it('lets batch work use every worker when no check-in is arriving', async () => {
    const l = load(batchReservation(2), 6);
    await new Promise((r) => setTimeout(r, 5));
    await l.drain();
    expect(l.peak()).toBe(2);
  });

  it('leaves one worker free while check-ins arrive, and all of them again once they stop', async () => {
    const reserve = batchReservation(2, 50);
    reserve.interactiveSeen();
    const l = load(reserve, 6);
    await new Promise((r) => setTimeout(r, 5));
    expect(l.peak()).toBe(1);
    expect(reserve.waiting).toBe(5);
    await new Promise((r) => setTimeout(r, 60));
    await l.drain();
    expect(l.peak()).toBe(2);
  });
});
