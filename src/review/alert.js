// One alert, as an officer decides it: the traveller beside the listed record, every reason in
// words, the journey and booking a click away, the decision history, and the decision form.
import { $, api, directiveWords, el, go, outcomeWords, problem, session, STATUS_WORDS, when } from './lib.js';
import { queueFilters, loadQueue } from './queue.js';
import { bookingView, reasonView } from './alert-reasons.js';

let current = null;
let claiming = null;

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
