import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/domain/contracts/manifest.ts';
import { Manifest as ManifestContract } from '../../src/domain/contracts/manifest.ts';
import { openConnection } from '../../src/store/sqlite/connection.ts';
import { currentTravellersReader } from '../../src/store/sqlite/current-travellers.ts';
import { groupCommit } from '../../src/store/sqlite/group-commit.ts';
import { MIGRATIONS } from '../../src/store/sqlite/schema.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { ManifestRecord, Store } from '../../src/store/store.ts';
import type { ManifestWriter } from '../../src/store/sqlite/writer.ts';
import { threadWriter } from '../../src/store/sqlite/writer.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function storeAt(file: string): Store {
  const s = openSqliteStore(file);
  open.push(s);
  return s;
}

function record(m: Manifest, messageRef = m.messageRef): ManifestRecord {
  return {
    manifestId: `id-${messageRef}`,
    carrier: 'BA',
    messageRef,
    bodySha256: `sha-${messageRef}`,
    kind: m.kind,
    journey: m.journey,
    journeyKey: 'BA|BA0999|CDG|2026-12-05',
    receivedAt: new Date().toISOString(),
    response: {
      manifestId: `id-${messageRef}`,
      complete: true,
      elapsedMs: 1,
      directives: m.travellers.map((t) => ({ ref: t.ref, directive: 'OK_TO_BOARD' as const })),
    },
    outcomes: m.travellers.map((t) => ({
      traveller: t,
      dataSha256: `h-${t.ref}-${t.surname}`,
      directive: 'OK_TO_BOARD' as const,
      complete: true,
      listVersion: 'L1',
      rulesVersion: 'R1',
    })),
    withdrawn: [],
    alerts: [],
    history: [],
    replay: false,
    listVersion: 'L1',
    rulesVersion: 'R1',
  };
}

const parsed = (...refs: Array<[string, string]>): Manifest =>
  ManifestContract.parse(manifest(refs.map(([ref, surname]) => traveller({ ref, surname }))));

describe('group commit', () => {
  it('commits writes queued in one turn together, and a failing write rolls back alone', async () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE)');
    const commits = groupCommit(db);
    const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
    const results = await Promise.allSettled([
      commits.run(insert('a')),
      commits.run(insert('a')),
      commits.run(insert('b')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(
      db
        .prepare('SELECT v FROM t ORDER BY v')
        .all()
        .map((r) => r.v),
    ).toEqual(['a', 'b']);
    expect(db.isTransaction).toBe(false);
  });

  it('refuses the second of two manifests with one messageRef recorded in the same turn', async () => {
    const store = storeAt(join(mkdtempSync(join(tmpdir(), 'store-')), 'x.sqlite'));
    const m = parsed(['P1', 'ONE']);
    const [first, second] = await Promise.all([
      store.recordManifest(record(m, 'SAME')),
      store.recordManifest(record(m, 'SAME')),
    ]);
    expect(first).toEqual({ stored: true });
    expect(second.stored).toBe(false);
  });
});

describe('current travellers of a journey', () => {
  it('picks up versions written since it last looked, by this connection or another', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'store-')), 'x.sqlite');
    const a = storeAt(file);
    const b = storeAt(file);
    await a.recordManifest(record(parsed(['P1', 'ONE'], ['P2', 'TWO'])));
    expect((await a.currentTravellers('BA|BA0999|CDG|2026-12-05')).map((c) => c.ref).sort()).toEqual(['P1', 'P2']);
    // Another instance changes P2 and adds P3; the first instance's cached view follows.
    await b.recordManifest(record(parsed(['P2', 'TWOCHANGED'], ['P3', 'THREE'])));
    const now = await a.currentTravellers('BA|BA0999|CDG|2026-12-05');
    expect(now.map((c) => `${c.ref}:${c.traveller?.surname}`).sort()).toEqual(['P1:ONE', 'P2:TWOCHANGED', 'P3:THREE']);
    expect(await a.currentTravellers('BA|OTHER|CDG|2026-12-05')).toEqual([]);
  });

  it('keeps what this process wrote without reading it back, and still reads what others wrote before it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'store-')), 'x.sqlite');
    const a = storeAt(file);
    const b = storeAt(file);
    const key = 'BA|BA0999|CDG|2026-12-05';
    expect(await a.currentTravellers(key)).toEqual([]);
    await b.recordManifest(record(parsed(['P0', 'ZERO'])));
    await a.recordManifest(record(parsed(['P1', 'ONE'], ['P2', 'TWO'])));
    await a.recordManifest({
      ...record(parsed(['P2', 'TWO']), 'CANCEL-P2'),
      kind: 'cancel',
      outcomes: [],
      withdrawn: ['P2'],
    });
    // Blank the stored JSON behind the cache's back: what a reads back from the file now has no traveller.
    const raw = new DatabaseSync(file);
    raw.exec("UPDATE traveller_versions SET data_json = NULL WHERE ref IN ('P0', 'P1')");
    const storedLinks = (
      raw.prepare("SELECT links FROM traveller_versions WHERE ref = 'P1'").get() as { links: string }
    ).links;
    raw.close();
    const now = await a.currentTravellers(key);
    // P1 was folded in from memory; P0, written by another instance first, was read from the file
    // as a's own write was folded in (before the blanking).
    expect(now.map((c) => `${c.ref}:${c.status}:${c.traveller?.surname ?? '-'}:${c.directive}`).sort()).toEqual([
      'P0:active:ZERO:OK_TO_BOARD',
      'P1:active:ONE:OK_TO_BOARD',
      'P2:withdrawn:-:CONTACT_AUTHORITY',
    ]);
    expect(now.find((c) => c.ref === 'P1')?.links).toEqual(JSON.parse(storedLinks));
  });
});

