import { describe, expect, it } from 'vitest';
import { describeFacts } from '../../../../src/domain/rules/fact-words.ts';
import { localTime } from '../../../../src/domain/time/local-time.ts';

describe('rule facts in words', () => {
  it('labels and units from the rule kind, times on the given clock, lists as items', () => {
    const lines = describeFacts(
      'late-cash-booking',
      { booking: 'GHI789', bookedAt: '2026-11-30T22:00:00Z', hoursBefore: 11.5, payment: 'cash' },
      { zone: 'Europe/Berlin' },
    );
    expect(lines).toEqual([
      { label: 'Booking', text: 'GHI789' },
      { label: 'Booked at', text: '30 Nov 2026, 23:00 UTC+1' },
      { label: 'Booked before departure', text: '11.5 hours' },
      { label: 'Payment', text: 'cash' },
    ]);
    const escort = describeFacts(
      'repeat-escort',
      { windowDays: 180, journeys: [{ date: '2026-10-02', service: 'BA0101', from: 'LHR', to: 'FRA', booking: null }] },
      { zone: null },
    );
    expect(escort[0]).toEqual({ label: 'Looked back', text: '180 days' });
    expect(escort[1]?.items?.[0]).toContainEqual({ label: 'Date', text: '2 Oct 2026' });
    expect(escort[1]?.items?.[0]).toContainEqual({ label: 'Booking', text: 'not given' });
  });

  it('reports a fact without a label (the scenario replay fails on it)', () => {
    const seen: string[] = [];
    describeFacts('minor-alone', { booking: 'X', surpriseField: 1 }, { zone: null, onUnlabelled: (k) => seen.push(k) });
    expect(seen).toEqual(['surpriseField']);
  });

  it('local time follows summer time and half-hour zones; an unknown zone falls back to UTC', () => {
    expect(localTime('2026-07-01T12:00:00Z', 'Europe/London')).toBe('1 Jul 2026, 13:00 UTC+1');
    expect(localTime('2026-07-01T12:00:00Z', 'Asia/Kolkata')).toBe('1 Jul 2026, 17:30 UTC+5:30');
    expect(localTime('2026-07-01T12:00:00Z', 'Mars/Olympus')).toBe('1 Jul 2026, 12:00 UTC');
  });
});
