// One alert, as an officer decides it: the traveller beside the listed record, every reason in
// words, the journey and booking a click away, the decision history, and the decision form.
import {
  $,
  api,
  directiveWords,
  el,
  go,
  markedName,
  outcomeWords,
  problem,
  session,
  STATUS_WORDS,
  when,
} from './lib.js';
import { queueFilters, loadQueue } from './queue.js';

const DOB_WORDS = {
  exact: 'the same date',
  'day-month-swapped': 'the same date with day and month swapped',
  'year-only': 'the list gives only a year, and it agrees',
  'same-year-and-month': 'same year and month, another day',
  'same-year-and-day': 'same year and day, another month',
  'same-day-and-month': 'same day and month, another year',
  'same-year': 'only the year agrees',
  'within-one-year': 'a year apart, nothing else in common',
  different: 'different dates',
  unknown: 'nothing to compare',
};
const AGREEMENT = { agrees: 'agrees', differs: 'differs', unknown: 'nothing to compare' };
const HOW_WORDS = {
  exact: 'same',
  variant: 'spelling variant',
  equivalent: 'known equivalent',
  typo: 'typing difference',
  initial: 'initial',
  missing: 'not in the travelled name',
  extra: 'not in the listed name',
};

let current = null;
let claiming = null;

const signed = (n) => (n > 0 ? `+${n}` : String(n));

function factLines(lines) {
  return el(
    'dl',
    { class: 'facts' },
    lines.flatMap((l) => [
      el('dt', {}, l.label),
      el(
        'dd',
        {},
        l.items
          ? [
              l.text && l.items.length > 1 ? `${l.text}: ` : '',
              el(
                'ul',
                {},
                l.items.map((item) => el('li', {}, factLines(item))),
              ),
            ]
          : l.text,
      ),
    ]),
  );
}

function compareRow(label, travelled, listed, verdict) {
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, label),
    el('td', {}, travelled),
    el('td', {}, listed),
    el('td', { class: 'verdict' }, verdict ?? ''),
  );
}

function watchlistReason(r, a) {
  const e = r.explanation;
  const t = a.traveller;
  const l = r.listed;
  const travelledWords = e.tokens
    .filter((x) => x.travelled && x.how !== 'extra' && x.how !== 'missing')
    .map((x) => x.travelled);
  const listedWords = e.tokens.filter((x) => x.listed && x.how !== 'missing' && x.how !== 'extra').map((x) => x.listed);
  const docs = (list) =>
    list.length
      ? list
          .map((d) => `${d.type ? `${d.type} ` : ''}${d.number}${d.issuingCountry ? ` (${d.issuingCountry})` : ''}`)
          .join(', ')
      : 'none';
  return el(
    'div',
    { class: 'reason watchlist' },
    el(
      'h4',
      {},
      `Watch-list match: ${r.list} / ${r.entryId} — ${r.category}, ${r.action === 'DO_NOT_BOARD' ? 'do not board' : r.action === 'REFER' ? 'refer' : 'monitor'} — score ${r.score}`,
    ),
    el('p', {}, e.summary),
    e.scoreParts
      ? el(
          'p',
          { class: 'score-parts' },
          `Score ${r.score} = name ${e.scoreParts.name} · date of birth ${signed(e.scoreParts.dateOfBirth)}${e.scoreParts.document ? ` · document ${signed(e.scoreParts.document)}` : ''}`,
        )
      : null,
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'compare' },
        el('caption', {}, 'The traveller beside the listed record'),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, ''),
            el('th', { scope: 'col' }, 'Traveller'),
            el('th', { scope: 'col' }, 'Listed'),
            el('th', { scope: 'col' }, 'Compared'),
          ),
        ),
        el(
          'tbody',
          {},
          compareRow(
            'Name',
            markedName(`${t.surname}, ${t.givenNames}`, travelledWords),
            markedName(e.matchedName || (l?.names[0] ?? ''), listedWords),
            `matched on ${e.matchedName === l?.names[0] ? 'the primary name' : 'an alias'}`,
          ),
          l && l.names.length > 1
            ? compareRow('Other listed names', '', l.names.filter((n) => n !== e.matchedName).join(' · '), '')
            : null,
          compareRow(
            'Date of birth',
            t.dateOfBirth ?? 'unknown',
            l ? l.datesOfBirth.join(', ') || 'not listed' : '—',
            DOB_WORDS[e.dateOfBirth] ?? e.dateOfBirth,
          ),
          compareRow(
            'Documents',
            docs(t.documents),
            l ? docs(l.documents) : '—',
            `${AGREEMENT[e.document]}${e.documentIssuer ? ` · issuer ${AGREEMENT[e.documentIssuer]}` : ''}`,
          ),
          compareRow(
            'Nationality',
            t.nationality ?? 'unknown',
            l ? l.nationalities.join(', ') || 'not listed' : '—',
            `${AGREEMENT[e.nationality]} (never scored)`,
          ),
          compareRow('Category and action', '', `${r.category} · ${r.action}`, ''),
          compareRow('Remarks', '', l?.notes ?? (l ? 'none' : 'not kept for alerts raised before this release'), ''),
        ),
      ),
    ),
    el(
      'details',
      {},
      el('summary', {}, 'How each word matched'),
      el(
        'ul',
        {},
        e.tokens.map((x) =>
          el(
            'li',
            {},
            `${x.listed || '—'} / ${x.travelled ?? '—'}: ${HOW_WORDS[x.how] ?? x.how}${x.distance ? ` (${x.distance} edit${x.distance > 1 ? 's' : ''})` : ''}`,
          ),
        ),
      ),
    ),
  );
}

