import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

const run = promisify(execFile);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const csv = readFileSync(new URL('../fixtures/gtas/wl-NS.csv', import.meta.url), 'utf8');

function upload(name: string, body: string, type: string, token = TOKENS.supervisor, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/v1/watchlists/${name}${query}`,
    headers: { ...bearer(token), 'content-type': type },
    payload: body,
  });
}

describe('watch-list upload and hot reload', () => {
  it('replaces a stored list from CSV and screens against it at once', async () => {
    const before = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: manifest([traveller({ ref: 'W1', surname: 'BENSON', givenNames: 'RYAN', dateOfBirth: '1975-11-10' })]),
    });
    expect(before.json().directives[0].directive).toBe('OK_TO_BOARD');

    const res = await upload('gtas-ns', csv, 'text/csv', TOKENS.supervisor, '?category=wanted&action=REFER');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      list: { name: 'gtas-ns', version: 1, entries: 7 },
      imported: 7,
      skippedCount: 0,
      index: { ready: true },
    });

    const after = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: manifest([traveller({ ref: 'W1', surname: 'BENSON', givenNames: 'RYAN', dateOfBirth: '1975-11-10' })]),
    });
    expect(after.json().directives[0].directive).toBe('CONTACT_AUTHORITY');

    // 7 → 2 entries: more than the 10% a list may shrink by; refused, the list in force keeps matching.
    const shrunk = await upload('gtas-ns', csv.split('\n').slice(0, 3).join('\n'), 'text/csv');
    expect(shrunk.statusCode).toBe(422);
    expect(shrunk.json()).toMatchObject({ code: 'LIST_REFUSED' });
    expect(shrunk.json().message).toMatch(/shrink from 7 to 2/);
    const still = await t.app.inject({
      method: 'POST',
      url: '/v1/manifests',
      headers: bearer(TOKENS.carrierBA),
      payload: manifest([traveller({ ref: 'W1', surname: 'BENSON', givenNames: 'RYAN', dateOfBirth: '1975-11-10' })]),
    });
    expect(still.json().directives[0].directive).toBe('CONTACT_AUTHORITY');

    const forced = await upload(
      'gtas-ns',
      csv.split('\n').slice(0, 3).join('\n'),
      'text/csv',
      TOKENS.supervisor,
      '?force=true',
    );
    expect(forced.statusCode).toBe(200);
    expect(forced.json().list).toMatchObject({ version: 2, entries: 2 });
    const audit = (
      await t.app.inject({ url: '/v1/audit?action=watchlist.replace.forced', headers: bearer(TOKENS.auditor) })
    ).json();
    expect(audit.items[0]).toMatchObject({ action: 'watchlist.replace.forced', target: 'gtas-ns@2' });
  });

  it('accepts native JSON lines and reports skipped lines', async () => {
    const body = [
      JSON.stringify({
        id: 'J1',
        list: 'ignored',
        category: 'missing-person',
        action: 'MONITOR',
        names: [{ surname: 'QUILLFEATHER', givenNames: 'ODETTE' }],
        dateOfBirth: '2012-04-04',
      }),
      '{"broken":',
    ].join('\n');
    // One line in two skipped: far more than the 1% allowed.
    const refused = await upload('missing', body, 'application/x-ndjson');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/1 of 2 records skipped/);
    const res = await upload('missing', body, 'application/x-ndjson', TOKENS.supervisor, '?force=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      imported: 1,
      skippedCount: 1,
      skipped: [{ line: 2, reason: 'not valid JSON' }],
    });
  });

  it('refuses an upload with no valid entry and keeps the stored list', async () => {
    const res = await upload('missing', 'garbage\nmore garbage', 'application/x-ndjson');
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: 'line 1' });
    const lists = (await t.app.inject({ url: '/v1/watchlists', headers: bearer(TOKENS.supervisor) })).json();
    expect(lists.stored.find((l: { name: string }) => l.name === 'missing')).toMatchObject({ entries: 1, version: 1 });
  });

  it('is for supervisors only, and only in list formats', async () => {
    expect((await upload('x', csv, 'text/csv', TOKENS.officer)).statusCode).toBe(403);
    expect((await upload('x', csv, 'text/csv', TOKENS.carrierBA)).statusCode).toBe(403);
    expect((await upload('Bad Name', csv, 'text/csv')).statusCode).toBe(400);
    const wrongType = await upload('x', '{}', 'application/json');
    expect(wrongType.statusCode).toBe(415);
  });
});

describe('GET /v1/watchlists/search', () => {
  it('ranks candidates with scores and explanations', async () => {
    const res = await t.app.inject({
      url: '/v1/watchlists/search?surname=OKONKOW&givenNames=EMEKA&dateOfBirth=1985-03-11',
      headers: bearer(TOKENS.officer),
    });
    expect(res.statusCode).toBe(200);
    const [top] = res.json().items;
    expect(top).toMatchObject({
      entryId: 'DEMO-0003',
      category: 'suspected-trafficker',
      explanation: { dateOfBirth: 'exact' },
    });
    expect(top.score).toBeGreaterThan(75);
    expect(top.explanation.summary).toMatch(/OKONKWO ≈ OKONKOW/);
  });

  it('validates its query and is not for carriers', async () => {
    expect(
      (await t.app.inject({ url: '/v1/watchlists/search', headers: bearer(TOKENS.officer) })).json().issues[0].path,
    ).toBe('querystring.surname');
    expect(
      (
        await t.app.inject({
          url: '/v1/watchlists/search?surname=X&dateOfBirth=1990-02-31',
          headers: bearer(TOKENS.officer),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ url: '/v1/watchlists/search?surname=X', headers: bearer(TOKENS.carrierBA) })).statusCode,
    ).toBe(403);
  });
});

describe('CLI import-list', () => {
  it('imports the OFAC SDN trio into the store with a summary', async () => {
    const cli = new URL('../../src/cli/paxscreen.ts', import.meta.url).pathname;
    const { stdout } = await run(
      process.execPath,
      [
        cli,
        'import-list',
        '--format',
        'ofac-sdn',
        '--name',
        'ofac-sdn',
        new URL('../fixtures/ofac-sdn', import.meta.url).pathname,
      ],
      {
        // The same store as the service: its data folder, or its PostgreSQL database.
        env: {
          ...process.env,
          PAXSCREEN_DATA_DIR: t.dir,
          ...(t.runtime.config.databaseUrl
            ? {
                PAXSCREEN_DATABASE_URL: t.runtime.config.databaseUrl,
                PAXSCREEN_AUDIT_KEY: t.runtime.config.auditKey as string,
              }
            : {}),
        },
      },
    );
    expect(stdout).toMatch(/entries\s+5/);
    expect(stdout).toMatch(/skipped\s+0/);
    const lists = await t.store.listWatchlists();
    expect(lists.find((l) => l.name === 'ofac-sdn')).toMatchObject({ entries: 5, importedBy: 'cli' });
    await t.runtime.watchlists.reload('test');
    const res = await t.app.inject({
      url: '/v1/watchlists/search?surname=AL-ZAWAHIRI&givenNames=AYMAN',
      headers: bearer(TOKENS.officer),
    });
    expect(res.json().items[0]).toMatchObject({ entryId: 'SDN-2676', list: 'ofac-sdn', category: 'wanted' });
  });
});

describe('a CSV upload with malformed lines', () => {
  it('answers 400 naming the lines, never a 500, and keeps the stored list', async () => {
    const res = await upload(
      'broken-csv',
      'firstname,lastname,dob\nANNA,"SMI"TH",1980-01-01\nMARY,"UNCLOSED,1960-01-01\n',
      'text/csv',
      TOKENS.supervisor,
      '?category=wanted&action=REFER',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'line 2', message: expect.stringMatching(/not valid CSV/) }),
      ]),
    );
  });
});
