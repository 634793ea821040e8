/**
 * A database held locked past the busy timeout (a long purge, a backup, another instance) answers a
 * carrier 503 with Retry-After — nothing was stored, resend — never a 500 (issue 15).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

let t: TestApp | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a busy database', () => {
  it('answers 503 with Retry-After, and the resend after the lock is released is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paxscreen-busy-'));
    dirs.push(dir);
    t = await startTestApp({}, { dir, keepDir: true });
    const body = manifest([traveller({ ref: 'B1' })]);
    const post = () =>
      (t as TestApp).app.inject({
        method: 'POST',
        url: '/v1/manifests',
        headers: bearer(TOKENS.carrierBA),
        payload: body,
      });
    const holder = new DatabaseSync(join(dir, 'paxscreen.sqlite'));
    holder.exec('BEGIN IMMEDIATE');
    const held = setTimeout(() => holder.exec('COMMIT'), 7000);
    const busy = await post();
    expect(busy.statusCode).toBe(503);
    expect(busy.json().code).toBe('STORE_BUSY');
    expect(busy.headers['retry-after']).toBe('1');
    clearTimeout(held);
    holder.exec('COMMIT');
    holder.close();
    const resent = await post();
    expect(resent.statusCode).toBe(200);
    expect(resent.json().directives).toEqual([{ ref: 'B1', directive: 'OK_TO_BOARD' }]);
  }, 20_000);
});