function reasonView(r, i, a) {
  if (r.type === 'watchlist') return watchlistReason(r, a);
  if (r.type === 'incomplete')
    return el('div', { class: 'reason incomplete' }, el('h4', {}, 'Screening incomplete'), el('p', {}, r.explanation));
  const lines = a.presentation.reasonLines[i];
  return el(
    'div',
    { class: 'reason rule' },
    el(
      'h4',
      {},
      `Rule: ${r.title} — score ${r.score}${r.context ? ' (context: counts only beside a stronger rule)' : ''}`,
    ),
    lines ? factLines(lines) : null,
  );
}

const BASIS_WORDS = {
  document: 'linked by the travel document number',
  'name-and-birth-date': 'linked by name and date of birth',
  'booking-and-name': 'linked by booking reference and surname',
  'booking-only': 'known from the booking alone (no passenger data yet)',
};
const PAYMENT_WORDS = { cash: 'cash', card: 'card', other: 'other', unknown: 'not given' };

/** The booking (PNR) beside the passenger data: who booked, when, how they paid, for which itinerary. */
function bookingView(b) {
  const r = b.record;
  const pay =
    r.payment.kind === 'card'
      ? `card${r.payment.cardIssuer ? ` ${r.payment.cardIssuer}` : ''}${r.payment.cardLast4 ? ` ending ${r.payment.cardLast4}` : ''}`
      : PAYMENT_WORDS[r.payment.kind];
  const rows = [
    ['Booked', r.createdAt ? when(r.createdAt) : 'not given'],
    ['Last changed', r.lastChangedAt ? when(r.lastChangedAt) : 'not given'],
    ['Payment', pay],
    ['Ticket', r.ticket === 'unknown' ? 'itinerary not given' : r.ticket],
    ['Itinerary', r.itinerary.map((l) => `${l.serviceNumber} ${l.from}→${l.to}`).join(', ') || 'not given'],
    ['Travellers on it', `${r.travellers.length}${r.partySize ? ` (party of ${r.partySize})` : ''}`],
    ['Agency', r.agency?.id ? `${r.agency.id}${r.agency.location ? `, ${r.agency.location}` : ''}` : 'none given'],
    ['Contacts', [...r.contacts.phones, ...r.contacts.emails].join(', ') || 'none given'],
  ];
  return el(
    'div',
    { class: 'note booking' },
    el('h3', {}, `Booking ${r.recordLocator}`),
    el('p', {}, BASIS_WORDS[b.basis] ?? b.basis),
    el(
      'dl',
      { class: 'facts' },
      rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    ),
  );
}

