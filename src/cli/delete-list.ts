import { loadConfig } from '../config.ts';
import { openStore } from '../store/open-store.ts';

/** `paxscreen delete-list --name NAME`: removes a stored list; the service drops it at its next rebuild. */
export async function deleteListCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  const name = values['name'];
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name)) {
    console.error('delete-list needs --name: lower-case letters, digits, dots, dashes or underscores');
    return 2;
  }
  const { store, ready } = openStore(loadConfig());
  try {
    await ready;
    const found = await store.deleteWatchlist(name, { id: 'cli', role: 'operator' });
    if (!found) {
      console.error(
        `no stored list "${name}" (stored: ${(await store.listWatchlists()).map((l) => l.name).join(', ') || 'none'})`,
      );
      return 1;
    }
    console.log(
      `list ${name} deleted. A running service drops it within PAXSCREEN_LIST_POLL_MS, or at once on POST /v1/watchlists/reload.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
