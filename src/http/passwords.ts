import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt parameters fixed by the credentials-file format: N=16384, r=8, p=1, 64-byte key. */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A well-formed hash no password derives to: verified against when the username is unknown. */
export const UNKNOWN_USER_HASH = `scrypt:${'00'.repeat(16)}:${'00'.repeat(KEY_LENGTH)}`;

/** `scrypt:<salt hex>:<key hex>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('hex')}:${(await derive(password, salt)).toString('hex')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt:([0-9a-f]+):([0-9a-f]{128})$/.exec(stored);
  if (!m) return false;
  const key = await derive(password, Buffer.from(m[1] as string, 'hex'));
  return timingSafeEqual(key, Buffer.from(m[2] as string, 'hex'));
}
