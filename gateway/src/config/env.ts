import { z } from 'zod';

/** Every variable of CONTRACT.md, parsed once at start. No other module reads process.env. */
const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const masterKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (unset for embedded SQLite)')
    .optional(),
  MASTER_KEY: masterKey.optional(),
  SETUP_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PUBLIC_URL: z.url().optional(),
  GRAPH_API_BASE_URL: z.url().default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v24.0')
    .default('v24.0'),
  TRUST_PROXY: boolean.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Free space kept on the data directory's disk (SQLite); below it intake answers 429. */
  DISK_RESERVE_MB: z.coerce.number().min(0).default(64),
  /** Outbox capacity in events; past it intake answers 429. */
  OUTBOX_MAX_EVENTS: z.coerce.number().int().positive().default(1_000_000),
  /** How long a replica's claim on outbox rows lasts before another replica may take them. */
  OUTBOX_LEASE_MS: z.coerce.number().int().positive().default(30_000),
  /** Timeout of one Graph API call. */
  GRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Longest time an event may wait before it is sent (per-pixel batches flush sooner when full). */
  FORWARD_FLUSH_MS: z.coerce.number().int().positive().default(1_000),
  /** Ceiling of the retry backoff towards Meta. */
  FORWARD_RETRY_MAX_MS: z.coerce.number().int().positive().default(60_000),
  /** How long events of a pixel with an invalid access token are held for a new token. */
  HOLD_RETENTION_HOURS: z.coerce.number().positive().default(72),
  /** Sign-in, reset, invitation-accept and token requests per minute per client IP. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
});

export type Config = z.infer<typeof EnvSchema> & {
  publicUrl: string;
  database: { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws ConfigError naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as they do in most deploy tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(present);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    }
  }
  if (parsed.success && parsed.data.DATABASE_URL && !parsed.data.MASTER_KEY) {
    problems.push('MASTER_KEY: required when DATABASE_URL is set (replicas must share one key)');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const c = parsed.data;
  return {
    ...c,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL }
      : { kind: 'sqlite', dir: c.DATA_DIR },
  };
}
