import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/contracts/alert.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { sampleManifest } from '../helpers/manifests.ts';

let t: TestApp;
let alerts: Alert[];
beforeAll(async () => {
  t = await startTestApp();
  await t.app.inject({
    method: 'POST',
    url: '/v1/manifests',
    headers: bearer(TOKENS.carrierBA),
    payload: sampleManifest(),
  });
  alerts = (await t.app.inject({ url: '/v1/alerts', headers: bearer(TOKENS.officer) })).json().items;
});
afterAll(async () => t.close());

const post = (url: string, token: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });

describe('role matrix: every route declares its roles', () => {
  const routes: Array<[string, string, string[]]> = [
    ['POST', '/v1/manifests', ['carrier']],
    ['POST', '/v1/travellers/check', ['carrier']],
    ['POST', '/v1/bookings', ['carrier']],
    ['GET', '/v1/alerts', ['officer', 'supervisor']],
    ['GET', '/v1/alerts/x', ['officer', 'supervisor']],
    ['GET', '/v1/alerts/counts', ['officer', 'supervisor']],
    ['POST', '/v1/alerts/x/claim', ['officer', 'supervisor']],
    ['POST', '/v1/alerts/x/disposition', ['officer', 'supervisor']],
    ['POST', '/v1/alerts/x/release', ['supervisor']],
    ['POST', '/v1/alerts/x/reopen', ['supervisor']],
    ['GET', '/v1/watchlists', ['supervisor']],
    ['POST', '/v1/watchlists/reload', ['supervisor']],
    ['POST', '/v1/watchlists/x', ['supervisor']],
    ['GET', '/v1/watchlists/search?surname=X', ['officer', 'supervisor']],
    ['GET', '/v1/rules', ['supervisor']],
    ['POST', '/v1/rules/reload', ['supervisor']],
    ['GET', '/v1/rules/performance', ['supervisor']],
    ['GET', '/v1/audit', ['auditor']],
    ['GET', '/v1/audit/export', ['auditor']],
    ['GET', '/v1/journeys/x', ['officer', 'supervisor']],
    ['GET', '/v1/travellers/search?name=SMITH', ['officer', 'supervisor']],
    ['GET', '/v1/suppressions', ['supervisor']],
    ['POST', '/v1/suppressions/x/revoke', ['supervisor']],
  ];
  const tokens: Record<string, string> = {
    carrier: TOKENS.carrierBA,
    officer: TOKENS.officer,
    supervisor: TOKENS.supervisor,
    auditor: TOKENS.auditor,
  };
  it('covers every route the app registers, as each declares its roles (a new route cannot be left out)', () => {
    // Open by design: health, metrics and docs (behind the operations token), the page, the sign-in.
    const open = (method: string, url: string) =>
      ['/healthz', '/readyz', '/metrics', '/v1/session', '/'].includes(url) ||
      url.startsWith('/docs') ||
      url.startsWith('/review') ||
      url.startsWith('/test/');
    const shape = (path: string) => path.replace(/:[^/]+/g, 'x').replace(/\?.*$/, '');
    const expected = new Map(routes.map(([m, u, roles]) => [`${m} ${u.replace(/\?.*$/, '')}`, roles]));
    const declared = t.app.accessTable.filter((r) => !open(r.method, r.url));
    expect(declared.filter((r) => !r.roles).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const actual = new Map(declared.map((r) => [`${r.method} ${shape(r.url)}`, [...(r.roles ?? [])]]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });
  for (const [method, url, allowed] of routes) {
    it(`${method} ${url}: 401 without a token, 403 for ${
      Object.keys(tokens)
        .filter((r) => !allowed.includes(r))
        .join(', ') || 'nobody'
    }`, async () => {
      expect((await t.app.inject({ method: method as 'GET', url })).statusCode).toBe(401);
      for (const [role, token] of Object.entries(tokens)) {
        const res = await t.app.inject({ method: method as 'GET', url, headers: bearer(token) });
        if (allowed.includes(role)) expect([401, 403]).not.toContain(res.statusCode);
        else expect(res.statusCode).toBe(403);
      }
    });
  }
});

describe('dispositions', () => {
  it('claim → another officer is refused → dispose with a note → supervisor reopens; every change kept', async () => {
    const id = (alerts[0] as Alert).id;
    const claimed = await post(`/v1/alerts/${id}/claim`, TOKENS.officer);
    expect(claimed.json()).toMatchObject({ status: 'in-review', claimedBy: 'demo-officer' });
    const other = await post(`/v1/alerts/${id}/disposition`, TOKENS.supervisor, {
      outcome: 'no-concern',
      note: 'looks fine',
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('ALERT_CLAIMED');
    const noNote = await post(`/v1/alerts/${id}/disposition`, TOKENS.officer, { outcome: 'false-match', note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().issues[0].path).toBe('note');
    const done = await post(`/v1/alerts/${id}/disposition`, TOKENS.officer, {
      outcome: 'false-match',
      note: 'different date of birth on the passport',
    });
    expect(done.json()).toMatchObject({ status: 'closed', outcome: 'false-match', claimedBy: null });
    expect((await post(`/v1/alerts/${id}/reopen`, TOKENS.officer, { note: 'second look' })).statusCode).toBe(403);
    const reopened = await post(`/v1/alerts/${id}/reopen`, TOKENS.supervisor, { note: 'second look' });
    expect(reopened.json()).toMatchObject({ status: 'open', outcome: null });
    expect(reopened.json().events.map((e: { action: string }) => e.action)).toEqual(['claim', 'dispose', 'reopen']);
    // Four eyes: the supervisor who reopened it may not decide it; another officer may.
    const own = await post(`/v1/alerts/${id}/disposition`, TOKENS.supervisor, {
      outcome: 'no-concern',
      note: 'my own second look',
    });
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('FOUR_EYES');
    expect(
      (
        await post(`/v1/alerts/${id}/disposition`, TOKENS.officer, {
          outcome: 'no-concern',
          note: 'second look by another officer',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('a supervisor releases a claim: the alert is back in the queue for anyone', async () => {
    const id = (alerts[2] as Alert).id;
    expect((await post(`/v1/alerts/${id}/claim`, TOKENS.officer)).statusCode).toBe(200);
    expect((await post(`/v1/alerts/${id}/release`, TOKENS.officer, { note: 'not mine to release' })).statusCode).toBe(
      403,
    );
    const released = await post(`/v1/alerts/${id}/release`, TOKENS.supervisor, { note: 'officer off shift' });
    expect(released.json()).toMatchObject({ status: 'open', claimedBy: null });
    expect((await post(`/v1/alerts/${id}/claim`, TOKENS.supervisor)).json()).toMatchObject({
      status: 'in-review',
      claimedBy: 'demo-supervisor',
    });
    // Back to the queue for the tests that follow.
    expect((await post(`/v1/alerts/${id}/release`, TOKENS.supervisor, { note: 'done looking' })).json()).toMatchObject({
      status: 'open',
    });
  });

  it('records a disposition in one step from open, and counts it for rule performance', async () => {
    const child = alerts.find((a) => a.reasons.some((r) => r.type === 'rule')) as Alert;
    const done = await post(`/v1/alerts/${child.id}/disposition`, TOKENS.officer, {
      outcome: 'safeguarding-referral',
      note: 'referred to the duty social worker',
    });
    expect(done.statusCode).toBe(200);
    const perf = (await t.app.inject({ url: '/v1/rules/performance', headers: bearer(TOKENS.supervisor) })).json();
    expect(perf.rules.find((r: { ruleId: string }) => r.ruleId === 'minor-with-unrelated-adults')).toMatchObject({
      alerts: 1,
      disposed: 1,
      confirmedShare: 1,
    });
  });
});

describe('audit', () => {
  it('records who viewed and decided what, and lets an auditor filter it', async () => {
    await t.app.inject({ url: `/v1/alerts/${(alerts[1] as Alert).id}`, headers: bearer(TOKENS.officer) });
    const log = (
      await t.app.inject({ url: '/v1/audit?principal=demo-officer&action=alert.view', headers: bearer(TOKENS.auditor) })
    ).json();
    expect(log.items[0]).toMatchObject({
      principal: 'demo-officer',
      role: 'officer',
      action: 'alert.view',
      target: (alerts[1] as Alert).id,
    });
    const decisions = (
      await t.app.inject({ url: '/v1/audit?action=alert.dispose', headers: bearer(TOKENS.auditor) })
    ).json();
    expect(decisions.items.map((e: { purpose: string }) => e.purpose).sort()).toEqual([
      'false-match',
      'no-concern',
      'safeguarding-referral',
    ]);
  });
});

describe('review sign-in', () => {
  const signIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/v1/session', payload: { username, password } });

  it('signs in with a password, sets an HttpOnly SameSite cookie and demands the CSRF token for changes', async () => {
    const res = await signIn('officer', 'officer-demo-pass');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'paxscreen_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const jar = { cookie: `paxscreen_session=${cookie?.value}` };
    expect((await t.app.inject({ url: '/v1/alerts', headers: jar })).statusCode).toBe(200);
    const id = (alerts.find((a) => a.travellerRef === 'P007') as Alert).id;
    const noCsrf = await t.app.inject({ method: 'POST', url: `/v1/alerts/${id}/claim`, headers: jar });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF');
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: `/v1/alerts/${id}/claim`,
      headers: { ...jar, 'x-csrf-token': res.json().csrfToken },
    });
    expect(withCsrf.statusCode).toBe(200);
  });

  it('slows a username down after repeated failures (a wait, not a lock-out), and says nothing about which part was wrong', async () => {
    for (let i = 0; i < 3; i++)
      expect((await signIn('auditor', 'wrong-password')).json().code).toBe('INVALID_CREDENTIALS');
    const delayed = await signIn('auditor', 'auditor-demo-pass');
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json().code).toBe('SIGN_IN_DELAYED');
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The wait is a second after the third failure: then the right password gets in.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await signIn('auditor', 'auditor-demo-pass')).statusCode).toBe(200);
    expect((await signIn('nobody', 'x')).json().code).toBe('INVALID_CREDENTIALS');
  });

  it('has no way in for carriers', async () => {
    expect((await signIn('carrier', 'anything')).statusCode).toBe(401);
  });
});
