import { describe, expect, it } from 'vitest';
import { canonicalName, cleanText, tokeniseName, transliterateWord } from '../../../../src/domain/names/normalise.ts';

const texts = (s: string) => tokeniseName(s).map((t) => t.text);

describe('name normalisation', () => {
  it('folds case, applies NFKC and drops titles', () => {
    expect(texts('Mr. John  SMITH')).toEqual(['JOHN', 'SMITH']);
    expect(texts('ｊｏｈｎ ｓｍｉｔｈ')).toEqual(['JOHN', 'SMITH']);
    expect(texts('Dr Anna-Lena Meyer')).toEqual(['ANNA', 'LENA', 'MEYER']);
    expect(texts('MR')).toEqual(['MR']);
  });

  it('strips zero-width, bidi and control characters used to dodge matching', () => {
    expect(cleanText('OSA\u200bMA\u202e\u2066')).toBe('OSAMA');
    expect(texts('BIN\u00adLADEN\u200d')).toEqual(['BINLADEN']);
    expect(texts('JOHN\tSMITH')).toEqual(['JOHN', 'SMITH']);
  });

  it('keeps ICAO and plain spellings of Latin diacritics', () => {
    expect(transliterateWord('Müller').variants).toEqual(['MUELLER', 'MULLER']);
    expect(transliterateWord('Ørsted').variants).toEqual(['OERSTED', 'ORSTED']);
    expect(transliterateWord('Strauß').variants).toEqual(['STRAUSS']);
    expect(transliterateWord('Åsa').variants).toEqual(['AASA', 'ASA']);
    expect(transliterateWord('Þór').variants).toEqual(['THOR']);
    expect(transliterateWord('Muñoz').variants).toEqual(['MUNOZ']);
    expect(transliterateWord('Đorđević').variants[0]).toBe('DORDEVIC');
  });

  it('transliterates Cyrillic and Greek with the common alternatives', () => {
    expect(canonicalName('Сергей Иванов')).toBe('SERGEI IVANOV');
    expect(transliterateWord('Сергей').variants).toContain('SERGEY');
    expect(transliterateWord('Юлия').variants).toContain('YULIYA');
    expect(transliterateWord('Хасанов').variants).toEqual(expect.arrayContaining(['KHASANOV', 'HASANOV']));
    expect(canonicalName('Γιώργος Παπαδόπουλος')).toBe('GIORGOS PAPADOPOULOS');
  });

  it('gives Arabic-script names a consonant skeleton', () => {
    const [first] = tokeniseName('مُحَمَّد');
    expect(first?.skeleton).toBe('MHMD');
  });

  it('splits on hyphens and apostrophes', () => {
    expect(texts("O'Brien")).toEqual(['O', 'BRIEN']);
    expect(texts('Al-Rashidi')).toEqual(['AL', 'RASHIDI']);
  });
});
