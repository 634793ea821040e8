// Shared helpers of the officer page. Every value from the server is written with textContent
// (never as HTML); the session cookie is HttpOnly and state-changing requests echo the CSRF token.
export const $ = (sel, root = document) => root.querySelector(sel);

export const session = { me: null, csrf: null };

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

export async function api(path, options = {}) {
  const headers = {
    ...(options.body ? { 'content-type': 'application/json' } : {}),
    ...(session.csrf && options.method && options.method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
  };
  const res = await fetch(path, { credentials: 'same-origin', ...options, headers });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw Object.assign(new Error(body?.message ?? res.statusText), { status: res.status, body });
  return body;
}

/** The error of a refused request in words, naming the fields the server named. */
export function problem(err) {
  return (
    err.body?.issues?.map((i) => `${i.path.replace(/^(body|querystring)\./, '')}: ${i.message}`).join('; ') ||
    err.message
  );
}

/** "2 h 05 min", "3 d", "arrived" from an ISO time. */
export function timeLeft(iso, now = Date.now()) {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return 'arrived';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return h >= 48 ? `${Math.floor(h / 24)} d` : `${h} h ${String(m).padStart(2, '0')} min`;
}

export const DIRECTIVE_WORDS = {
  OK_TO_BOARD: 'OK to board',
  DO_NOT_BOARD: 'Do not board',
  CONTACT_AUTHORITY: 'Contact authority',
  INSUFFICIENT_DATA: 'Insufficient data',
};
export const directiveWords = (d) => DIRECTIVE_WORDS[d] ?? d ?? 'none';

export const OUTCOME_WORDS = {
  'no-concern': 'No concern',
  'false-match': 'False match',
  'safeguarding-referral': 'Safeguarding referral',
  'nrm-referral': 'Referral to the national referral mechanism',
  'police-referral': 'Police referral',
  'refused-entry': 'Refused entry',
  'data-error': 'Data error',
};
export const outcomeWords = (o) => OUTCOME_WORDS[o] ?? o;

export const STATUS_WORDS = { open: 'open', 'in-review': 'in review', closed: 'closed', suppressed: 'suppressed' };

/** A UTC time from the server on the viewer's clock, for events (who did what when). */
export function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      });
}

/** Upper-case letters and digits without accents: how words are compared for highlighting. */
export const plain = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
/** The passport (ICAO 9303) spelling of German umlauts and ß, as the matcher also reads them. */
const icao = (s) =>
  plain(s.toUpperCase().replace(/Ä/g, 'AE').replace(/Ö/g, 'OE').replace(/Ü/g, 'UE').replace(/ß/g, 'SS'));

/** A name with the words that took part in the match marked. */
export function markedName(text, matchedWords) {
  const wanted = new Set([...matchedWords].map(plain).filter(Boolean));
  const matched = (w) => wanted.has(plain(w)) || wanted.has(icao(w));
  return el(
    'span',
    { class: 'name' },
    ...text
      .split(/(\s+|,\s*)/)
      .map((part) => (part.trim() && matched(part) ? el('mark', { title: 'part of the match' }, part) : part)),
  );
}

/** The page's address holds the view and its filters, so a view can be reloaded, bookmarked or shared. */
export function params() {
  return new URLSearchParams(location.search);
}
export function go(query, { replace = false } = {}) {
  const next = `${location.pathname}?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''))}`;
  if (replace) history.replaceState(null, '', next);
  else history.pushState(null, '', next);
  window.dispatchEvent(new Event('paxscreen:navigate'));
}
