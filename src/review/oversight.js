// Supervisors: rule and list performance over a period (every rule, silent ones too) and the
// decisions that carry forward. Auditors: the audit log, paged and filtered, exportable as CSV.
import { $, api, el, go, params, problem, when } from './lib.js';

/** A bar sized through the CSSOM: the page's CSP allows no inline style attribute. */
function bar(share) {
  const b = el('span', { class: 'bar' });
  b.style.width = `${Math.round(share * 100)}%`;
  return b;
}

const pct = (x) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export async function loadPerformance() {
  const f = new FormData($('#period'));
  const q = new URLSearchParams([...f].filter(([, v]) => v));
  const p = await api(`/v1/rules/performance?${q}`);
  const max = Math.max(1, ...p.rules.map((r) => r.alerts));
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  $('#performance').replaceChildren(
    el(
      'p',
      {},
      `${p.from.slice(0, 10)} to ${p.to.slice(0, 10)}. Confirmed: referrals and refusals among the decided alerts.`,
    ),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'performance' },
        el('caption', { class: 'visually-hidden' }, 'Alerts raised and confirmed per rule and list'),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['Rule or list', 'Alerts', 'Decided', 'Confirmed', ''].map((h, i) =>
              el('th', { scope: 'col', ...(i === 4 ? { 'aria-label': 'Share of all alerts' } : {}) }, h),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          p.rules.map((r) =>
            el(
              'tr',
              {},
              el(
                'th',
                { scope: 'row' },
                r.title,
                r.enabled ? null : ' (disabled)',
                el('br'),
                el('small', {}, r.ruleId),
              ),
              el('td', {}, plural(r.alerts, 'alert', 'alerts')),
              el('td', {}, String(r.disposed)),
              el('td', {}, pct(r.confirmedShare)),
              el('td', { class: 'bar-cell' }, bar(r.alerts / max)),
            ),
          ),
        ),
      ),
    ),
  );
}

export async function loadSuppressions() {
  const state = new FormData($('#suppression-filters')).get('state') || 'active';
  const page = await api(`/v1/suppressions?state=${state}&limit=200`);
  if (page.items.length === 0) {
    $('#suppressions').replaceChildren(el('p', {}, 'None.'));
    return;
  }
  $('#suppressions').replaceChildren(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        {},
        el('caption', { class: 'visually-hidden' }, 'Suppressions'),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['Entry', 'Document and birth date', 'Decided', 'Until', 'State', 'Revoke'].map((h) =>
              el('th', { scope: 'col' }, h),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          page.items.map((s) => {
            const note = el('input', {
              name: 'note',
              'aria-label': `Why revoke the suppression of ${s.entryId} for ${s.documentNumber}`,
              placeholder: 'why',
            });
            const error = el('span', { class: 'error', role: 'alert' });
            const revoke = async () => {
              try {
                await api(`/v1/suppressions/${s.id}/revoke`, {
                  method: 'POST',
                  body: JSON.stringify({ note: note.value }),
                });
                await loadSuppressions();
              } catch (err) {
                error.textContent = problem(err);
              }
            };
            return el(
              'tr',
              {},
              el('td', {}, `${s.list} / ${s.entryId}`),
              el('td', {}, `${s.documentNumber}, born ${s.dateOfBirth}`),
              el(
                'td',
                {},
                when(s.createdAt),
                ' by ',
                s.decidedBy,
                ' (',
                el(
                  'a',
                  {
                    href: `?alert=${s.decidedAlertId}`,
                    onclick: (e) => (e.preventDefault(), go({ alert: s.decidedAlertId })),
                  },
                  'decision',
                ),
                ')',
              ),
              el('td', {}, s.expiresAt.slice(0, 10)),
              el('td', {}, s.state === 'revoked' ? `revoked by ${s.revokedBy}: ${s.revokeNote}` : s.state),
              el(
                'td',
                {},
                s.state === 'active'
                  ? [note, ' ', el('button', { type: 'button', onclick: revoke }, 'Revoke'), error]
                  : '',
              ),
            );
          }),
        ),
      ),
    ),
  );
}

const AUDIT_FILTERS = ['principal', 'action', 'target', 'from', 'to'];
const pages = { stack: [], next: null };

function auditQuery() {
  const p = params();
  const q = new URLSearchParams();
  for (const k of AUDIT_FILTERS) {
    const v = p.get(k);
    if (!v) continue;
    // Dates in the form are whole days, the API takes times.
    q.set(k, k === 'from' ? `${v}T00:00:00Z` : k === 'to' ? `${v}T23:59:59.999Z` : v);
  }
  return q;
}

export async function loadAudit(cursor = null) {
  const p = params();
  for (const k of AUDIT_FILTERS) $(`#audit-filters [name=${k}]`).value = p.get(k) ?? '';
  const q = auditQuery();
  $('#audit-export').href = `/v1/audit/export?${q}`;
  if (cursor) q.set('cursor', cursor);
  q.set('limit', '50');
  const page = await api(`/v1/audit?${q}`);
  pages.next = page.nextCursor;
  $('#audit tbody').replaceChildren(
    ...page.items.map((e) =>
      el(
        'tr',
        {},
        el('td', {}, when(e.at)),
        el('td', {}, `${e.principal} (${e.role})`),
        el('td', {}, e.action),
        el('td', {}, e.targetWords || e.target),
        el('td', { class: 'mono' }, [e.purpose, e.targetWords ? e.target : null].filter(Boolean).join(' · ')),
      ),
    ),
  );
  if (page.items.length === 0)
    $('#audit tbody').append(el('tr', {}, el('td', { colspan: '5' }, 'Nothing recorded matches.')));
  $('#audit-page').textContent = `page ${pages.stack.length + 1}`;
  $('#audit-older').disabled = !pages.next;
  $('#audit-newer').disabled = pages.stack.length === 0;
}

export function wireOversight() {
  $('#period').addEventListener('submit', (e) => {
    e.preventDefault();
    loadPerformance();
  });
  $('#suppression-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    loadSuppressions();
  });
  $('#audit-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    pages.stack = [];
    go({ view: 'audit', ...Object.fromEntries([...f].filter(([, v]) => String(v).trim())) });
  });
  $('#audit-older').addEventListener('click', () => {
    pages.stack.push(pages.current ?? null);
    pages.current = pages.next;
    loadAudit(pages.next);
  });
  $('#audit-newer').addEventListener('click', () => {
    pages.current = pages.stack.pop() ?? null;
    loadAudit(pages.current);
  });
}

export function resetAuditPages() {
  pages.stack = [];
  pages.current = null;
}
