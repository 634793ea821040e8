/** The paxscreen command line: help for everything, unknown options named, bad values refused (exit 2). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../src/cli/paxscreen.ts', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PAXSCREEN_LOG_LEVEL: 'silent' },
    input: '',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('paxscreen CLI', () => {
  it('--help lists every command; <command> --help gives its usage', () => {
    const all = run('--help');
    expect(all.code).toBe(0);
    for (const c of ['import-list', 'delete-list', 'screen', 'hash-password', 'verify-audit'])
      expect(all.out).toContain(c);
    const one = run('import-list', '--help');
    expect(one.code).toBe(0);
    expect(one.out).toMatch(/^usage: paxscreen import-list --format/);
    expect(run().code).toBe(2);
  });

  it('names an unknown option and an unknown command; refuses a bad --date-order, --category or --action', () => {
    const typo = run('import-list', '--fromat', 'jsonl');
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/Unknown option '--fromat'/);
    expect(run('scren').err).toMatch(/unknown command "scren"/);
    const list = fileURLToPath(new URL('../../fixtures/watchlists/demo.jsonl', import.meta.url));
    expect(run('import-list', '--format', 'simple-csv', '--name', 'x', '--date-order', 'yyyy', list).err).toMatch(
      /--date-order must be mdy, dmy or ymd/,
    );
    expect(run('import-list', '--format', 'jsonl', '--name', 'x', '--category', 'villain', list).err).toMatch(
      /--category must be one of/,
    );
  });

  it('screens a PAXLST file as well as a JSON manifest', () => {
    const paxlst = run(
      'screen',
      fileURLToPath(new URL('../fixtures/paxlst/wco-guide-single-sector-d15b.edi', import.meta.url)),
    );
    expect(paxlst.code).toBe(0);
    expect(paxlst.out).toMatch(/ABC123\s+OK_TO_BOARD/);
  }, 30_000);
});

describe('start-up', () => {
  it('stops with one line naming a list file that is not there (exit 2)', () => {
    const server = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
    const r = spawnSync(process.execPath, [server], {
      encoding: 'utf8',
      env: { ...process.env, PAXSCREEN_WATCHLISTS: '/nowhere/list.jsonl', PAXSCREEN_PORT: '0' },
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('paxscreen: PAXSCREEN_WATCHLISTS names "/nowhere/list.jsonl": no such file');
  });
});

describe('stored lists from the command line', () => {
  it('imports a list into a data folder and deletes it again (audited)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-cli-'));
    const env = { ...process.env, PAXSCREEN_DATA_DIR: dir, PAXSCREEN_LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
    const list = fileURLToPath(new URL('../../fixtures/watchlists/demo.jsonl', import.meta.url));
    expect(cli('import-list', '--format', 'jsonl', '--name', 'local', list).status).toBe(0);
    const gone = cli('delete-list', '--name', 'local');
    expect(gone.status).toBe(0);
    expect(gone.stdout).toMatch(/list local deleted/);
    const again = cli('delete-list', '--name', 'local');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/no stored list "local" \(stored: none\)/);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('refuses a file that would shrink a stored list sharply unless --force, as an upload is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-cli-'));
    const env = { ...process.env, PAXSCREEN_DATA_DIR: dir, PAXSCREEN_LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
    const list = fileURLToPath(new URL('../../fixtures/watchlists/demo.jsonl', import.meta.url));
    const oneEntry = join(dir, 'one.jsonl');
    writeFileSync(
      oneEntry,
      readFileSync(list, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('{')) + '\n',
    );
    expect(cli('import-list', '--format', 'jsonl', '--name', 'local', list).status).toBe(0);
    const refused = cli('import-list', '--format', 'jsonl', '--name', 'local', oneEntry);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/list local: would shrink from \d+ to 1 entries/);
    expect(refused.stderr).toMatch(/stored list is unchanged/);
    const forced = cli('import-list', '--format', 'jsonl', '--name', 'local', '--force', oneEntry);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/overridden with --force/);
    expect(cli('import-list', '--format', 'jsonl', '--name', 'Bad Name', list).stderr).toMatch(
      /--name must be lower-case letters/,
    );
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('says why each record was skipped, counted by reason, before the first lines themselves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-cli-'));
    const env = { ...process.env, PAXSCREEN_DATA_DIR: dir, PAXSCREEN_LOG_LEVEL: 'silent' };
    const csv = join(dir, 'list.csv');
    writeFileSync(
      csv,
      'firstname,lastname,middlename,dob,documentcountry,documentnumber,documenttype\n' +
        'JOHN,SMITH,,01/02/1980,GBR,123,P\n' +
        'ANNA,BROWN,,13/45/1990,,,\n' +
        'BOB,JONES,,99/99/1999,,,\n' +
        ',,,,,,\n',
    );
    const r = spawnSync(
      process.execPath,
      [CLI, 'import-list', '--format', 'simple-csv', '--name', 'local', '--force', csv],
      { encoding: 'utf8', env },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/skipped\s+3/);
    expect(r.stdout).toMatch(/^\s+2 × dateOfBirth is not a real calendar date$/m);
    expect(r.stdout).toMatch(/^\s+1 × names\.0 needs a surname or a full name$/m);
    expect(r.stdout).toMatch(/first skipped lines\n\s+line 3: dateOfBirth/);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
