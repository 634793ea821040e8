// paxscreen officer workstation: plain ES modules, no build step, nothing loaded from elsewhere.
// The address holds the view (?view=queue|search|supervision|audit, ?alert=ID, ?journey=ID), so
// the back button, a reload or a shared link lands where the officer was.
import { openAlert, wireAlert } from './alert.js';
import { openJourney, runSearch, wireSearch } from './journey.js';
import { $, api, params, problem, session } from './lib.js';
import { loadAudit, loadPerformance, loadSuppressions, resetAuditPages, wireOversight } from './oversight.js';
import { loadQueue, startPolling, wireQueue } from './queue.js';

const SECTIONS = ['#queue-view', '#alert-view', '#journey-view', '#search-view', '#supervision-view', '#audit-view'];

function show(visible) {
  for (const s of SECTIONS) $(s).hidden = !visible.includes(s);
}

function defaultView(role) {
  return role === 'auditor' ? 'audit' : 'queue';
}

/** Which sections a role may see, by view; anything else falls back to the role's home. */
async function route() {
  const role = session.me?.role;
  if (!role) return;
  const p = params();
  const officer = role === 'officer' || role === 'supervisor';
  let view = p.get('view') ?? (p.has('alert') ? 'alert' : p.has('journey') ? 'journey' : defaultView(role));
  if (
    (view === 'audit' && role !== 'auditor') ||
    (view === 'supervision' && role !== 'supervisor') ||
    (!officer && view !== 'audit')
  )
    view = defaultView(role);
  for (const a of document.querySelectorAll('#nav a'))
    a.setAttribute('aria-current', a.dataset.view === view ? 'page' : 'false');
  try {
    if (view === 'audit') {
      show(['#audit-view']);
      resetAuditPages();
      await loadAudit();
    } else if (view === 'supervision') {
      show(['#supervision-view']);
      await Promise.all([loadPerformance(), loadSuppressions()]);
    } else if (view === 'search') {
      show(['#queue-view', '#search-view']);
      await Promise.all([loadQueue(), runSearch()]);
      $('#search-form [name=name]').focus();
    } else if (view === 'journey') {
      show(['#queue-view', '#journey-view']);
      await Promise.all([loadQueue(), openJourney(p.get('journey'), p.get('booking'))]);
      $('#journey-title').focus();
    } else if (view === 'alert') {
      show(['#queue-view', '#alert-view']);
      await Promise.all([loadQueue(), openAlert(p.get('alert'))]);
      $('#alert-title').focus();
    } else {
      show(['#queue-view']);
      await loadQueue();
    }
  } catch (err) {
    $('#counts').textContent = problem(err);
  }
}

async function signedIn(me) {
  session.me = me.principal;
  session.csrf = me.csrfToken;
  const role = me.principal.role;
  $('#who-name').textContent = `${me.principal.id} (${role})`;
  $('#who').hidden = false;
  $('#sign-in').hidden = true;
  $('#nav').hidden = false;
  for (const a of document.querySelectorAll('[data-roles]')) if (!a.dataset.roles.split(' ').includes(role)) a.remove();
  if (role === 'officer' || role === 'supervisor') startPolling();
  await route();
}

$('#sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try {
    await signedIn(
      await api('/v1/session', {
        method: 'POST',
        body: JSON.stringify({ username: f.get('username'), password: f.get('password') }),
      }),
    );
  } catch (err) {
    $('#sign-in-error').textContent = problem(err);
  }
});

$('#sign-out').addEventListener('click', async () => {
  await api('/v1/session', { method: 'DELETE' }).catch(() => {});
  location.assign('/review');
});

for (const a of document.querySelectorAll('#nav a')) {
  a.addEventListener('click', (e) => {
    e.preventDefault();
    history.pushState(null, '', a.getAttribute('href'));
    route();
  });
}
window.addEventListener('popstate', route);
window.addEventListener('paxscreen:navigate', route);
wireQueue();
wireAlert();
wireSearch();
wireOversight();

api('/v1/session').then(signedIn, () => {
  $('#sign-in').hidden = false;
});
