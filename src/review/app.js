// paxscreen alert review page. Plain ES module, no build step; every value from the server is
// written with textContent (never as HTML). The session cookie is HttpOnly; state-changing
// requests echo the CSRF token the sign-in returned.
const $ = (sel) => document.querySelector(sel);
const state = { me: null, csrf: null, items: [], cursor: null, selected: 0, current: null, timer: null };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

async function api(path, options = {}) {
  const headers = { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(state.csrf && options.method && options.method !== 'GET' ? { 'x-csrf-token': state.csrf } : {}) };
  const res = await fetch(path, { credentials: 'same-origin', ...options, headers });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw Object.assign(new Error(body?.message ?? res.statusText), { status: res.status, body });
  return body;
}

function show(id, visible) {
  $(id).hidden = !visible;
}

function timeLeft(iso) {
  const ms = Date.parse(iso) - Date.now();
  if (ms <= 0) return 'arrived';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return h >= 48 ? `${Math.floor(h / 24)} d` : `${h} h ${m} min`;
}

async function signedIn(me) {
  state.me = me.principal;
  state.csrf = me.csrfToken;
  $('#who-name').textContent = `${me.principal.id} (${me.principal.role})`;
  show('#who', true);
  show('#sign-in', false);
  const officer = ['officer', 'supervisor'].includes(me.principal.role);
  show('#queue-view', officer);
  show('#performance-view', me.principal.role === 'supervisor');
  show('#audit-view', me.principal.role === 'auditor');
  if (officer) {
    await loadQueue();
    clearInterval(state.timer);
    state.timer = setInterval(() => loadQueue(true).catch(() => {}), 5000);
  }
  if (me.principal.role === 'supervisor') await loadPerformance();
  if (me.principal.role === 'auditor') await loadAudit();
}

function filters() {
  const f = new FormData($('#filters'));
  const q = new URLSearchParams();
  for (const [k, v] of f) if (v) q.set(k, v);
  return q;
}

async function loadQueue(keepSelection = false) {
  const q = filters();
  q.set('limit', '100');
  const [page, counts] = await Promise.all([api(`/v1/alerts?${q}`), api('/v1/alerts/counts')]);
  state.items = page.items;
  state.cursor = page.nextCursor;
  if (!keepSelection) state.selected = 0;
  $('#counts').textContent = `${counts.open} open · ${counts['in-review']} in review · ${counts.closed} closed`;
  renderQueue();
}

function renderQueue() {
  const tbody = $('#queue tbody');
  tbody.replaceChildren(
    ...state.items.map((a, i) =>
      el(
        'tr',
        { tabindex: '0', 'data-id': a.id, class: i === state.selected ? 'selected' : '', onclick: () => openAlert(i), onkeydown: (e) => e.key === 'Enter' && openAlert(i) },
        el('td', {}, el('span', { class: `prio prio-${a.priority}` }, a.priority)),
        el('td', {}, a.score),
        el('td', {}, `${a.traveller.surname}, ${a.traveller.givenNames}`),
        el('td', {}, `${a.journey.carrier} ${a.journey.serviceNumber} ${a.journey.departure.port}→${a.journey.arrival.port}`),
        el('td', {}, timeLeft(a.journey.arrival.scheduled)),
        el('td', {}, a.status === 'in-review' ? `in review (${a.claimedBy})` : a.status),
      ),
    ),
  );
  if (state.items.length === 0) tbody.append(el('tr', {}, el('td', { colspan: '6' }, 'No alerts match.')));
  show('#more', Boolean(state.cursor));
}

const signed = (n) => (n > 0 ? `+${n}` : String(n));

function facts(value) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return el('ul', {}, value.map((v) => el('li', {}, facts(v))));
  if (typeof value === 'object') return el('dl', { class: 'facts' }, Object.entries(value).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, facts(v))]));
  return String(value);
}

