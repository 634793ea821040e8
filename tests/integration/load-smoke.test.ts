import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trafficGenerator } from '../../bench/lib/traffic.ts';
import { startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp({ PAXSCREEN_WORKERS: '2' });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.close());

describe('load smoke (bounded: a few seconds on 127.0.0.1)', () => {
  it('loses no manifest and answers every traveller under concurrent batches and checks', async () => {
    const gen = trafficGenerator([], 7);
    const sent = new Map<string, number>();
    const problems: string[] = [];
    const answered: string[] = [];
    const result = await autocannon({
      url,
      connections: 6,
      duration: 3,
      requests: [
        {
          method: 'POST',
          path: '/v1/manifests',
          headers: { authorization: `Bearer ${TOKENS.carrierBA}`, 'content-type': 'application/json' },
          setupRequest: (req) => {
            const m = gen.manifest(20);
            sent.set(m.messageRef, m.travellers.length);
            return { ...req, body: JSON.stringify(m) };
          },
          onResponse: (status, body) => {
            if (status !== 200) return void problems.push(`status ${status}`);
            const b = JSON.parse(body) as { manifestId: string; directives: unknown[] };
            answered.push(b.manifestId);
            if (b.directives.length !== 20) problems.push(`answered ${b.directives.length} of 20 travellers`);
          },
        },
      ],
    });
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(problems).toEqual([]);
    expect(answered.length).toBeGreaterThan(5);
    // Every answered manifest is stored: nothing accepted is lost. (The run may stop with a few
    // requests in flight: those are stored too, but their answers were not counted.)
    const stored = new Set(
      (await Promise.all([...sent.keys()].map((ref) => t.store.findReceipt('BA', ref))))
        .filter((r) => r !== null)
        .map((r) => r.manifestId),
    );
    for (const id of answered) expect(stored.has(id)).toBe(true);
    expect(result.requests.total).toBeGreaterThanOrEqual(answered.length);
  });
});
