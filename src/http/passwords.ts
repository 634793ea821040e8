import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes carry their scrypt parameters, so they can be raised without invalidating the
 * hashes already issued:
 *   scrypt$<N>$<r>$<p>$<salt hex>$<key hex>   (current: N=2^17, r=8, p=1, OWASP's minimum for scrypt)
 *   scrypt:<salt hex>:<key hex>               (first format: N=2^14, r=8, p=1; still verified)
 */
export const CURRENT = { N: 2 ** 17, r: 8, p: 1 } as const;
const LEGACY = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
/** Hashes with more work than this are refused: a credentials file must not be a way to stall sign-in. */
const MAX_N = 2 ** 20;

export const PASSWORD_HASH =
  /^(?:scrypt:[0-9a-f]{32}:[0-9a-f]{128}|scrypt\$\d{1,8}\$\d{1,2}\$\d{1,2}\$[0-9a-f]{32}\$[0-9a-f]{128})$/;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; twice that leaves room.
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: 256 * params.N * params.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

function parse(stored: string): { params: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | null {
  const legacy = /^scrypt:([0-9a-f]{32}):([0-9a-f]{128})$/.exec(stored);
  if (legacy)
    return {
      params: LEGACY,
      salt: Buffer.from(legacy[1] as string, 'hex'),
      key: Buffer.from(legacy[2] as string, 'hex'),
    };
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{128})$/.exec(stored);
  if (!m) return null;
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.N < 2 || params.N > MAX_N || (params.N & (params.N - 1)) !== 0 || params.r < 1 || params.p < 1)
    return null;
  return { params, salt: Buffer.from(m[4] as string, 'hex'), key: Buffer.from(m[5] as string, 'hex') };
}

/**
 * A well-formed hash no password derives to, with the same cost as `like` (a real user's hash):
 * verified against when the username is unknown, so both answers take as long.
 */
export function decoyHash(like?: string): string {
  const params = (like && parse(like)?.params) || CURRENT;
  const zeros = `${'00'.repeat(16)}$${'00'.repeat(KEY_LENGTH)}`;
  return like?.startsWith('scrypt:')
    ? `scrypt:${'00'.repeat(16)}:${'00'.repeat(KEY_LENGTH)}`
    : `scrypt$${params.N}$${params.r}$${params.p}$${zeros}`;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, CURRENT);
  return `scrypt$${CURRENT.N}$${CURRENT.r}$${CURRENT.p}$${salt.toString('hex')}$${key.toString('hex')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  return timingSafeEqual(await derive(password, h.salt, h.params), h.key);
}
