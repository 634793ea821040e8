import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/contracts/alert.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';

const rulesDir = mkdtempSync(join(tmpdir(), 'paxscreen-rules-'));
cpSync(new URL('../../rules', import.meta.url).pathname, rulesDir, { recursive: true });

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PAXSCREEN_RULES_DIR: rulesDir });
});
afterAll(async () => {
  await t.close();
  rmSync(rulesDir, { recursive: true, force: true });
});

const scenario = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/scenarios/${file}`, import.meta.url), 'utf8')) as {
    journeys: Array<{ journey: { carrier: string } }>;
  };

describe('history rules through the service and the store', () => {
  it('flags a repeat escort on the third journey with the earlier journeys as facts', async () => {
    const { journeys } = scenario('04-repeat-escort.json');
    for (const m of journeys) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/manifests',
        headers: bearer(TOKENS.carrierXF),
        payload: m,
      });
      expect(res.statusCode).toBe(200);
      // A trafficking indicator never changes what the carrier is told.
      for (const d of res.json().directives) expect(d.directive).toBe('OK_TO_BOARD');
    }
    const items = (await t.app.inject({ url: '/v1/alerts?limit=200', headers: bearer(TOKENS.officer) })).json()
      .items as Alert[];
    const escort = items.find(
      (a) => a.travellerRef === 'A1' && a.reasons.some((r) => r.type === 'rule' && r.ruleId === 'repeat-escort'),
    );
    expect(escort).toBeDefined();
    const reason = escort?.reasons.find((r) => r.type === 'rule' && r.ruleId === 'repeat-escort');
    if (reason?.type !== 'rule') throw new Error('expected a rule reason');
    expect(reason.score).toBe(80);
    expect((reason.facts['journeys'] as Array<{ date: string }>).map((j) => j.date).sort()).toEqual([
      '2026-09-01',
      '2026-10-01',
      '2026-11-20',
    ]);
    expect((reason.facts['unrelatedMinors'] as Array<{ ref: string }>).map((m) => m.ref).sort()).toEqual([
      'M1',
      'M2',
      'M3',
    ]);
    expect(escort?.priority).toBe('high');
  });
});

describe('rule reload', () => {
  it('refuses a bad rule file whole, names it, and keeps the previous set', async () => {
    const before = (await t.app.inject({ url: '/v1/rules', headers: bearer(TOKENS.supervisor) })).json();
    writeFileSync(
      join(rulesDir, 'zz-bad.json'),
      JSON.stringify({
        id: 'bad-rule',
        title: 'Scores nationality',
        rationale: 'this rule tries to score nationality',
        kind: 'minor-alone',
        score: 10,
        params: { nationality: 'XXX' },
      }),
    );
    const res = await t.app.inject({ method: 'POST', url: '/v1/rules/reload', headers: bearer(TOKENS.supervisor) });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('RULES_REFUSED');
    expect(
      res
        .json()
        .issues.map((i: { message: string }) => i.message)
        .join('\n'),
    ).toMatch(/zz-bad\.json: rule bad-rule: params/);
    const after = (await t.app.inject({ url: '/v1/rules', headers: bearer(TOKENS.supervisor) })).json();
    expect(after.status.version).toBe(before.status.version);
    expect(after.rules.length).toBe(12);
  });

  it('is for supervisors only', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/rules/reload', headers: bearer(TOKENS.officer) })).statusCode,
    ).toBe(403);
  });
});

describe('retention', () => {
  it('forgets earlier journeys past the window, so history rules no longer see them', async () => {
    const before = await t.store.travelHistory({
      since: '2000-01-01T00:00:00Z',
      before: '2100-01-01T00:00:00Z',
      identities: [],
      documentKeys: ['GBR:ESC1'],
      payerKeys: [],
      contactKeys: [],
      guardianKeys: [],
    });
    expect(before.length).toBeGreaterThan(0);
    const removed = await t.store.purgeHistoryBefore('2026-10-15T00:00:00Z');
    expect(removed).toBeGreaterThan(0);
    const after = await t.store.travelHistory({
      since: '2000-01-01T00:00:00Z',
      before: '2100-01-01T00:00:00Z',
      identities: [],
      documentKeys: ['GBR:ESC1'],
      payerKeys: [],
      contactKeys: [],
      guardianKeys: [],
    });
    expect([...new Set(after.map((r) => r.departureAt.slice(0, 10)))]).toEqual(['2026-11-20']);
  });
});
