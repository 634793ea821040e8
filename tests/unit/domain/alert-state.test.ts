import { describe, expect, it } from 'vitest';
import { mayClaim, mayDispose, mayRelease } from '../../../src/domain/alert-state.ts';
import type { Alert } from '../../../src/domain/contracts/alert.ts';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const alert = (
  status: Alert['status'],
  claimedBy: string | null,
  events: Array<Pick<Alert['events'][number], 'action' | 'principal' | 'at'>>,
): Alert =>
  ({ status, claimedBy, events: events.map((e) => ({ ...e, outcome: null, note: null })) }) as unknown as Alert;

describe('alert state rules', () => {
  const now = Date.UTC(2026, 10, 29, 12);
  it('a claim holds for its window, then lapses and anyone may take the alert', () => {
    const fresh = alert('in-review', 'ann', [{ action: 'claim', principal: 'ann', at: at(now - 10 * 60_000) }]);
    expect(mayClaim(fresh, 'bob', HOUR, now)?.code).toBe('ALERT_CLAIMED');
    expect(mayDispose(fresh, 'bob', HOUR, now)?.code).toBe('ALERT_CLAIMED');
    expect(mayClaim(fresh, 'ann', HOUR, now)).toBeNull();
    const lapsed = alert('in-review', 'ann', [{ action: 'claim', principal: 'ann', at: at(now - 2 * HOUR) }]);
    expect(mayClaim(lapsed, 'bob', HOUR, now)).toBeNull();
    expect(mayDispose(lapsed, 'bob', HOUR, now)).toBeNull();
  });

  it('four eyes: whoever reopened an alert may not decide it until someone else has', () => {
    const reopened = alert('open', null, [
      { action: 'dispose', principal: 'ann', at: at(now - 3 * HOUR) },
      { action: 'reopen', principal: 'sue', at: at(now - HOUR) },
    ]);
    expect(mayDispose(reopened, 'sue', HOUR, now)?.code).toBe('FOUR_EYES');
    expect(mayDispose(reopened, 'ann', HOUR, now)).toBeNull();
  });

  it('only a claimed alert can be released; a closed one cannot be claimed', () => {
    expect(mayRelease(alert('open', null, []))?.code).toBe('ALERT_STATE');
    expect(mayRelease(alert('in-review', 'ann', []))).toBeNull();
    expect(mayClaim(alert('closed', null, []), 'ann', HOUR, now)?.code).toBe('ALERT_STATE');
  });
});