const journeyHref = (a, booking) =>
  `?${new URLSearchParams({ journey: a.journey.id, ...(booking ? { booking } : {}) })}`;
const nav = (href) => (e) => {
  e.preventDefault();
  go(Object.fromEntries(new URLSearchParams(href.slice(1))));
};

function render(a) {
  const t = a.traveller;
  const times = a.presentation.times;
  const origin =
    a.raisedBy === 're-screening'
      ? ' · raised by re-screening after a list or rule change'
      : a.raisedBy === 'late-screening'
        ? ' · found after the carrier was answered'
        : '';
  $('#alert-title').textContent = `${t.surname}, ${t.givenNames}`;
  const parts = [
    el(
      'p',
      { class: 'summary' },
      el('span', { class: `prio prio-${a.priority}` }, a.priority),
      ` score ${a.score} · ${STATUS_WORDS[a.status]}${a.outcome ? `: ${outcomeWords(a.outcome)}` : ''}${origin}`,
    ),
    el('p', { class: 'told' }, 'Carrier told: ', el('strong', {}, directiveWords(a.directive))),
    el(
      'p',
      {},
      `Born ${t.dateOfBirth ?? 'unknown'} · nationality ${t.nationality ?? 'unknown'} · documents ${t.documents.map((d) => `${d.type} ${d.number} (${d.issuingCountry})`).join(', ') || 'none'}`,
    ),
    el(
      'p',
      {},
      'Journey ',
      el(
        'a',
        { href: journeyHref(a), onclick: nav(journeyHref(a)) },
        `${a.journey.carrier} ${a.journey.serviceNumber} ${a.journey.departure.port}→${a.journey.arrival.port}`,
      ),
      ` · departs ${times.departureLocal} · arrives ${times.arrivalLocal}`,
      t.bookingRef
        ? [
            ' · booking ',
            el('a', { href: journeyHref(a, t.bookingRef), onclick: nav(journeyHref(a, t.bookingRef)) }, t.bookingRef),
          ]
        : ' · no booking data',
    ),
    a.suppressions?.length
      ? el(
          'div',
          { class: 'note' },
          el('h3', {}, 'Set aside by an earlier decision'),
          el(
            'ul',
            {},
            a.suppressions.map((s) =>
              el(
                'li',
                {},
                `${s.list} / ${s.entryId}: `,
                el(
                  'a',
                  { href: `?alert=${s.decidedAlertId}`, onclick: nav(`?alert=${s.decidedAlertId}`) },
                  'the false-match decision',
                ),
              ),
            ),
          ),
        )
      : null,
    el('h3', {}, 'Reasons'),
    ...a.reasons.map((r, i) => reasonView(r, i, a)),
    a.booking ? bookingView(a.booking) : null,
    el('h3', {}, 'Co-travellers on the booking'),
    a.coTravellers.length
      ? el(
          'ul',
          {},
          a.coTravellers.map((c) =>
            el('li', {}, `${c.ref}: ${c.surname}, ${c.givenNames} (born ${c.dateOfBirth ?? 'unknown'}, ${c.role})`),
          ),
        )
      : el('p', {}, 'None on this booking.'),
    el('h3', {}, 'History'),
    a.events.length
      ? el(
          'ul',
          { class: 'history' },
          a.events.map((e) =>
            el(
              'li',
              {},
              `${when(e.at)} · ${e.principal} · ${e.action}${e.outcome ? ` → ${outcomeWords(e.outcome)}` : ''}${e.note ? `: ${e.note}` : ''}`,
            ),
          ),
        )
      : el('p', {}, 'No decisions yet.'),
    a.carriedForward.length
      ? el(
          'div',
          { class: 'note' },
          el('h3', {}, 'This decision carries forward'),
          el(
            'ul',
            {},
            a.carriedForward.map((s) =>
              el(
                'li',
                {},
                `${s.list} / ${s.entryId} for document ${s.documentNumber}, born ${s.dateOfBirth}: ${s.state}${s.state === 'active' ? ` until ${s.expiresAt.slice(0, 10)}` : ''}`,
              ),
            ),
          ),
        )
      : null,
  ];
  $('#alert').replaceChildren(...parts.filter(Boolean));
  renderDecision(a);
}

