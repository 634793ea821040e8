/**
 * Service requests that reveal health, religion or beliefs, which PNR law (Directive 2016/681,
 * art. 13(4)) forbids processing: meal codes (every `..ML` code: kosher, moslem, hindu, vegetarian,
 * diabetic…), wheelchairs and other assistance, medical clearance, blind, deaf, oxygen, stretcher,
 * service animals. Dropped at parse time, with any free text that names them; only counted.
 */
const ASSISTANCE = new Set([
  'WCHR',
  'WCHS',
  'WCHC',
  'WCBD',
  'WCBW',
  'WCMP',
  'WCOB',
  'WCLB',
  'MEDA',
  'BLND',
  'DEAF',
  'DPNA',
  'STCR',
  'OXYG',
  'POXY',
  'PPOC',
  'LEGL',
  'LEGR',
  'ESAN',
  'SVAN',
  'MAAS',
  'MEQT',
  'CPAP',
  'DEPA',
  'DEPU',
]);

export function isSensitiveCode(code: string): boolean {
  const c = code.trim().toUpperCase();
  return /^[A-Z]{2}ML$/.test(c) || ASSISTANCE.has(c);
}

/** Free text that names a forbidden service request anywhere in it. */
export function mentionsSensitive(text: string): boolean {
  for (const word of text.toUpperCase().split(/[^A-Z]+/)) if (word.length === 4 && isSensitiveCode(word)) return true;
  return /\b(KOSHER|HALAL|MOSLEM|MUSLIM|HINDU|JAIN|VEGETARIAN|VEGAN|WHEELCHAIR|DIABET|GLUTEN|MEDICAL|PREGNAN|OXYGEN|STRETCHER)\w*/i.test(
    text,
  );
}
