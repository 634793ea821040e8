// The alert queue: filters live in the page address; a refresh keeps the selected alert and the
// keyboard focus where they were (rows are matched by alert id, not by position).
import { $, api, directiveWords, el, go, params, session, STATUS_WORDS, timeLeft } from './lib.js';

const FILTERS = ['status', 'serviceNumber', 'arrivalPort', 'arrivalDate'];
const state = { items: [], cursor: null, selectedId: null, timer: null };

export function queueFilters() {
  const p = params();
  const q = {};
  for (const k of FILTERS) if (p.get(k)) q[k] = p.get(k);
  q.status ??= 'open';
  return q;
}

/** The filters as the API takes them ("all" is no status filter). */
function apiQuery() {
  return new URLSearchParams(Object.entries(queueFilters()).filter(([k, v]) => v && !(k === 'status' && v === 'all')));
}

function fillFilterForm() {
  const q = queueFilters();
  for (const k of FILTERS) $(`#filters [name=${k}]`).value = q[k] ?? '';
}

export async function loadQueue() {
  fillFilterForm();
  const q = apiQuery();
  q.set('limit', '100');
  const [page, counts] = await Promise.all([api(`/v1/alerts?${q}`), api('/v1/alerts/counts')]);
  state.items = page.items;
  state.cursor = page.nextCursor;
  const supervisor = session.me?.role === 'supervisor';
  $('#counts').textContent =
    `${counts.open} open · ${counts['in-review']} in review · ${counts.closed} closed${supervisor ? ` · ${counts.suppressed} suppressed` : ''}`;
  renderQueue();
}

function renderQueue() {
  const focusedId = document.activeElement?.closest?.('#queue tr[data-id]')?.dataset.id ?? null;
  const current = params().get('alert');
  if (current) state.selectedId = current;
  if (!state.items.some((a) => a.id === state.selectedId)) state.selectedId = state.items[0]?.id ?? null;
  const tbody = $('#queue tbody');
  tbody.replaceChildren(
    ...state.items.map((a) => {
      const link = el(
        'a',
        { href: `?${new URLSearchParams({ ...queueFilters(), alert: a.id })}`, onclick: (e) => openFromQueue(e, a.id) },
        `${a.traveller.surname}, ${a.traveller.givenNames}`,
      );
      return el(
        'tr',
        {
          'data-id': a.id,
          class: a.id === state.selectedId ? 'selected' : '',
          'aria-current': a.id === current ? 'true' : null,
        },
        el(
          'td',
          {},
          el('span', { class: `prio prio-${a.priority}` }, a.priority),
          el('span', { class: 'score' }, ` ${a.score}`),
        ),
        el('td', {}, link),
        el('td', {}, `${a.journey.serviceNumber} ${a.journey.departure.port}→${a.journey.arrival.port}`),
        el('td', {}, directiveWords(a.directive)),
        el('td', {}, a.arrivalLocal),
        el('td', {}, timeLeft(a.journey.arrival.scheduled)),
        el('td', {}, a.status === 'in-review' ? `in review (${a.claimedBy})` : (STATUS_WORDS[a.status] ?? a.status)),
      );
    }),
  );
  if (state.items.length === 0) tbody.append(el('tr', {}, el('td', { colspan: '7' }, 'No alerts match.')));
  $('#more').hidden = !state.cursor;
  // Focus stays on the row the officer was on, whatever the refresh moved.
  if (focusedId) $(`#queue tr[data-id="${CSS.escape(focusedId)}"] a`)?.focus();
}

function openFromQueue(e, id) {
  e.preventDefault();
  state.selectedId = id;
  go({ ...queueFilters(), alert: id });
}

function move(step) {
  if (state.items.length === 0) return;
  const i = Math.max(
    0,
    state.items.findIndex((a) => a.id === state.selectedId),
  );
  state.selectedId = state.items[Math.max(0, Math.min(state.items.length - 1, i + step))].id;
  renderQueue();
  $(`#queue tr[data-id="${CSS.escape(state.selectedId)}"] a`)?.focus();
}

export function startPolling() {
  clearInterval(state.timer);
  state.timer = setInterval(() => {
    if (!$('#queue-view').hidden) loadQueue().catch(() => {});
  }, 5000);
}

export function wireQueue() {
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    go(Object.fromEntries(FILTERS.map((k) => [k, f.get(k)])));
  });
  $('#clear-filters').addEventListener('click', (e) => {
    e.preventDefault();
    go({ view: 'queue' });
  });
  $('#more').addEventListener('click', async () => {
    const q = apiQuery();
    q.set('cursor', state.cursor);
    const page = await api(`/v1/alerts?${q}`);
    state.items.push(...page.items);
    state.cursor = page.nextCursor;
    renderQueue();
  });
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || $('#queue-view').hidden) return;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? '')) return;
    if (e.key === 'j' || e.key === 'k') {
      e.preventDefault();
      move(e.key === 'j' ? 1 : -1);
    } else if (
      e.key === 'Enter' &&
      (document.activeElement === document.body || document.activeElement?.id === 'main') &&
      state.selectedId
    ) {
      go({ ...queueFilters(), alert: state.selectedId });
    } else if (e.key === 'r') loadQueue().catch(() => {});
    else if (e.key === '/') {
      e.preventDefault();
      go({ view: 'search' });
    }
  });
}
