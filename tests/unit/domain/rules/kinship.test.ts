import { describe, expect, it } from 'vitest';
import { assessKinship } from '../../../../src/domain/rules/kinship.ts';

const k = (minor: string, adult: string, extra: { minorGiven?: string; adultGiven?: string } = {}) =>
  assessKinship(
    { surname: minor, givenNames: extra.minorGiven ?? 'CHILD' },
    { surname: adult, givenNames: extra.adultGiven ?? 'ADULT' },
  ).kinship;

describe('kinship', () => {
  it('is RELATED for a shared surname or a gendered form of one', () => {
    expect(k('SMITH', 'SMITH')).toBe('RELATED');
    expect(k('MÜLLER', 'MUELLER')).toBe('RELATED');
    expect(k('NOVAKOVA', 'NOVAK')).toBe('RELATED');
    expect(k('KOWALSKA', 'KOWALSKI')).toBe('RELATED');
    expect(k('PAPADOPOULOU', 'PAPADOPOULOS')).toBe('RELATED');
    expect(k('IVANOVA', 'IVANOV')).toBe('RELATED');
    expect(k('GARCIA LOPEZ', 'LOPEZ MARTIN')).toBe('RELATED');
  });

  it('is UNKNOWN, never UNLIKELY, where conventions make a different surname meaningless', () => {
    expect(k('GARCIA FERNANDEZ', 'LOPEZ MARTIN')).toBe('UNKNOWN');
    expect(k('JONSDOTTIR', 'GUNNARSSON')).toBe('UNKNOWN');
    expect(k('BIN SALEH', 'AL HARBI')).toBe('UNKNOWN');
    expect(k('PETROVA', 'SIDOROV', { minorGiven: 'ANNA IVANOVNA' })).toBe('UNKNOWN');
    expect(k('TESFAYE', 'HAILE', { adultGiven: 'TESFAYE' })).toBe('UNKNOWN');
    expect(k('NGUYEN', 'TRAN')).toBe('UNKNOWN');
    expect(k('KIM', 'PARK')).toBe('UNKNOWN');
    expect(k('SINGH', 'KAUR')).toBe('UNKNOWN');
  });

  it('is never UNLIKELY for an adult on the same booking sharing its contact', () => {
    const v = assessKinship(
      { surname: 'ROSSETTI', givenNames: 'GIULIA', bookingRef: 'B1', contact: { phone: '+391' } },
      { surname: 'DOYLE', givenNames: 'MARTIN', bookingRef: 'B1', contact: { phone: '+391' } },
    );
    expect(v.kinship).toBe('UNKNOWN');
  });

  it('is UNLIKELY for plainly different surnames', () => {
    expect(k('ROSSETTI', 'DOYLE')).toBe('UNLIKELY');
    expect(k('NOWAK', 'KEMP')).toBe('UNLIKELY');
  });
});
