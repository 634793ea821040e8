import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { renderPath } from '../errors.ts';

export const ROLES = ['carrier', 'officer', 'supervisor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

const CredentialEntry = z
  .object({
    id: z.string().min(1).max(80).optional().describe('a name for logs and the audit trail'),
    token: z.string().min(16, 'must be at least 16 characters').optional(),
    tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits').optional(),
    role: z.enum(ROLES),
    carrier: z.string().regex(/^[A-Z0-9]{2,4}$/).optional(),
  })
  .refine((c) => Boolean(c.token) !== Boolean(c.tokenSha256), { message: 'needs exactly one of token or tokenSha256' })
  .refine((c) => c.role !== 'carrier' || Boolean(c.carrier), { message: 'a carrier principal needs its carrier code', path: ['carrier'] });

export const CredentialsFile = z.array(CredentialEntry).min(1);

export interface Principal {
  id: string;
  role: Role;
  carrier: string | null;
}

export interface Authenticator {
  authenticate(bearer: string): Principal | null;
  readonly count: number;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function buildAuthenticator(entries: z.infer<typeof CredentialsFile>): Authenticator {
  const byHash = new Map<string, Principal>();
  for (const e of entries) {
    const hash = e.tokenSha256 ?? sha256Hex(e.token as string);
    byHash.set(hash, { id: e.id ?? `${e.role}-${hash.slice(0, 8)}`, role: e.role, carrier: e.carrier ?? null });
  }
  return {
    count: byHash.size,
    // Tokens are compared by their SHA-256 digest: the secret itself is never held in a lookup table.
    authenticate: (bearer) => byHash.get(sha256Hex(bearer)) ?? null,
  };
}

export async function loadCredentials(file: string): Promise<Authenticator> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`credentials file ${file}: ${(e as Error).message}`, { cause: e });
  }
  const parsed = CredentialsFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(`credentials file ${file}:\n  ${parsed.error.issues.map((i) => `${renderPath(i.path)} ${i.message}`).join('\n  ')}`);
  }
  return buildAuthenticator(parsed.data);
}
