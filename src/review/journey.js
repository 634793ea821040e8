// A flight (or one booking of it) and officer search: every traveller with the directive the
// carrier was given and the alert in force, each alert a link.
import { $, api, directiveWords, el, go, outcomeWords, params, problem, STATUS_WORDS } from './lib.js';

const link = (query, text) =>
  el(
    'a',
    {
      href: `?${new URLSearchParams(query)}`,
      onclick: (e) => {
        e.preventDefault();
        go(query);
      },
    },
    text,
  );

function alertCell(alert) {
  if (!alert) return 'none';
  const label = `${alert.priority} · ${STATUS_WORDS[alert.status] ?? alert.status}${alert.outcome ? `: ${outcomeWords(alert.outcome)}` : ''}`;
  return link({ alert: alert.id }, label);
}

/** Travellers as rows; `withJourney` adds the journey column (search results span journeys). */
export function travellerTable(rows, { withJourney = false, caption }) {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'travellers' },
      el('caption', { class: 'visually-hidden' }, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...[
            withJourney ? 'Journey' : null,
            'Ref',
            'Traveller',
            'Born',
            'Documents',
            'Booking',
            'Carrier told',
            'Alert',
          ]
            .filter(Boolean)
            .map((h) => el('th', { scope: 'col' }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map(({ journey, traveller: t, nameScore }) =>
          el(
            'tr',
            {},
            withJourney
              ? el(
                  'td',
                  {},
                  link(
                    { journey: journey.id },
                    `${journey.serviceNumber} ${journey.departure.port}→${journey.arrival.port}`,
                  ),
                  el('br'),
                  journey.times.arrivalLocal,
                )
              : null,
            el('td', {}, t.ref),
            el(
              'td',
              {},
              `${t.surname}, ${t.givenNames}${t.role === 'crew' ? ' (crew)' : ''}`,
              nameScore != null ? el('span', { class: 'score' }, ` name ${Math.round(nameScore)}`) : null,
            ),
            el('td', {}, t.dateOfBirth ?? 'unknown'),
            el('td', {}, t.documents.map((d) => `${d.type} ${d.number} (${d.issuingCountry})`).join(', ') || 'none'),
            el('td', {}, t.bookingRef ? link({ journey: journey.id, booking: t.bookingRef }, t.bookingRef) : '—'),
            el('td', {}, directiveWords(t.directive)),
            el('td', {}, alertCell(t.alert)),
          ),
        ),
      ),
    ),
  );
}

export async function openJourney(id, booking) {
  const j = await api(
    `/v1/journeys/${encodeURIComponent(id)}${booking ? `?booking=${encodeURIComponent(booking)}` : ''}`,
  );
  const journey = j.journey;
  $('#journey-title').textContent =
    `${journey.carrier} ${journey.serviceNumber} ${journey.departure.port}→${journey.arrival.port}${j.booking ? ` · booking ${j.booking}` : ''}`;
  const flagged = j.travellers.filter((t) => t.alert).length;
  $('#journey').replaceChildren(
    el(
      'p',
      {},
      `Departs ${journey.times.departureLocal} · arrives ${journey.times.arrivalLocal} · ${j.travellers.length} travellers · ${flagged} with an alert`,
    ),
    j.booking ? el('p', {}, link({ journey: journey.id }, 'Show the whole journey')) : null,
    travellerTable(
      j.travellers.map((t) => ({ journey, traveller: t })),
      { caption: 'Travellers on this journey' },
    ),
  );
}

export async function runSearch() {
  const p = params();
  const terms = Object.fromEntries(['name', 'document', 'booking', 'service'].map((k) => [k, p.get(k) ?? '']));
  for (const [k, v] of Object.entries(terms)) $(`#search-form [name=${k}]`).value = v;
  const q = new URLSearchParams(Object.entries(terms).filter(([, v]) => v));
  if ([...q.keys()].length === 0) {
    $('#search-note').textContent =
      'Search the travellers of journeys still in the retention window: a name (spelling variants found too), a document number, a booking or a service.';
    $('#search-results').replaceChildren();
    return;
  }
  try {
    const r = await api(`/v1/travellers/search?${q}`);
    $('#search-note').textContent =
      `${r.items.length} found among ${r.scanned} travellers${r.truncated ? ' (the latest arrivals only: narrow the search)' : ''}.`;
    $('#search-results').replaceChildren(
      r.items.length
        ? travellerTable(r.items, { withJourney: true, caption: 'Search results' })
        : el('p', {}, 'Nobody matches.'),
    );
  } catch (err) {
    $('#search-note').textContent = problem(err);
    $('#search-results').replaceChildren();
  }
}

export function wireSearch() {
  $('#search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    go({ view: 'search', ...Object.fromEntries([...f].filter(([, v]) => String(v).trim())) });
  });
}
