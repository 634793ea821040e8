/**
 * The officer workstation in Chromium (issue 16), with the page's CSP enforced: each view works as
 * an officer, a supervisor and an auditor use it, fits 800 px, works from the keyboard, and passes
 * axe-core with no serious or critical violation. Screenshots of each view go to tests/output/ (or
 * PAXSCREEN_SCREENSHOTS: `npm run screenshots` refreshes docs/screenshots/).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, sampleManifest, traveller } from '../helpers/manifests.ts';
import { pnrgovMessage } from '../helpers/pnrgov.ts';

// Debian's Chromium (installed by .ci/run); no browser is downloaded.
const CHROMIUM = process.env.PAXSCREEN_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.PAXSCREEN_SCREENSHOTS ?? new URL('../output/', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** What functions run in the page see (passed as functions, not strings: the CSP forbids eval). */
type PageWindow = {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    activeElement: { closest(s: string): { getAttribute(n: string): string | null } | null } | null;
    querySelectorAll(s: string): ArrayLike<{ scrollWidth: number; clientWidth: number; id: string; className: string }>;
  };
  axe: {
    run(o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
  };
};

// CI installs Chromium and must run these; a developer without it is told how to get it.
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) console.warn(`browser tests skipped: no ${CHROMIUM} (apt-get install chromium)`);

