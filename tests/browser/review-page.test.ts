import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { sampleManifest } from '../helpers/manifests.ts';

// Debian's Chromium (installed by .ci/run); no browser is downloaded.
const CHROMIUM = process.env.PAXSCREEN_CHROMIUM ?? '/usr/bin/chromium';
const OUTPUT = new URL('../output/', import.meta.url).pathname;

/** The page's document, for functions Playwright runs in the page (passed as functions, not strings: the CSP forbids eval). */
type PageGlobal = { document: { querySelector(s: string): { textContent: string | null } | null } };

// CI installs Chromium and must run these; a developer without it is told how to get it.
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) console.warn(`browser tests skipped: no ${CHROMIUM} (apt-get install chromium)`);

let t: TestApp;
let url: string;
let browser: Browser;
beforeAll(async () => {
  if (!available && !process.env.CI) return;
  mkdirSync(OUTPUT, { recursive: true });
  t = await startTestApp();
  await t.app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: sampleManifest() });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${url}/review`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('#sign-in-form button[type=submit]');
}

describe.skipIf(!available && !process.env.CI)('the officer review page', () => {
  it('signs in, opens the top alert, shows its reasons, records a decision and the queue changes', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, 'officer', 'officer-demo-pass');
    await page.waitForSelector('#queue tbody tr[data-id]');
    const counts = await page.textContent('#counts');
    expect(counts).toMatch(/^4 open/);
    await page.screenshot({ path: `${OUTPUT}review-queue.png`, fullPage: true });

    // Keyboard: the first row is selected; Enter opens it.
    await page.focus('#queue tbody tr:nth-child(1)');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#alert-view:not([hidden]) .reason');
    const reasons = await page.textContent('#alert');
    expect(reasons).toMatch(/Watch-list match: demo \/ DEMO-0005/);
    expect(reasons).toMatch(/Travel document number matches a listed document/);
    // Every component of the score is shown (issue 14): the name's share and the date's points.
    expect(reasons).toMatch(/Score 100 = name [\d.]+ · date of birth [+-]?\d+/);
    await page.screenshot({ path: `${OUTPUT}review-alert.png`, fullPage: true });

    await page.selectOption('select[name=outcome]', 'refused-entry');
    await page.fill('textarea[name=note]', 'Passport reported stolen; holder interviewed.');
    await page.click('#decide button[type=submit]');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobal).document.querySelector('#counts')?.textContent ?? '').startsWith('3 open'));
    expect(await page.textContent('#counts')).toMatch(/3 open · 0 in review · 1 closed/);
    await page.close();
  });

  it('shows a rule alert with its facts and co-travellers', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, 'supervisor', 'supervisor-demo-pass');
    await page.waitForSelector('#queue tbody tr[data-id]');
    const rows = await page.$$eval('#queue tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    const i = rows.findIndex((r) => r.includes('ROSSETTI'));
    await page.click(`#queue tbody tr:nth-child(${i + 1})`);
    await page.waitForSelector('#alert-view:not([hidden]) .reason.rule');
    const text = await page.textContent('#alert');
    expect(text).toMatch(/Rule: A minor travelling with adults, none of them plausibly family/);
    expect(text).toMatch(/DOYLE/);
    expect(text).toMatch(/P004: DOYLE, MARTIN/);
    await page.waitForSelector('#performance svg');
    await page.close();
  });

  it('has no way in for a carrier principal', async () => {
    const page = await browser.newPage();
    await signIn(page, 'carrier', 'dev-carrier-BA-0123456789');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobal).document.querySelector('#sign-in-error')?.textContent ?? '').length > 0);
    expect(await page.isHidden('#queue-view')).toBe(true);
    // And the API behind the page refuses the carrier's token.
    const status = await page.evaluate(async (token) => (await fetch('/v1/alerts', { headers: { authorization: `Bearer ${token}` } })).status, TOKENS.carrierBA);
    expect(status).toBe(403);
    await page.close();
  });
});
