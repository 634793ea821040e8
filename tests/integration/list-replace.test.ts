/**
 * Stored lists are replaced in bounded transactions (issue 15): the new generation is written in
 * batches and switched to at once; readers see the old list or the new one, whole; the old rows go.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import type { WatchlistEntry } from '../../src/domain/contracts/watchlist.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'paxscreen-lists-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const entries = (n: number, tag: string): WatchlistEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${i}`,
    list: 'big',
    category: 'wanted',
    action: 'REFER',
    names: [{ surname: `S${tag}${i}`, givenNames: 'X' }],
  }));

describe('stored list replacement', () => {
  it('switches from one generation to the next whole, in batches, and removes the old rows', async () => {
    const file = join(dir, 'paxscreen.sqlite');
    const store = openSqliteStore(file);
    await store.replaceWatchlist('big', entries(12_000, 'A'), { source: 'test', importedBy: 'test' });
    // Read while the next replacement is being written: the old list, whole, or the new one, whole.
    const replacing = store.replaceWatchlist('big', entries(11_000, 'B'), { source: 'test', importedBy: 'test' });
    const during = await store.watchlistEntries();
    expect([12_000, 11_000]).toContain(during.length);
    expect(new Set(during.map((e) => e.id.split('-')[0])).size).toBe(1);
    const summary = await replacing;
    expect(summary).toMatchObject({ version: 2, entries: 11_000 });
    const after = await store.watchlistEntries();
    expect(after).toHaveLength(11_000);
    expect(after.every((e) => e.id.startsWith('B-'))).toBe(true);
    await store.close();
    const db = new DatabaseSync(file);
    expect((db.prepare('SELECT COUNT(*) AS n FROM watchlist_entries').get() as { n: number }).n).toBe(11_000);
    db.close();
  });
});