describe('background checkpoints', () => {
  it('copy the write-ahead log into the database file without the writer doing it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'store-')), 'x.sqlite');
    const store = storeAt(file);
    const before = statSync(file).size;
    for (let i = 0; i < 20; i++) await store.recordManifest(record(parsed([`P${i}`, 'NAME'.repeat(50)]), `M${i}`));
    // The writer's own threshold is thousands of pages away; only the checkpoint thread grows the file.
    const until = Date.now() + 5000;
    while (statSync(file).size === before && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before);
  });
});

describe('the writer thread', () => {
  it('fails the writes in flight when it dies, then writes through the fallback', async () => {
    const written: string[] = [];
    const fallback: ManifestWriter = {
      recordManifest: async (r) => (written.push(r.messageRef), { stored: true, versionIds: [] }),
      recordFollowUp: async () => [],
      close: async () => undefined,
    };
    // A file that cannot be opened: the thread throws as it starts.
    const writer = threadWriter(
      { file: join(tmpdir(), 'no-such-dir', 'nested', 'x.sqlite'), synchronous: 'NORMAL' },
      fallback,
    );
    const m = parsed(['P1', 'ONE']);
    // Sent while the thread is still starting: it fails with it, and is not written twice.
    await expect(writer.recordManifest(record(m, 'FIRST'))).rejects.toThrow();
    expect(written).not.toContain('FIRST');
    await new Promise((r) => setTimeout(r, 200));
    expect(await writer.recordManifest(record(m, 'SECOND'))).toEqual({ stored: true, versionIds: [] });
    expect(written).toContain('SECOND');
    await writer.close();
  });
});

describe('connections', () => {
  it('keep statement journals in memory (each grouped write has a savepoint) and the log in WAL mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-conn-'));
    const db = openConnection(join(dir, 'db.sqlite'), { backgroundCheckpoints: false });
    expect(db.prepare('PRAGMA temp_store').get()).toEqual({ temp_store: 2 });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('closing a file store', () => {
  it('settles once its threads have stopped, so a script that awaits it exits normally', () => {
    const script = fileURLToPath(new URL('../fixtures/open-and-close-store.ts', import.meta.url));
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).not.toContain('unsettled top-level await');
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
  });
});

describe('the journey cache bound', () => {
  it('holds at most the configured number of travellers across journeys, however they grow', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS) db.exec(m);
    const insert = db.prepare(
      `INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, data_sha256, data_json, directive, complete, recorded_at) VALUES (?, ?, 'm', 'active', 'h', '{}', 'OK_TO_BOARD', 1, 'now')`,
    );
    const read = currentTravellersReader(db, 5);
    read('J1');
    read('J2');
    for (const ref of ['a', 'b', 'c']) insert.run('J1', ref);
    expect(read('J1')).toHaveLength(3);
    for (const ref of ['a', 'b', 'c', 'd']) insert.run('J2', ref);
    expect(read('J2')).toHaveLength(4);
    // J1 was least recently used and is dropped: 4 held, not 7.
    expect(read.held()).toBe(4);
    expect(read('J1')).toHaveLength(3);
    expect(read.held()).toBeLessThanOrEqual(5);
  });
});

describe('stored traveller versions', () => {
  it('give their booking links without parsing the traveller, and parse it only when read', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS) db.exec(m);
    const insert = db.prepare(
      `INSERT INTO traveller_versions (journey_key, ref, manifest_id, status, data_sha256, data_json, directive, complete, recorded_at, links) VALUES ('J', ?, 'm', 'active', 'h', ?, 'OK_TO_BOARD', 1, 'now', ?)`,
    );
    insert.run('lazy', '{not json: never parsed unless read', '["b:BK1"]');
    // A row written before the links column existed: its links are worked out from the traveller.
    insert.run('old', JSON.stringify({ ref: 'old', booking: { ref: 'BK2', payer: ' ann smith ' } }), null);
    const [lazy, old] = currentTravellersReader(db)('J');
    expect(lazy?.links).toEqual(['b:BK1']);
    expect(() => lazy?.traveller).toThrow(SyntaxError);
    expect(old?.links).toEqual(['b:BK2', 'p:ANN SMITH']);
  });
});

describe('large journeys', () => {
  it('reads the history of a journey of any size in one statement (no SQL-variable limit)', async () => {
    const store = storeAt(':memory:');
    const ids = Array.from({ length: 40_000 }, (_, i) => `ID-${i}`);
    const keys = Array.from({ length: 40_000 }, (_, i) => `P:GBR:${i}`);
    const rows = await store.travelHistory({
      since: '2026-01-01T00:00:00Z',
      before: '2027-01-01T00:00:00Z',
      identities: ids,
      documentKeys: keys,
      payerKeys: [],
      contactKeys: [],
      guardianKeys: [],
    });
    expect(rows).toEqual([]);
  });
});
