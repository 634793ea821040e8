import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../../src/config.ts';
import { loadCredentials, sha256Hex } from '../../../src/http/credentials.ts';

const dir = mkdtempSync(join(tmpdir(), 'paxscreen-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, entries: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(entries));
  return path;
};
const HASH = `scrypt:${'ab'.repeat(16)}:${'cd'.repeat(64)}`;

describe('credentials file', () => {
  it('refuses duplicate ids, usernames and tokens, naming the entries', async () => {
    const path = file('dup.json', [
      {
        id: 'a',
        tokenSha256: sha256Hex('token-one-0123456789'),
        role: 'officer',
        username: 'alice',
        passwordHash: HASH,
      },
      { id: 'a', token: 'token-one-0123456789', role: 'supervisor', username: 'alice', passwordHash: HASH },
    ]);
    await expect(loadCredentials(path)).rejects.toThrow(
      /\[1\]\.id the same id as entry \[0\][\s\S]*\[1\]\.username the same username as entry \[0\][\s\S]*\[1\]\.token the same token as entry \[0\]/,
    );
  });

  it('in production refuses plaintext tokens and the demo file or a copy of its secrets', async () => {
    const production = { production: true, demoFile: DEMO_CREDENTIALS };
    await expect(loadCredentials(DEMO_CREDENTIALS, production)).rejects.toThrow(
      /plaintext token[\s\S]*demo credentials/,
    );
    const copied = file('copy.json', [
      { id: 'ops', tokenSha256: sha256Hex('dev-officer-0123456789'), role: 'officer' },
    ]);
    await expect(loadCredentials(copied, production)).rejects.toThrow(/\[0\]: the token of the demo credentials file/);
    const own = file('own.json', [
      { id: 'ops', tokenSha256: sha256Hex('a-real-secret-nobody-knows'), role: 'officer' },
    ]);
    expect((await loadCredentials(own, production)).count).toBe(1);
  });
});
