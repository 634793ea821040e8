import { z } from 'zod';
import { parsePartialDate, isFullDate } from '../dates/partial-date.ts';

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code in capitals, e.g. GBR')
  .describe('ISO 3166-1 alpha-3 country code');

export const PartialDateText = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY-MM-DD, YYYY-MM or YYYY')
  .refine((s) => parsePartialDate(s) !== null, 'is not a real calendar date')
  .describe('a full or partial date: YYYY-MM-DD, YYYY-MM or YYYY');

export const FullDateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => {
    const d = parsePartialDate(s);
    return d !== null && isFullDate(d);
  }, 'is not a real calendar date')
  .describe('a full date: YYYY-MM-DD');

export const UtcTimestamp = z.iso
  .datetime({ offset: false, message: 'must be an ISO 8601 UTC timestamp ending in Z, e.g. 2026-12-01T09:30:00Z' })
  .describe('ISO 8601 timestamp in UTC');

export const DIRECTIVES = ['OK_TO_BOARD', 'DO_NOT_BOARD', 'CONTACT_AUTHORITY', 'INSUFFICIENT_DATA'] as const;
export const Directive = z.enum(DIRECTIVES).describe('board directive (iAPI/CUSRES 0Z, 1Z, 2Z, 4Z)');
export type Directive = z.infer<typeof Directive>;

/** iAPI / CUSRES response codes for each directive. */
export const DIRECTIVE_CODES: Record<Directive, string> = {
  OK_TO_BOARD: '0Z',
  DO_NOT_BOARD: '1Z',
  CONTACT_AUTHORITY: '2Z',
  INSUFFICIENT_DATA: '4Z',
};
