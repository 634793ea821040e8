import { describe, expect, it } from 'vitest';
import levenshtein from 'fast-levenshtein';
import { editBudget, nameEditDistance } from '../../../../src/domain/matching/edit-distance.ts';
import { compareTokens } from '../../../../src/domain/matching/token-match.ts';
import { tokeniseName } from '../../../../src/domain/names/normalise.ts';

const tok = (s: string) => {
  const [t] = tokeniseName(s);
  if (!t) throw new Error('no token');
  return t;
};

describe('edit distance', () => {
  it('counts an adjacent swap as one edit where fast-levenshtein counts two', () => {
    expect(levenshtein.get('SALEK', 'SALKE')).toBe(2);
    expect(nameEditDistance('SALEK', 'SALKE')).toBe(1);
    expect(nameEditDistance('ABCD', 'BADC')).toBe(2);
  });

  it('allows more edits in longer words', () => {
    expect(editBudget(2)).toBe(0);
    expect(editBudget(4)).toBe(1);
    expect(editBudget(8)).toBe(2);
    expect(editBudget(12)).toBe(3);
  });
});

describe('token comparison', () => {
  it('matches spellings, typos and initials, and nothing else', () => {
    expect(compareTokens(tok('MÜLLER'), tok('MULLER'))?.how).toBe('variant');
    expect(compareTokens(tok('OKONKWO'), tok('OKNOKWO'))).toMatchObject({ how: 'typo', distance: 1 });
    expect(compareTokens(tok('JOHN'), tok('J'))?.how).toBe('initial');
    expect(compareTokens(tok('JOHN'), tok('K'))).toBeNull();
    expect(compareTokens(tok('OMAR'), tok('OMAN'))?.how).toBe('typo');
    expect(compareTokens(tok('ALI'), tok('ALY'))?.how).toBe('equivalent');
    // Two edits on six letters are within the budget (taken from the longer word) but weak.
    expect(compareTokens(tok('PUTIN'), tok('PATINO'))?.similarity).toBeLessThan(0.6);
    expect(compareTokens(tok('PUTIN'), tok('PATINOS'))).toBeNull();
    expect(compareTokens(tok('SMITH'), tok('JONES'))).toBeNull();
  });

  it('compares a name written in Arabic script with its Latin spelling by consonants', () => {
    expect(compareTokens(tok('MOHAMMED'), tok('محمد'))?.how).toBe('variant');
  });
});
