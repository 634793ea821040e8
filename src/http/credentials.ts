import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { renderPath } from '../errors.ts';
import { decoyHash, PASSWORD_HASH } from './passwords.ts';

export const ROLES = ['carrier', 'officer', 'supervisor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

const CredentialEntry = z
  .object({
    id: z.string().min(1).max(80).optional().describe('a name for logs and the audit trail'),
    token: z.string().min(16, 'must be at least 16 characters').optional(),
    tokenSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')
      .optional(),
    role: z.enum(ROLES),
    carrier: z
      .string()
      .regex(/^[A-Z0-9]{2,4}$/)
      .optional(),
    username: z
      .string()
      .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3–64 lower-case letters, digits, dots, dashes or underscores')
      .optional(),
    passwordHash: z
      .string()
      .regex(
        PASSWORD_HASH,
        'must be a hash from paxscreen hash-password (scrypt$N$r$p$salt$key, or the older scrypt:salt:key)',
      )
      .optional(),
  })
  .refine((c) => Boolean(c.token) !== Boolean(c.tokenSha256), { message: 'needs exactly one of token or tokenSha256' })
  .refine((c) => c.role !== 'carrier' || Boolean(c.carrier), {
    message: 'a carrier principal needs its carrier code',
    path: ['carrier'],
  })
  .refine((c) => Boolean(c.username) === Boolean(c.passwordHash), {
    message: 'username and passwordHash go together',
    path: ['passwordHash'],
  })
  .refine((c) => !(c.role === 'carrier' && c.username), {
    message: 'carrier systems use tokens, not the review page',
    path: ['username'],
  });

/** Two entries must never share an id, a username or a token: either would make one principal two. */
export const CredentialsFile = z
  .array(CredentialEntry)
  .min(1)
  .superRefine((entries, ctx) => {
    const seen = {
      id: new Map<string, number>(),
      username: new Map<string, number>(),
      token: new Map<string, number>(),
    };
    entries.forEach((e, i) => {
      const keys: Array<[keyof typeof seen, string | undefined]> = [
        ['id', e.id],
        ['username', e.username],
        ['token', e.tokenSha256 ?? (e.token ? sha256Hex(e.token) : undefined)],
      ];
      for (const [kind, value] of keys) {
        if (value === undefined) continue;
        const first = seen[kind].get(value);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [i, kind === 'token' ? 'token' : kind],
            message: `the same ${kind} as entry [${first}]`,
          });
        else seen[kind].set(value, i);
      }
    });
  });

export interface Principal {
  id: string;
  role: Role;
  carrier: string | null;
}

export interface Authenticator {
  authenticate(bearer: string): Principal | null;
  /** For the review page: the principal and password hash of a username. */
  byUsername(username: string): { principal: Principal; passwordHash: string } | null;
  byId(id: string): Principal | null;
  readonly count: number;
  /** Verified against for an unknown username: as costly as the users' own hashes. */
  readonly decoyPasswordHash: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function buildAuthenticator(entries: z.infer<typeof CredentialsFile>): Authenticator {
  const byHash = new Map<string, Principal>();
  const users = new Map<string, { principal: Principal; passwordHash: string }>();
  const ids = new Map<string, Principal>();
  for (const e of entries) {
    const hash = e.tokenSha256 ?? sha256Hex(e.token as string);
    const principal: Principal = {
      id: e.id ?? `${e.role}-${hash.slice(0, 8)}`,
      role: e.role,
      carrier: e.carrier ?? null,
    };
    byHash.set(hash, principal);
    ids.set(principal.id, principal);
    if (e.username && e.passwordHash) users.set(e.username, { principal, passwordHash: e.passwordHash });
  }
  return {
    count: byHash.size,
    decoyPasswordHash: decoyHash(entries.find((e) => e.passwordHash)?.passwordHash),
    byUsername: (u) => users.get(u) ?? null,
    byId: (id) => ids.get(id) ?? null,
    // Tokens are compared by their SHA-256 digest: the secret itself is never held in a lookup table.
    authenticate: (bearer) => byHash.get(sha256Hex(bearer)) ?? null,
  };
}

async function readCredentials(file: string): Promise<z.infer<typeof CredentialsFile>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`credentials file ${file}: ${(e as Error).message}`, { cause: e });
  }
  const parsed = CredentialsFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `credentials file ${file}:\n  ${parsed.error.issues.map((i) => `${renderPath(i.path)} ${i.message}`).join('\n  ')}`,
    );
  }
  return parsed.data;
}

/**
 * In production, secrets must not be readable from the file, and the demo's published secrets
 * (a copy of its token digests or password hashes) must not open anything.
 */
function productionProblems(entries: z.infer<typeof CredentialsFile>, demo: z.infer<typeof CredentialsFile>): string[] {
  const demoTokens = new Set(demo.map((d) => d.tokenSha256 ?? sha256Hex(d.token as string)));
  const demoPasswords = new Set(demo.flatMap((d) => (d.passwordHash ? [d.passwordHash] : [])));
  const problems: string[] = [];
  entries.forEach((e, i) => {
    if (e.token) problems.push(`[${i}].token: a plaintext token; store tokenSha256 instead`);
    if (demoTokens.has(e.tokenSha256 ?? sha256Hex(e.token as string)))
      problems.push(`[${i}]: the token of the demo credentials file`);
    if (e.passwordHash && demoPasswords.has(e.passwordHash))
      problems.push(`[${i}].passwordHash: the password of the demo credentials file`);
  });
  return problems;
}

export async function loadCredentials(
  file: string,
  options: { production?: boolean; demoFile?: string } = {},
): Promise<Authenticator> {
  const entries = await readCredentials(file);
  if (options.production && options.demoFile) {
    const problems = productionProblems(entries, await readCredentials(options.demoFile));
    if (problems.length > 0)
      throw new Error(`credentials file ${file} refused with NODE_ENV=production:\n  ${problems.join('\n  ')}`);
  }
  return buildAuthenticator(entries);
}