function renderDecision(a) {
  const supervisor = session.me.role === 'supervisor';
  const decidable = a.status === 'open' || a.status === 'in-review';
  $('#decide').hidden = !decidable;
  $('#reopen-form').hidden = !(a.status === 'closed' && supervisor);
  $('#claim-state').textContent =
    a.status === 'in-review'
      ? a.claimedBy === session.me.id
        ? 'You are reviewing this alert.'
        : `In review by ${a.claimedBy}.`
      : 'Open: starting a decision takes it into your review.';
  $('#release').hidden = !(a.status === 'in-review' && supervisor);
}

export async function openAlert(id) {
  const a = await api(`/v1/alerts/${encodeURIComponent(id)}`);
  current = a;
  claiming = null;
  $('#decide').reset();
  $('#false-match-hint').hidden = true;
  $('#decide-error').textContent = '';
  $('#reopen-error').textContent = '';
  render(a);
  return a;
}

/** Starting a decision claims the alert (once): others see it is taken. */
function claimOnStart() {
  if (!current || current.status !== 'open' || claiming) return claiming;
  claiming = api(`/v1/alerts/${current.id}/claim`, { method: 'POST' }).then(
    (a) => {
      current = { ...current, ...a };
      renderDecision(current);
      loadQueue().catch(() => {});
    },
    (err) => {
      claiming = null;
      $('#decide-error').textContent = problem(err);
      throw err;
    },
  );
  return claiming;
}

export function wireAlert() {
  const form = $('#decide');
  form.addEventListener('focusin', () => void claimOnStart()?.catch(() => {}));
  form.addEventListener('change', (e) => {
    if (e.target.name === 'outcome')
      $('#false-match-hint').hidden = !(
        e.target.value === 'false-match' && current?.reasons.some((r) => r.type === 'watchlist')
      );
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const missing = [
      !f.get('outcome') && 'outcome: choose one',
      String(f.get('note') ?? '').trim().length < 3 && 'note: a note is required',
    ].filter(Boolean);
    if (missing.length) {
      $('#decide-error').textContent = missing.join('; ');
      form.querySelector(!f.get('outcome') ? 'select' : 'textarea').focus();
      return;
    }
    try {
      await claimOnStart();
      await api(`/v1/alerts/${current.id}/disposition`, {
        method: 'POST',
        body: JSON.stringify({ outcome: f.get('outcome'), note: f.get('note') }),
      });
      form.reset();
      go(queueFilters());
    } catch (err) {
      $('#decide-error').textContent = problem(err);
    }
  });
  $('#release').addEventListener('click', async () => {
    const note = String(new FormData(form).get('note') ?? '').trim();
    if (note.length < 3) {
      $('#decide-error').textContent = 'note: say why the claim is released';
      return;
    }
    try {
      await api(`/v1/alerts/${current.id}/release`, { method: 'POST', body: JSON.stringify({ note }) });
      await openAlert(current.id);
      await loadQueue();
    } catch (err) {
      $('#decide-error').textContent = problem(err);
    }
  });
  $('#reopen-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api(`/v1/alerts/${current.id}/reopen`, {
        method: 'POST',
        body: JSON.stringify({ note: new FormData(e.target).get('note') }),
      });
      e.target.reset();
      await openAlert(current.id);
      await loadQueue();
    } catch (err) {
      $('#reopen-error').textContent = problem(err);
    }
  });
}
