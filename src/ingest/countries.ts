import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

/** Nationality words lists use instead of country names. */
const DEMONYMS: Record<string, string> = {
  PALESTINIAN: 'PSE',
  AFGHAN: 'AFG',
  IRAQI: 'IRQ',
  IRANIAN: 'IRN',
  SYRIAN: 'SYR',
  YEMENI: 'YEM',
  LEBANESE: 'LBN',
  SAUDI: 'SAU',
  EGYPTIAN: 'EGY',
  LIBYAN: 'LBY',
  SUDANESE: 'SDN',
  SOMALI: 'SOM',
  PAKISTANI: 'PAK',
  RUSSIAN: 'RUS',
  UKRAINIAN: 'UKR',
  BELARUSIAN: 'BLR',
  CHINESE: 'CHN',
  'NORTH KOREAN': 'PRK',
  CUBAN: 'CUB',
  VENEZUELAN: 'VEN',
  COLOMBIAN: 'COL',
  MEXICAN: 'MEX',
  BRITISH: 'GBR',
  AMERICAN: 'USA',
  JORDANIAN: 'JOR',
  KUWAITI: 'KWT',
  TURKISH: 'TUR',
  ALGERIAN: 'DZA',
  MOROCCAN: 'MAR',
  TUNISIAN: 'TUN',
  NIGERIAN: 'NGA',
  KENYAN: 'KEN',
  ETHIOPIAN: 'ETH',
  ERITREAN: 'ERI',
};

/** ISO 3166 alpha-3 for a country name or nationality word in English; null when unknown. */
export function countryCode(text: string): string | null {
  const t = text.trim().replace(/\.$/, '');
  if (/^[A-Z]{3}$/.test(t) && countries.isValid(t)) return t;
  const byName = countries.getAlpha3Code(t, 'en');
  if (byName) return byName;
  return DEMONYMS[t.toUpperCase()] ?? null;
}