let t: TestApp;
let url: string;
let browser: Browser;
beforeAll(async () => {
  if (!available && !process.env.CI) return;
  mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp();
  await t.app.inject({
    method: 'POST',
    url: '/v1/manifests',
    headers: bearer(TOKENS.carrierBA),
    payload: sampleManifest(),
  });
  // The same flight's booking (PNR) for DOYLE and ROSSETTI: shown beside the passenger data.
  const pnr = pnrgovMessage({
    ref: 'UI-PNR-1',
    carrier: 'BA',
    flight: '0123',
    from: 'FRA',
    to: 'LHR',
    date: '011226',
    time: '1030',
    bookings: [
      {
        locator: 'GHI789',
        created: '301126:2300',
        payment: 'CA',
        travellers: [
          { surname: 'DOYLE', given: 'MARTIN', dob: '24DEC71', passport: 'PX1234567', nationality: 'IRL' },
          {
            surname: 'ROSSETTI',
            given: 'GIULIA',
            type: 'C',
            dob: '11FEB13',
            passport: 'YA0012345',
            nationality: 'ITA',
          },
        ],
      },
    ],
  });
  await t.app.inject({
    method: 'POST',
    url: '/v1/bookings',
    headers: { ...bearer(TOKENS.carrierBA), 'content-type': 'application/edifact' },
    payload: pnr,
  });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const USERS = {
  officer: 'officer-demo-pass',
  supervisor: 'supervisor-demo-pass',
  auditor: 'auditor-demo-pass',
} as const;

async function signIn(role: keyof typeof USERS, width = 1400): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  // axe-core is served to the page from its own origin, so the CSP stays as strict as in production.
  await page.route('**/__test__/axe.js', (r) => r.fulfill({ contentType: 'text/javascript', body: AXE }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${url}/review`);
  await page.fill('input[name=username]', role);
  await page.fill('input[name=password]', USERS[role]);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#who:not([hidden])');
  return page;
}

const pageErrors = (page: Page) =>
  (page as Page & { errors: string[] }).errors.filter((e) => !/status of 40[0-9]/.test(e));

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: '/__test__/axe.js' });
  const result = await page.evaluate(() =>
    (globalThis as unknown as PageWindow).axe.run({ resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Nothing wider than the window: neither the page nor any table inside its frame. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as PageWindow).document;
    const out: string[] = [];
    if (d.documentElement.scrollWidth > d.documentElement.clientWidth)
      out.push(`page ${d.documentElement.scrollWidth} > ${d.documentElement.clientWidth}`);
    for (const w of Array.from(d.querySelectorAll('.table-wrap')))
      if (w.scrollWidth > w.clientWidth + 1) out.push(`table in ${w.className} ${w.scrollWidth} > ${w.clientWidth}`);
    return out;
  });
}

async function openAlertOf(page: Page, surname: string) {
  await page.waitForSelector('#queue tbody tr[data-id]');
  await page.click(`#queue tbody tr:has-text("${surname}") a`);
  await page.waitForSelector('#alert-view:not([hidden]) .reason');
}

describe.skipIf(!available && !process.env.CI)('the officer workstation', () => {
  it('a rule alert reads in words, on the port clock, with nothing raw; keyboard opens it; axe-clean at 1400 and 800 px', async () => {
    const page = await signIn('officer');
    await page.waitForSelector('#queue tbody tr[data-id]');
    expect(await page.textContent('#counts')).toMatch(/^4 open/);
    expect(await page.textContent('#queue thead')).toMatch(/Carrier told.*Arrives \(local\).*Time left/s);
    await page.screenshot({ path: `${SHOTS}queue.png`, fullPage: true });
    // Keyboard alone: j moves the selection, Enter opens.
    await page.evaluate(() =>
      (
        globalThis as unknown as { document: { activeElement: { blur(): void } | null } }
      ).document.activeElement?.blur(),
    );
    const rows = await page.$$eval('#queue tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    for (let i = 0; i < rows.findIndex((r) => r.includes('ROSSETTI')); i++) await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#alert-view:not([hidden]) .reason.rule');
    const text = (await page.textContent('#alert')) ?? '';
    expect(text).toMatch(/Booked before departure\s*11\.5 hours/);
    expect(text).toMatch(/Booked at\s*30 Nov 2026, 23:00 UTC\+1/);
    expect(text).toMatch(/arrives 1 Dec 2026, 10:45 UTC\+0/);
    // The booking beside the passenger data, and how they were linked.
    expect(text).toMatch(/Booking GHI789\s*linked by the travel document number/);
    expect(text).toMatch(/Payment\s*cash/);
    expect(text).not.toMatch(ISO_TIME);
    for (const raw of ['hoursBefore', 'bookedAt', 'companionsFrom', 'travelDate', 'otherTravellersOnBooking'])
      expect(text).not.toContain(raw);
    expect(page.url()).toMatch(/[?&]alert=/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}alert-rule.png`, fullPage: true });
    await page.setViewportSize({ width: 800, height: 1000 });
    expect(await overflow(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}alert-rule-800.png`, fullPage: true });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('shows the listed record beside the traveller, the matching words marked; links to the flight and back', async () => {
    const page = await signIn('officer');
    await openAlertOf(page, 'MUELLER');
    const compare = (await page.textContent('table.compare')) ?? '';
    expect(compare).toMatch(/MÜLLER, JÜRGEN KARL/);
    expect(compare).toMatch(/European arrest warrant \(fictional\)/);
    expect(compare).toMatch(/Date of birth\s*1968-05-02\s*1968/);
    expect(await page.$$eval('table.compare mark', (ms) => ms.map((m) => m.textContent))).toEqual(
      expect.arrayContaining(['MUELLER', 'MÜLLER']),
    );
    expect(await page.textContent('#alert')).toMatch(/Carrier told: Contact authority/);
    await page.screenshot({ path: `${SHOTS}alert-watchlist.png`, fullPage: true });

    await page.click('#alert a:has-text("BA 0123")'.replace('BA 0123', 'BA BA0123'));
    await page.waitForSelector('#journey-view:not([hidden]) table.travellers');
    const flight = (await page.textContent('#journey-view')) ?? '';
    expect(flight).toMatch(/8 travellers · 4 with an alert/);
    expect(flight).toMatch(/SMITH, ANNA/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}journey.png`, fullPage: true });
    await page.setViewportSize({ width: 800, height: 1000 });
    expect(await overflow(page)).toEqual([]);
    // Back from the flight to an alert on it.
    await page.click('table.travellers tr:has-text("ROSSETTI") td:last-child a');
    await page.waitForSelector('#alert-view:not([hidden]) .reason.rule');
    expect(await page.textContent('#alert-title')).toBe('ROSSETTI, GIULIA');
    await page.goBack();
    await page.waitForSelector('#journey-view:not([hidden])');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('search by surname finds a traveller who raised nothing', async () => {
    const page = await signIn('officer', 800);
    await page.waitForSelector('#queue tbody tr[data-id]');
    await page.keyboard.press('/');
    await page.waitForSelector('#search-view:not([hidden])');
    await page.fill('#search-form [name=name]', 'SMYTH');
    await page.press('#search-form [name=name]', 'Enter');
    await page.waitForSelector('#search-results table');
    const found = (await page.textContent('#search-results')) ?? '';
    expect(found).toMatch(/SMITH, ANNA/);
    expect(found).toMatch(/SMITH, OLIVER/);
    expect(page.url()).toMatch(/name=SMYTH/);
    expect(await overflow(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}search.png`, fullPage: true });
    await page.close();
  });

  it('an idle page writes no audit rows; a refresh keeps the selection and the focus; filters stay in the address', async () => {
    const page = await signIn('officer');
    await page.waitForSelector('#queue tbody tr[data-id]');
    const before = (await t.store.listAudit({ limit: 500 })).items.length;
    await page.focus('#queue tbody tr:nth-child(2) a');
    const focused = await page.evaluate(() =>
      (globalThis as unknown as PageWindow).document.activeElement?.closest('tr')?.getAttribute('data-id'),
    );
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('r');
      await page.waitForLoadState('networkidle');
    }
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageWindow).document.activeElement?.closest('tr')?.getAttribute('data-id'),
      ),
    ).toBe(focused);
    expect((await t.store.listAudit({ limit: 500 })).items.length).toBe(before);
    await page.selectOption('#filters select[name=status]', 'closed');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/status=closed/);
    await page.reload();
    await page.waitForSelector('#queue tbody tr');
    expect(await page.inputValue('#filters select[name=status]')).toBe('closed');
    await page.close();
  });

  it('the decision form preselects nothing, claims on start, needs an outcome and a note; a false match carries forward for that passport only', async () => {
    const page = await signIn('officer');
    await openAlertOf(page, 'MUELLER');
    expect(await page.inputValue('#decide select[name=outcome]')).toBe('');
    await page.click('#decide button[type=submit]');
    expect(await page.textContent('#decide-error')).toMatch(/outcome: choose one/);
    await page.waitForFunction(() =>
      /You are reviewing/.test(
        String(
          (
            globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }
          ).document.querySelector('#claim-state').textContent,
        ),
      ),
    );
    await page.selectOption('#decide select[name=outcome]', 'false-match');
    expect(await page.isVisible('#false-match-hint')).toBe(true);
    await page.fill('#decide textarea[name=note]', 'Different man: passport photo and date of birth checked.');
    await page.click('#decide button[type=submit]');
    await page.waitForURL((u) => !u.searchParams.has('alert'));
    await page.waitForFunction(() =>
      /^3 open/.test(
        String(
          (
            globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }
          ).document.querySelector('#counts').textContent,
        ),
      ),
    );

    // The same man a week later, and a namesake with another passport.
    const mueller = (ref: string, number: string) =>
      traveller({
        ref,
        surname: 'MUELLER',
        givenNames: 'JURGEN',
        dateOfBirth: '1968-05-02',
        nationality: 'DEU',
        documents: [{ type: 'P', number, issuingCountry: 'DEU' }],
      });
    const next = manifest([mueller('R1', 'C01X00T47'), mueller('R2', 'C99Y00Z11')], {
      journey: {
        mode: 'air',
        carrier: 'BA',
        serviceNumber: 'BA0907',
        departure: { port: 'MUC', country: 'DEU', scheduled: '2026-12-08T09:00:00Z' },
        arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-08T10:30:00Z' },
      },
    });
    await t.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: next });
    await page.keyboard.press('r');
    await page.waitForFunction(() =>
      /^4 open/.test(
        String(
          (
            globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }
          ).document.querySelector('#counts').textContent,
        ),
      ),
    );
    const queue = (await page.textContent('#queue tbody')) ?? '';
    expect(queue.match(/BA0907/g)).toHaveLength(1);
    await page.close();

    // The supervisor sees the suppression, the record it set aside, and can revoke it.
    const sup = await signIn('supervisor');
    await sup.click('#nav a[data-view=supervision]');
    await sup.waitForSelector('#suppressions table');
    expect(await sup.textContent('#suppressions')).toMatch(/demo \/ DEMO-0002\s*C01X00T47, born 1968-05-02/);
    const perf = (await sup.textContent('#performance')) ?? '';
    expect(perf).toMatch(/0 alerts/);
    expect(perf).not.toMatch(/1 alerts/);
    expect(await axe(sup)).toEqual([]);
    await sup.screenshot({ path: `${SHOTS}supervision.png`, fullPage: true });
    await sup.setViewportSize({ width: 800, height: 1000 });
    expect(await overflow(sup)).toEqual([]);
    await sup.goto(`${url}/review?status=suppressed`);
    await sup.waitForSelector('#queue tbody tr[data-id]');
    expect(await sup.textContent('#queue tbody')).toMatch(/MUELLER, JURGEN.*BA0907.*suppressed/);
    expect(pageErrors(sup)).toEqual([]);
    await sup.close();
  });

  it('the auditor pages and filters the log, reads travellers in words, and exports CSV', async () => {
    const page = await signIn('auditor');
    await page.waitForSelector('#audit tbody tr');
    const text = (await page.textContent('#audit')) ?? '';
    expect(text).toMatch(/alert\.view/);
    expect(text).toMatch(/MUELLER, JURGEN \(BA BA0123 arriving/);
    await page.fill('#audit-filters [name=action]', 'alert.dispose');
    await page.click('#audit-filters button[type=submit]');
    await page.waitForURL(/action=alert.dispose/);
    await page.waitForFunction(() =>
      Array.from(
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string }> } }
        ).document.querySelectorAll('#audit tbody tr'),
      ).every((r) => r.textContent.includes('alert.dispose')),
    );
    expect(await page.getAttribute('#audit-export', 'href')).toBe('/v1/audit/export?action=alert.dispose');
    const csv = await page.evaluate(async () => (await fetch('/v1/audit/export?action=alert.dispose')).text());
    expect(csv.split('\n')[0]).toBe('id,at,principal,role,action,target,purpose,target in words');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}audit.png`, fullPage: true });
    await page.setViewportSize({ width: 800, height: 1000 });
    expect(await overflow(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('the accessibility check itself fails on a known violation (so a clean result means something)', async () => {
    const page = await signIn('officer');
    await page.waitForSelector('#queue tbody tr[data-id]');
    await page.evaluate(() => {
      const d = (
        globalThis as unknown as {
          document: {
            createElement(t: string): { setAttribute(k: string, v: string): void };
            querySelector(s: string): { append(n: unknown): void };
          };
        }
      ).document;
      const b = d.createElement('button');
      d.querySelector('#queue-view').append(b);
    });
    expect((await axe(page)).some((v) => v.startsWith('button-name'))).toBe(true);
    await page.close();
  });

  it('has no way in for a carrier principal', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/review`);
    await page.fill('input[name=username]', 'carrier');
    await page.fill('input[name=password]', 'dev-carrier-BA-0123456789');
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForFunction(
      () =>
        String(
          (
            globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }
          ).document.querySelector('#sign-in-error').textContent,
        ).length > 0,
    );
    expect(await page.isHidden('#queue-view')).toBe(true);
    const status = await page.evaluate(
      async (token) => (await fetch('/v1/alerts', { headers: { authorization: `Bearer ${token}` } })).status,
      TOKENS.carrierBA,
    );
    expect(status).toBe(403);
    await page.close();
  });
});
