import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeTopic, Store } from '../store.ts';

type Coordination = Pick<
  Store,
  'runExclusive' | 'publish' | 'subscribe' | 'signInFailures' | 'recordSignInFailure' | 'clearSignInFailures'
> & { closeListener(): Promise<void> };

const TOPICS: ReadonlySet<string> = new Set(['watchlists', 'rules', 'suppressions']);
export const CHANNEL = 'paxscreen';

/**
 * What several instances on one database coordinate through it: LISTEN/NOTIFY tells the others that
 * a list, the rules or the suppressions changed (each instance also polls versions, the fallback
 * when a notification is lost across a reconnect); a session-level advisory lock gives one
 * instance a piece of work (re-screening) and passes to another when that instance dies, because
 * the lock dies with its connection; the sign-in throttle lives in a table.
 */
export function pgCoordination(
  url: string,
  pool: pg.Pool,
  instanceId: string = randomUUID(),
): Coordination & { instanceId: string } {
  const listeners: Array<(topic: ChangeTopic) => void> = [];
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const listen = async () => {
    if (stopped || client) return;
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => undefined);
    c.on('end', () => {
      client = null;
      // The server restarted or the network dropped: listen again in a second.
      if (!stopped) retry = setTimeout(() => void listen().catch(() => undefined), 1000);
      retry?.unref();
    });
    c.on('notification', (n) => {
      const [topic, from] = (n.payload ?? '').split(':');
      if (!topic || !TOPICS.has(topic) || from === instanceId) return;
      for (const l of listeners) l(topic as ChangeTopic);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      client = c;
    } catch {
      await c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void listen().catch(() => undefined), 1000);
      retry?.unref();
    }
  };

  return {
    instanceId,
    async runExclusive(key, fn) {
      const c = await pool.connect();
      let held = false;
      try {
        held =
          (await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key])).rows[0]?.ok ===
          true;
        if (!held) return false;
        await fn();
        return true;
      } finally {
        if (held) await c.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
        c.release();
      }
    },
    async publish(topic) {
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, `${topic}:${instanceId}`]);
    },
    subscribe(listener) {
      listeners.push(listener);
      void listen();
    },
    async signInFailures(key) {
      const r = (
        await pool.query<{ count: number; last_at: number }>(
          'SELECT count, last_at FROM sign_in_failures WHERE key = $1',
          [key],
        )
      ).rows[0];
      return r ? { count: r.count, lastAt: r.last_at } : null;
    },
    async recordSignInFailure(key, at) {
      await pool.query(
        'INSERT INTO sign_in_failures (key, count, last_at) VALUES ($1, 1, $2) ON CONFLICT (key) DO UPDATE SET count = sign_in_failures.count + 1, last_at = excluded.last_at',
        [key, at],
      );
    },
    async clearSignInFailures(key) {
      await pool.query('DELETE FROM sign_in_failures WHERE key = $1', [key]);
    },
    async closeListener() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
