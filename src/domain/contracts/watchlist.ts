import { z } from 'zod';
import { CountryCode, PartialDateText } from './common.ts';

export const WATCHLIST_CATEGORIES = [
  'wanted',
  'suspected-trafficker',
  'missing-person',
  'excluded',
  'sanctions',
  'lost-stolen-document',
] as const;
export const WatchlistCategory = z.enum(WATCHLIST_CATEGORIES);

export const WatchlistAction = z.enum(['DO_NOT_BOARD', 'REFER', 'MONITOR']);
export type WatchlistAction = z.infer<typeof WatchlistAction>;

/** The name of a stored list: how uploads, the CLI and the audit log refer to it. */
export const ListName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be lower-case letters, digits, dots, dashes or underscores');

export const ListedName = z
  .object({
    surname: z.string().trim().max(200).optional(),
    givenNames: z.string().trim().max(200).optional(),
    full: z
      .string()
      .trim()
      .max(400)
      .optional()
      .describe('the whole name when surname and given names are not told apart'),
  })
  .refine((n) => Boolean(n.surname || n.full), { message: 'needs a surname or a full name' });
export type ListedName = z.infer<typeof ListedName>;

/** Longest listed document number kept (sanctions lists carry long registry numbers). */
export const MAX_DOCUMENT_NUMBER = 80;

export const ListedDocument = z.object({
  type: z.string().trim().max(20).optional(),
  number: z.string().trim().min(1).max(MAX_DOCUMENT_NUMBER),
  issuingCountry: CountryCode.optional(),
});
export type ListedDocument = z.infer<typeof ListedDocument>;

export const WatchlistEntry = z
  .object({
    id: z.string().trim().min(1).max(80),
    list: z.string().trim().min(1).max(80),
    category: WatchlistCategory,
    action: WatchlistAction,
    names: z.array(ListedName).min(1).max(200).describe('first is the primary name, the rest aliases'),
    dateOfBirth: z
      .union([PartialDateText, z.array(PartialDateText).max(20)])
      .optional()
      .describe('one or several full or partial dates of birth'),
    nationality: z.union([CountryCode, z.array(CountryCode).max(10)]).optional(),
    documents: z.array(ListedDocument).max(50).optional(),
    notes: z.string().max(2000).optional(),
  })
  .meta({ id: 'WatchlistEntry' });
export type WatchlistEntry = z.infer<typeof WatchlistEntry>;

export function datesOfBirth(e: WatchlistEntry): string[] {
  if (e.dateOfBirth === undefined) return [];
  return Array.isArray(e.dateOfBirth) ? e.dateOfBirth : [e.dateOfBirth];
}

export function nationalities(e: WatchlistEntry): string[] {
  if (e.nationality === undefined) return [];
  return Array.isArray(e.nationality) ? e.nationality : [e.nationality];
}
