import type { NameToken } from './normalise.ts';
import { cleanText, NAME_SEPARATORS } from './normalise.ts';

/**
 * Names compared in their own script when both sides are written in it. Romanisation loses what
 * tells names apart: 张 and 章 are both ZHANG, and so are a dozen other surnames; two Cyrillic names
 * a letter apart can romanise further apart or closer. When both sides carry the same non-Latin
 * script, the script itself is the better evidence.
 */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['han', /\p{Script=Han}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['thai', /\p{Script=Thai}/u],
  ['armenian', /\p{Script=Armenian}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['bengali', /\p{Script=Bengali}/u],
  ['tamil', /\p{Script=Tamil}/u],
  ['latin', /\p{Script=Latin}/u],
];
const LETTER = /\p{L}/u;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The one script a name is written in, or null when it mixes scripts or is Latin. Japanese mixes
 * kanji and kana and counts as one script; kanji alone cannot be told from Chinese and count as Han.
 */
export function nameScript(text: string): string | null {
  // Most names on travel documents are plain ASCII: no script test needed.
  if (ASCII.test(text)) return null;
  let found: string | null = null;
  let kana = false;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'other';
    if (script === 'japanese') kana = true;
    const key = script === 'japanese' || script === 'han' ? 'cjk' : script;
    if (found === null) found = key;
    else if (found !== key) return null;
  }
  if (found === 'cjk') return kana ? 'japanese' : 'han';
  return found === 'latin' || found === 'other' ? null : found;
}

/**
 * Words as written, upper-cased where the script has case: no romanisation. Greek accents are
 * dropped (often omitted); other marks stay, because in kana and Cyrillic they make another letter
 * (カ/ガ, И/Й).
 */
export function nativeTokens(text: string, script: string): NameToken[] {
  return cleanText(text)
    .split(NAME_SEPARATORS)
    .filter((w) => w.length > 0)
    .map((w) => {
      const upper = w.toUpperCase();
      const word = script === 'greek' ? upper.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') : upper;
      return { text: word, variants: [word] };
    });
}
