import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WatchlistEntry } from '../../src/domain/contracts/watchlist.ts';
import { importOfacSdn } from '../../src/ingest/ofac-sdn.ts';

export const SDN_DIR =
  process.env.PAXSCREEN_SDN_DIR ?? fileURLToPath(new URL('../../../shared/data/ofac-sdn', import.meta.url));

/** The real OFAC SDN individuals, when ../shared/data is beside the checkout. */
export async function sdnEntries(): Promise<WatchlistEntry[]> {
  if (!existsSync(SDN_DIR)) {
    console.warn(`(no SDN list at ${SDN_DIR}: synthetic names only)`);
    return [];
  }
  return (await importOfacSdn(SDN_DIR, { list: 'ofac-sdn', category: 'sanctions', action: 'REFER' })).entries;
}
