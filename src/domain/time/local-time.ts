/**
 * Times as an officer at a port reads them: the port's wall clock with its UTC offset, so "22:00"
 * is never mistaken for UTC. Formatting only (Intl carries the zone rules); no clock is read here.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone. */
function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** "30 Nov 2026, 22:00 UTC+1" in the given IANA zone (UTC when the zone is unknown or null). */
export function localTime(iso: string, zone: string | null): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const z = zone && isKnownZone(zone) ? zone : 'UTC';
  const parts = formatter(z).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // A port's clock shows its offset even when it is zero (London in winter: UTC+0); no zone: UTC.
  const offset = z === 'UTC' ? 'UTC' : get('timeZoneName').replace(/^GMT$/, 'UTC+0').replace(/^GMT/, 'UTC');
  return `${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')} ${offset}`;
}

/** A calendar date (YYYY-MM-DD) in words: "30 Nov 2026". */
export function calendarDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}
