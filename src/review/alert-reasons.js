// The parts of an alert that explain it: the traveller beside the listed record, rule facts in
// words, and the booking (PNR) with the basis of its link. Values are written as text, never HTML.
import { el, markedName, when } from './lib.js';

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

export function reasonView(r, i, a) {
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
export function bookingView(b) {
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
