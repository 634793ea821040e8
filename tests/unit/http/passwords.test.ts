import { describe, expect, it } from 'vitest';
import { CURRENT, decoyHash, hashPassword, PASSWORD_HASH, verifyPassword } from '../../../src/http/passwords.ts';

describe('password hashes', () => {
  it('are issued with their parameters at the current cost, and verify', async () => {
    const h = await hashPassword('a long passphrase here');
    expect(h).toMatch(new RegExp(`^scrypt\\$${CURRENT.N}\\$8\\$1\\$`));
    expect(h).toMatch(PASSWORD_HASH);
    expect(await verifyPassword('a long passphrase here', h)).toBe(true);
    expect(await verifyPassword('a long passphrase herE', h)).toBe(false);
  });

  it('still verifies the first format (the demo credentials use it)', async () => {
    const legacy =
      'scrypt:1811b10f9e4b255faa419995474fdbb9:13b47d9af145c5a2a5bdbb175f24d2bc49e948f14ca63afd870d6baca034a7edb14cc60633607396a45e7364f1ee0276e4918f3ea3b0001cef6500e64a3682e2';
    expect(await verifyPassword('officer-demo-pass', legacy)).toBe(true);
  });

  it('refuses parameters that would stall sign-in, and makes decoys as costly as the real hashes', async () => {
    expect(await verifyPassword('x', `scrypt$${2 ** 24}$8$1$${'00'.repeat(16)}$${'00'.repeat(64)}`)).toBe(false);
    expect(decoyHash('scrypt:aa:bb')).toMatch(/^scrypt:0+:0+$/);
    expect(decoyHash(`scrypt$1024$8$1$${'ab'.repeat(16)}$${'cd'.repeat(64)}`)).toMatch(/^scrypt\$1024\$8\$1\$0+\$0+$/);
    expect(decoyHash()).toMatch(new RegExp(`^scrypt\\$${CURRENT.N}\\$`));
  });
});
