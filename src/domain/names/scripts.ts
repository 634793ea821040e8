/**
 * Transliteration tables after ICAO Doc 9303 Part 3 (machine-readable travel documents), with the
 * common alternative spellings travellers and lists also use. Each source character maps to one or
 * more spellings; the first is the ICAO one. Variants are kept rather than one canonical form because
 * the same person appears as MUELLER on a passport and MULLER on a list.
 */

/** Latin letters whose ICAO form differs from simply dropping the diacritic. */
export const LATIN_SPECIAL: Record<string, string[]> = {
  Ä: ['AE', 'A'],
  Ö: ['OE', 'O'],
  Ø: ['OE', 'O'],
  Ü: ['UE', 'U'],
  Å: ['AA', 'A'],
  Æ: ['AE'],
  Œ: ['OE'],
  ß: ['SS'],
  ẞ: ['SS'],
  Þ: ['TH'],
  Ð: ['D'],
  Đ: ['D', 'DJ'],
  Ł: ['L'],
  Ħ: ['H'],
  Ŧ: ['T'],
  Ĳ: ['IJ'],
  Ŋ: ['N'],
  ı: ['I'],
  Ə: ['A', 'E'],
  ə: ['A', 'E'],
};

export const CYRILLIC: Record<string, string[]> = {
  А: ['A'],
  Б: ['B'],
  В: ['V'],
  Г: ['G', 'H'],
  Ґ: ['G'],
  Д: ['D'],
  Е: ['E', 'YE'],
  Ё: ['E', 'YO'],
  Є: ['IE', 'YE'],
  Ж: ['ZH', 'J'],
  З: ['Z'],
  И: ['I', 'Y'],
  І: ['I'],
  Ї: ['I', 'YI'],
  Й: ['I', 'Y'],
  К: ['K'],
  Л: ['L'],
  М: ['M'],
  Н: ['N'],
  О: ['O'],
  П: ['P'],
  Р: ['R'],
  С: ['S'],
  Т: ['T'],
  У: ['U'],
  Ф: ['F'],
  Х: ['KH', 'H'],
  Ц: ['TS', 'C'],
  Ч: ['CH'],
  Ш: ['SH'],
  Щ: ['SHCH'],
  Ъ: ['IE', ''],
  Ы: ['Y'],
  Ь: [''],
  Э: ['E'],
  Ю: ['IU', 'YU'],
  Я: ['IA', 'YA'],
  Ў: ['U'],
  Ђ: ['D', 'DJ'],
  Ј: ['J'],
  Љ: ['LJ'],
  Њ: ['NJ'],
  Ћ: ['C'],
  Џ: ['DZ'],
  Ѕ: ['DZ'],
  Ѓ: ['G'],
  Ќ: ['K'],
};

export const GREEK: Record<string, string[]> = {
  Α: ['A'],
  Β: ['V', 'B'],
  Γ: ['G'],
  Δ: ['D'],
  Ε: ['E'],
  Ζ: ['Z'],
  Η: ['I', 'E'],
  Θ: ['TH'],
  Ι: ['I'],
  Κ: ['K'],
  Λ: ['L'],
  Μ: ['M'],
  Ν: ['N'],
  Ξ: ['X', 'KS'],
  Ο: ['O'],
  Π: ['P'],
  Ρ: ['R'],
  Σ: ['S'],
  Τ: ['T'],
  Υ: ['Y', 'I'],
  Φ: ['F'],
  Χ: ['CH', 'H'],
  Ψ: ['PS'],
  Ω: ['O'],
};

/** Greek digraphs read as one sound; checked before single letters. */
export const GREEK_DIGRAPHS: Record<string, string[]> = {
  ΟΥ: ['OU', 'U'],
  ΑΥ: ['AV', 'AF'],
  ΕΥ: ['EV', 'EF'],
  ΑΙ: ['AI', 'E'],
  ΕΙ: ['EI', 'I'],
  ΜΠ: ['MP', 'B'],
  ΝΤ: ['NT', 'D'],
  ΓΓ: ['NG'],
  ΓΚ: ['GK', 'G'],
};

/**
 * Arabic letters. The script writes no short vowels, so a transliteration is a consonant skeleton
 * (محمد → MHMD); the matcher compares such tokens by skeleton as well as by spelling.
 */
export const ARABIC: Record<string, string[]> = {
  ا: ['A'],
  أ: ['A'],
  إ: ['I'],
  آ: ['AA'],
  ٱ: ['A'],
  ء: [''],
  ئ: ['I'],
  ؤ: ['U'],
  ب: ['B'],
  ت: ['T'],
  ث: ['TH'],
  ج: ['J'],
  ح: ['H'],
  خ: ['KH'],
  د: ['D'],
  ذ: ['DH'],
  ر: ['R'],
  ز: ['Z'],
  س: ['S'],
  ش: ['SH'],
  ص: ['S'],
  ض: ['D'],
  ط: ['T'],
  ظ: ['Z'],
  ع: [''],
  غ: ['GH'],
  ف: ['F'],
  ق: ['Q'],
  ك: ['K'],
  ل: ['L'],
  م: ['M'],
  ن: ['N'],
  ه: ['H'],
  ة: ['A'],
  و: ['W'],
  ي: ['Y'],
  ى: ['A'],
  پ: ['P'],
  چ: ['CH'],
  ژ: ['ZH'],
  گ: ['G'],
  ک: ['K'],
  ی: ['Y'],
};

export type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'other';

export function scriptOf(ch: string): Script {
  const c = ch.codePointAt(0) ?? 0;
  // Latin, Latin Extended-A/B and the IPA letters some alphabets adopted (Azerbaijani Ə/ə).
  if (c < 0x02b0 || (c >= 0x1e00 && c <= 0x1eff)) return 'latin';
  if (c >= 0x0370 && c <= 0x03ff) return 'greek';
  if (c >= 0x0400 && c <= 0x052f) return 'cyrillic';
  if (
    (c >= 0x0600 && c <= 0x06ff) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfeff)
  )
    return 'arabic';
  return 'other';
}