function reasonView(r) {
  if (r.type === 'watchlist') {
    const e = r.explanation;
    return el(
      'div',
      { class: 'reason watchlist' },
      el('h4', {}, `Watch-list match: ${r.list} / ${r.entryId} (${r.category}, action ${r.action}) — score ${r.score}`),
      el('p', {}, e.summary),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'listed'), el('th', {}, 'travelled'), el('th', {}, 'how'))), el('tbody', {}, e.tokens.map((t) => el('tr', {}, el('td', {}, t.listed || '—'), el('td', {}, t.travelled ?? '—'), el('td', {}, t.distance ? `${t.how} (${t.distance})` : t.how))))),
      el('p', {}, `Date of birth: ${e.dateOfBirth} · nationality: ${e.nationality} · document: ${e.document}`),
      e.scoreParts ? el('p', { class: 'score-parts' }, `Score ${r.score} = name ${e.scoreParts.name} · date of birth ${signed(e.scoreParts.dateOfBirth)}${e.scoreParts.document ? ` · document ${signed(e.scoreParts.document)}` : ''}`) : null,
    );
  }
  if (r.type === 'incomplete') {
    return el('div', { class: 'reason incomplete' }, el('h4', {}, 'Screening incomplete'), el('p', {}, r.explanation));
  }
  return el('div', { class: 'reason rule' }, el('h4', {}, `Rule: ${r.title} — score ${r.score}${r.context ? ' (context)' : ''}`), facts(r.facts));
}

async function openAlert(i) {
  state.selected = i;
  renderQueue();
  const summary = state.items[i];
  if (!summary) return;
  const a = await api(`/v1/alerts/${summary.id}`);
  state.current = a;
  const t = a.traveller;
  $('#alert').replaceChildren(
    el('p', {}, el('span', { class: `prio prio-${a.priority}` }, a.priority), ` score ${a.score} · carrier told ${a.directive} · ${a.status}${a.raisedBy === 're-screening' ? ' · raised by re-screening after a list or rule change' : a.raisedBy === 'late-screening' ? ' · found after the answer' : ''}`),
    el('h3', {}, `${t.surname}, ${t.givenNames}`),
    el('p', {}, `Born ${t.dateOfBirth ?? 'unknown'} · nationality ${t.nationality ?? 'unknown'} · booking ${t.bookingRef ?? 'none'}`),
    el('p', {}, `Documents: ${t.documents.map((d) => `${d.type} ${d.number} (${d.issuingCountry})`).join(', ') || 'none'}`),
    el('p', {}, `Journey ${a.journey.carrier} ${a.journey.serviceNumber}: ${a.journey.departure.port} ${a.journey.departure.scheduled} → ${a.journey.arrival.port} ${a.journey.arrival.scheduled}`),
    el('h3', {}, 'Reasons'),
    ...a.reasons.map(reasonView),
    el('h3', {}, 'Co-travellers on the booking'),
    a.coTravellers.length ? el('ul', {}, a.coTravellers.map((c) => el('li', {}, `${c.ref}: ${c.surname}, ${c.givenNames} (born ${c.dateOfBirth ?? 'unknown'}, ${c.role})`))) : el('p', {}, 'None on this booking.'),
    el('h3', {}, 'History'),
    a.events.length ? el('ul', {}, a.events.map((e) => el('li', {}, `${e.at} ${e.principal} ${e.action}${e.outcome ? ` → ${e.outcome}` : ''}${e.note ? `: ${e.note}` : ''}`))) : el('p', {}, 'No decisions yet.'),
  );
  $('#claim-state').textContent = a.status === 'in-review' ? `In review by ${a.claimedBy}` : a.status === 'closed' ? `Closed: ${a.outcome}` : 'Open';
  $('#claim').hidden = a.status !== 'open';
  $('#reopen').hidden = !(a.status === 'closed' && state.me.role === 'supervisor');
  $('#decide button[type=submit]').disabled = a.status === 'closed';
  $('#decide-error').textContent = '';
  show('#alert-view', true);
}

$('#sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try {
    await signedIn(await api('/v1/session', { method: 'POST', body: JSON.stringify({ username: f.get('username'), password: f.get('password') }) }));
  } catch (err) {
    $('#sign-in-error').textContent = err.message;
  }
});

$('#sign-out').addEventListener('click', async () => {
  await api('/v1/session', { method: 'DELETE' }).catch(() => {});
  location.reload();
});

$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  loadQueue();
});

