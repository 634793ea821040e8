import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_THRESHOLDS } from './domain/decision.ts';
import { DEFAULT_LOAD_LIMITS } from './domain/watchlist-load-gate.ts';
import { renderPath } from './errors.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEMO_CREDENTIALS = resolve(ROOT, 'fixtures/credentials.dev.json');
const DEMO_WATCHLIST = resolve(ROOT, 'fixtures/watchlists/demo.jsonl');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The environment, validated once at start; a bad value stops start-up with a message naming it. */
const Env = z.object({
  PAXSCREEN_PORT: int(0, 65535).default(8080),
  PAXSCREEN_HOST: z.string().min(1).default('127.0.0.1'),
  PAXSCREEN_DATA_DIR: z.string().min(1).default('./data'),
  PAXSCREEN_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PAXSCREEN_DATABASE_POOL: int(1, 500).default(10),
  PAXSCREEN_WATCHLISTS: z.string().optional(),
  PAXSCREEN_RULES_DIR: z.string().min(1).default(resolve(ROOT, 'rules')),
  PAXSCREEN_CREDENTIALS: z.string().min(1).default(DEMO_CREDENTIALS),
  PAXSCREEN_WORKERS: int(1, 256).default(Math.max(1, availableParallelism())),
  PAXSCREEN_BATCH_BUDGET_MS: int(10, 120_000).default(5000),
  PAXSCREEN_INTERACTIVE_BUDGET_MS: int(10, 60_000).default(1000),
  PAXSCREEN_CARRIER_BUDGETS: z
    .string()
    .regex(
      /^$|^[A-Z0-9]{2,4}=\d+(,[A-Z0-9]{2,4}=\d+)*$/,
      'must look like BA=3000,XF=2000 (carrier=milliseconds for batch manifests)',
    )
    .default(''),
  PAXSCREEN_MAX_QUEUE: int(1, 100_000).default(200),
  PAXSCREEN_MAX_IN_FLIGHT: int(1, 100_000).default(48),
  PAXSCREEN_MAX_TRAVELLERS: int(1, 100_000).default(1000),
  PAXSCREEN_MAX_BODY_BYTES: int(1024, 512 * 1024 * 1024).default(5 * 1024 * 1024),
  PAXSCREEN_REQUEST_TIMEOUT_MS: int(1000, 3_600_000).default(60_000),
  PAXSCREEN_IDLE_TIMEOUT_MS: int(100, 3_600_000).default(10_000),
  PAXSCREEN_MAX_LIST_BYTES: int(1024, 2 * 1024 * 1024 * 1024).default(256 * 1024 * 1024),
  PAXSCREEN_MATCH_THRESHOLD: int(1, 100).default(DEFAULT_THRESHOLDS.matchAlert),
  PAXSCREEN_STRONG_MATCH_THRESHOLD: int(1, 100).default(DEFAULT_THRESHOLDS.matchStrong),
  PAXSCREEN_REFERRAL_THRESHOLD: int(1, 1000).default(DEFAULT_THRESHOLDS.referral),
  PAXSCREEN_TRUST_PROXY: z
    .string()
    .regex(
      /^$|^(true|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
      'must be true or a comma-separated list of proxy addresses or CIDR ranges',
    )
    .default(''),
  PAXSCREEN_CHAOS_KILL_WORKER_MS: int(0, 3_600_000).default(0),
  PAXSCREEN_CHECKIN_WINDOW_HOURS: int(0, 24 * 366).default(72),
  PAXSCREEN_CHECKIN_RATE_PER_MINUTE: int(0, 10_000_000).default(6000),
  PAXSCREEN_OPS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PAXSCREEN_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  PAXSCREEN_CLAIM_MINUTES: int(1, 7 * 24 * 60).default(60),
  PAXSCREEN_SUPPRESSION_DAYS: int(1, 3 * 365).default(365),
  PAXSCREEN_RETENTION_DAYS: int(1, 3650).default(180),
  PAXSCREEN_REFERRAL_RETENTION_DAYS: int(1, 36500).default(1826),
  PAXSCREEN_LIST_POLL_MS: int(0, 3_600_000).default(10_000),
  PAXSCREEN_LIST_MAX_SKIPPED_SHARE: z.coerce.number().min(0).max(1).default(DEFAULT_LOAD_LIMITS.maxSkippedShare),
  PAXSCREEN_LIST_MAX_SHRINK_SHARE: z.coerce.number().min(0).max(1).default(DEFAULT_LOAD_LIMITS.maxShrinkShare),
  PAXSCREEN_MAX_JOURNEY_TRAVELLERS: int(1, 1_000_000).default(20_000),
  PAXSCREEN_AUDIT_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (a random secret kept outside the database)')
    .optional(),
  PAXSCREEN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAXSCREEN_LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** PostgreSQL instead of the embedded SQLite file: several instances share it. */
  databaseUrl: string | null;
  databasePool: number;
  watchlistFiles: string[];
  rulesDir: string;
  credentialsFile: string;
  workers: number;
  batchBudgetMs: number;
  interactiveBudgetMs: number;
  /** Batch budget per carrier, where it differs from the default. */
  carrierBudgetsMs: Record<string, number>;
  /** Screening tasks that may wait for a worker before requests are refused with 503. */
  maxQueue: number;
  /** Screening requests in progress at once; beyond it requests are refused with 503. */
  maxInFlight: number;
  maxTravellers: number;
  maxBodyBytes: number;
  /** A whole request (headers and body) must arrive within this; slow senders are cut off. */
  requestTimeoutMs: number;
  /** A connection that sends nothing for this long is closed (a body declared and never sent). */
  idleTimeoutMs: number;
  maxListBytes: number;
  thresholds: { matchAlert: number; matchStrong: number; referral: number; contextCap: number };
  listPollMs: number;
  /** A list load that skips or loses more than these shares is refused unless forced. */
  listLimits: { maxSkippedShare: number; maxShrinkShare: number };
  /** Active travellers one journey may hold; a message beyond it is refused with 400. */
  maxJourneyTravellers: number;
  /** Proxies whose X-Forwarded-For is believed (the sign-in rate limit counts per client address): none by default. */
  trustProxy: boolean | string[];
  /** Soak testing only: terminate a screening worker this often (0: never; refused in production). */
  chaosKillWorkerMs: number;
  /** Check-ins only for journeys departing within this many hours (0: no window). */
  checkInWindowHours: number;
  /** Check-ins per minute per carrier token (0: no limit). */
  checkInRatePerMinute: number;
  /** When set, /metrics, /docs and /readyz details need it as a bearer token. */
  opsToken: string | null;
  /** SQLite durability: NORMAL survives a process crash, FULL a power loss too. */
  synchronous: 'NORMAL' | 'FULL';
  /** A claim on an alert lapses after this long. */
  claimMinutes: number;
  /** How long a false-match decision carries forward. */
  suppressionDays: number;
  retentionDays: number;
  /** Alerts decided as a referral or refusal keep their personal data this long. */
  referralRetentionDays: number;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  production: boolean;
  /** The audit chain's key; null in development (a key file beside the database is used). */
  auditKey: string | null;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${renderPath(i.path)}: ${i.message}`));
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const credentialsFile = resolve(e.PAXSCREEN_CREDENTIALS);
  if (production && credentialsFile === DEMO_CREDENTIALS) {
    throw new ConfigError([
      'PAXSCREEN_CREDENTIALS: the demo credentials file may not be used with NODE_ENV=production',
    ]);
  }
  const watchlistFiles = (e.PAXSCREEN_WATCHLISTS ?? (production ? '' : DEMO_WATCHLIST))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((f) => resolve(f));
  if (production && e.PAXSCREEN_WATCHLISTS === undefined) {
    throw new ConfigError([
      'PAXSCREEN_WATCHLISTS: required with NODE_ENV=production (the lists to screen against; an empty value means stored lists only)',
    ]);
  }
  if (production && watchlistFiles.includes(DEMO_WATCHLIST)) {
    throw new ConfigError([
      'PAXSCREEN_WATCHLISTS: the demo watch-list (fictional people) may not be used with NODE_ENV=production',
    ]);
  }
  if (production && e.PAXSCREEN_CHAOS_KILL_WORKER_MS > 0) {
    throw new ConfigError(['PAXSCREEN_CHAOS_KILL_WORKER_MS: a soak-testing switch, refused with NODE_ENV=production']);
  }
  if (production && !e.PAXSCREEN_AUDIT_KEY) {
    throw new ConfigError([
      'PAXSCREEN_AUDIT_KEY: required with NODE_ENV=production (the audit chain is keyed with it; keep it outside the data directory)',
    ]);
  }
  if (e.PAXSCREEN_DATABASE_URL && !e.PAXSCREEN_AUDIT_KEY) {
    throw new ConfigError([
      'PAXSCREEN_AUDIT_KEY: required with PAXSCREEN_DATABASE_URL (every instance must chain the shared audit log with the same key)',
    ]);
  }
  if (e.PAXSCREEN_STRONG_MATCH_THRESHOLD < e.PAXSCREEN_MATCH_THRESHOLD) {
    throw new ConfigError(['PAXSCREEN_STRONG_MATCH_THRESHOLD: must not be below PAXSCREEN_MATCH_THRESHOLD']);
  }
  const dataDir = resolve(e.PAXSCREEN_DATA_DIR);
  return {
    port: e.PAXSCREEN_PORT,
    host: e.PAXSCREEN_HOST,
    dataDir,
    databaseFile: resolve(dataDir, 'paxscreen.sqlite'),
    databaseUrl: e.PAXSCREEN_DATABASE_URL ?? null,
    databasePool: e.PAXSCREEN_DATABASE_POOL,
    watchlistFiles,
    rulesDir: resolve(e.PAXSCREEN_RULES_DIR),
    credentialsFile,
    workers: e.PAXSCREEN_WORKERS,
    batchBudgetMs: e.PAXSCREEN_BATCH_BUDGET_MS,
    interactiveBudgetMs: e.PAXSCREEN_INTERACTIVE_BUDGET_MS,
    carrierBudgetsMs: Object.fromEntries(
      e.PAXSCREEN_CARRIER_BUDGETS.split(',')
        .filter(Boolean)
        .map((kv) => [kv.split('=')[0] as string, Number(kv.split('=')[1])]),
    ),
    maxQueue: e.PAXSCREEN_MAX_QUEUE,
    maxInFlight: e.PAXSCREEN_MAX_IN_FLIGHT,
    maxTravellers: e.PAXSCREEN_MAX_TRAVELLERS,
    maxBodyBytes: e.PAXSCREEN_MAX_BODY_BYTES,
    requestTimeoutMs: e.PAXSCREEN_REQUEST_TIMEOUT_MS,
    idleTimeoutMs: e.PAXSCREEN_IDLE_TIMEOUT_MS,
    maxListBytes: e.PAXSCREEN_MAX_LIST_BYTES,
    thresholds: {
      matchAlert: e.PAXSCREEN_MATCH_THRESHOLD,
      matchStrong: e.PAXSCREEN_STRONG_MATCH_THRESHOLD,
      referral: e.PAXSCREEN_REFERRAL_THRESHOLD,
      contextCap: DEFAULT_THRESHOLDS.contextCap,
    },
    listPollMs: e.PAXSCREEN_LIST_POLL_MS,
    listLimits: {
      maxSkippedShare: e.PAXSCREEN_LIST_MAX_SKIPPED_SHARE,
      maxShrinkShare: e.PAXSCREEN_LIST_MAX_SHRINK_SHARE,
    },
    maxJourneyTravellers: e.PAXSCREEN_MAX_JOURNEY_TRAVELLERS,
    claimMinutes: e.PAXSCREEN_CLAIM_MINUTES,
    suppressionDays: e.PAXSCREEN_SUPPRESSION_DAYS,
    synchronous: e.PAXSCREEN_SYNCHRONOUS,
    opsToken: e.PAXSCREEN_OPS_TOKEN ?? null,
    checkInRatePerMinute: e.PAXSCREEN_CHECKIN_RATE_PER_MINUTE,
    checkInWindowHours: e.PAXSCREEN_CHECKIN_WINDOW_HOURS,
    chaosKillWorkerMs: e.PAXSCREEN_CHAOS_KILL_WORKER_MS,
    trustProxy:
      e.PAXSCREEN_TRUST_PROXY === 'true'
        ? true
        : e.PAXSCREEN_TRUST_PROXY === ''
          ? false
          : e.PAXSCREEN_TRUST_PROXY.split(','),
    retentionDays: e.PAXSCREEN_RETENTION_DAYS,
    referralRetentionDays: Math.max(e.PAXSCREEN_REFERRAL_RETENTION_DAYS, e.PAXSCREEN_RETENTION_DAYS),
    logLevel: e.PAXSCREEN_LOG_LEVEL,
    // auto: readable lines when a person watches the terminal, JSON otherwise.
    logFormat: e.PAXSCREEN_LOG_FORMAT === 'auto' ? (process.stdout.isTTY ? 'pretty' : 'json') : e.PAXSCREEN_LOG_FORMAT,
    production,
    auditKey: e.PAXSCREEN_AUDIT_KEY ?? null,
  };
}
