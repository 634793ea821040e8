import { tokeniseName } from './normalise.ts';

/** Words of a traveller's name that candidate search looks up (the surname always among them). */
export const MAX_SEARCH_TOKENS = 16;
/**
 * The longest name the matcher screens in full. Longer names are not cut silently: the traveller
 * is answered CONTACT_AUTHORITY and an officer looks (no real travel document carries this many).
 */
export const MAX_NAME_TOKENS = 24;

export type NameProblem = 'no-usable-token' | 'too-long';

/** Why a traveller's name cannot be screened in full, or null when it can. */
export function nameProblem(surname: string, givenNames: string): NameProblem | null {
  const n = tokeniseName(surname).length + tokeniseName(givenNames).length;
  if (n === 0) return 'no-usable-token';
  if (n > MAX_NAME_TOKENS) return 'too-long';
  return null;
}

export const NAME_PROBLEM_WORDS: Record<NameProblem, string> = {
  'no-usable-token': 'the name has no letter or digit left once invisible characters and punctuation are removed',
  'too-long': `the name has more than ${MAX_NAME_TOKENS} words, more than the matcher screens in full`,
};