$('#more').addEventListener('click', async () => {
  const q = filters();
  q.set('cursor', state.cursor);
  const page = await api(`/v1/alerts?${q}`);
  state.items.push(...page.items);
  state.cursor = page.nextCursor;
  renderQueue();
});

$('#claim').addEventListener('click', async () => {
  try {
    await api(`/v1/alerts/${state.current.id}/claim`, { method: 'POST' });
    await openAlert(state.selected);
    await loadQueue(true);
  } catch (err) {
    $('#decide-error').textContent = err.message;
  }
});

$('#decide').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try {
    await api(`/v1/alerts/${state.current.id}/disposition`, { method: 'POST', body: JSON.stringify({ outcome: f.get('outcome'), note: f.get('note') }) });
    e.target.reset();
    show('#alert-view', false);
    await loadQueue();
  } catch (err) {
    $('#decide-error').textContent = err.body?.issues?.map((i) => `${i.path}: ${i.message}`).join('; ') || err.message;
  }
});

$('#reopen').addEventListener('click', async () => {
  const note = prompt('Why reopen?');
  if (!note) return;
  await api(`/v1/alerts/${state.current.id}/reopen`, { method: 'POST', body: JSON.stringify({ note }) });
  await openAlert(state.selected);
  await loadQueue(true);
});

document.addEventListener('keydown', (e) => {
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? '') || $('#queue-view').hidden) return;
  if (e.key === 'j' || e.key === 'k') {
    state.selected = Math.max(0, Math.min(state.items.length - 1, state.selected + (e.key === 'j' ? 1 : -1)));
    renderQueue();
    document.querySelector(`#queue tbody tr:nth-child(${state.selected + 1})`)?.focus();
  } else if (e.key === 'Enter' && document.activeElement === document.body) openAlert(state.selected);
  else if (e.key === 'r') loadQueue(true);
});

async function loadPerformance() {
  const f = new FormData($('#period'));
  const q = new URLSearchParams();
  for (const [k, v] of f) if (v) q.set(k, v);
  const p = await api(`/v1/rules/performance?${q}`);
  const rows = p.rules;
  const max = Math.max(1, ...rows.map((r) => r.alerts));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const rowH = 22;
  svg.setAttribute('width', '720');
  svg.setAttribute('height', String(rows.length * rowH + 30));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Alerts raised and confirmed per rule');
  const add = (tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    svg.append(n);
  };
  rows.forEach((r, i) => {
    const y = i * rowH + 20;
    const w = (r.alerts / max) * 380;
    const confirmed = r.disposed ? (r.alerts * (r.confirmedShare ?? 0) / max) * 380 : 0;
    add('text', { x: 0, y: y + 13 }, r.ruleId);
    add('rect', { x: 230, y, width: Math.max(1, w), height: 16, fill: '#9db4d6' });
    add('rect', { x: 230, y, width: confirmed, height: 16, fill: '#12324f' });
    add('text', { x: 236 + w, y: y + 13 }, `${r.alerts} alerts · ${r.disposed} decided · ${r.confirmedShare === null ? '—' : `${Math.round(r.confirmedShare * 100)}% confirmed`}`);
  });
  add('text', { x: 0, y: 12 }, `${p.from.slice(0, 10)} to ${p.to.slice(0, 10)} · dark: confirmed (referrals, refusals)`);
  $('#performance').replaceChildren(rows.length ? svg : el('p', {}, 'No alerts in this period.'));
}

$('#period').addEventListener('submit', (e) => {
  e.preventDefault();
  loadPerformance();
});

async function loadAudit() {
  const f = new FormData($('#audit-filters'));
  const q = new URLSearchParams();
  for (const [k, v] of f) if (v) q.set(k, v);
  const page = await api(`/v1/audit?${q}`);
  $('#audit tbody').replaceChildren(...page.items.map((e) => el('tr', {}, el('td', {}, e.at), el('td', {}, e.principal), el('td', {}, e.role), el('td', {}, e.action), el('td', {}, e.target), el('td', {}, e.purpose ?? ''))));
}

$('#audit-filters').addEventListener('submit', (e) => {
  e.preventDefault();
  loadAudit();
});

api('/v1/session').then(signedIn, () => show('#sign-in', true));
