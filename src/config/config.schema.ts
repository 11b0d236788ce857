import { z } from 'zod';

/** Comma-separated list → trimmed, non-empty items. */
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const url = (what: string) =>
  z.string().refine((v) => {
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  }, `${what} must be an absolute URL`);

/** `*` (any origin), `none`, or a comma-separated list of origins (`scheme://host[:port]`, no path). */
const corsOrigins = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .refine(
    (list) =>
      list.length === 1 && (list[0] === '*' || list[0] === 'none')
        ? true
        : list.every((o) => {
            try {
              return new URL(o).origin === o;
            } catch {
              return false;
            }
          }),
    'CORS_ORIGINS must be *, none, or comma-separated origins such as https://app.example.com (scheme, host, optional port; no path)',
  )
  .transform((list): '*' | string[] => (list[0] === '*' ? '*' : list[0] === 'none' ? [] : list));

/**
 * Every setting the service reads, with its default. The only place that knows the
 * environment's variable names; `loadConfig` is the only reader of process.env (main.ts passes it).
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Set by npm for `npm start` and other scripts: the service then also stops when npm goes away. */
  npm_lifecycle_event: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: url('DATABASE_URL').optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PUBLIC_BASE_URL: url('PUBLIC_BASE_URL')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Longest wait for a request's headers (slow clients); Node's default is 60 s. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** Longest wait for a whole request, body included (0 in Fastify's default: never). */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(3_600_000).default(120_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  AUTH_JWKS_URI: url('AUTH_JWKS_URI').optional(),
  AUTH_ISSUER: csv.optional(),
  AUTH_AUDIENCE: csv.default(['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000']),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(300),
  TLS_CERT_FILE: z.string().min(1).optional(),
  /** A seed file (JSON) loaded at start, idempotently (docs/choices.md "The seed file (issue #14)"). */
  SEED_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** Shared store for throttling budgets (several instances, one budget); in-memory when unset. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  /** Requests per 10 s per tenant (`tid`); 0 disables. */
  THROTTLE_TENANT_PER_10S: z.coerce.number().int().min(0).default(200_000),
  /** Requests per 10 s per caller in a tenant: the app (app-only tokens) or the user (delegated); 0 disables. */
  THROTTLE_CLIENT_PER_10S: z.coerce.number().int().min(0).default(100_000),
  /** Smart lockout (Entra's defaults): failed sign-ins before the account locks; 0 disables lockout. */
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(0).max(1000).default(10),
  /** The first lockout's length in seconds; each further lockout doubles it (up to LOCKOUT_MAX_DURATION_SECONDS). */
  LOCKOUT_DURATION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOCKOUT_MAX_DURATION_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3_600),
  /** Browser origins allowed to call the API (CORS); Graph allows any. */
  CORS_ORIGINS: corsOrigins.default('*'),
  /** Worker processes sharing the port (node:cluster); `auto` = one per core. */
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
});

export type RawConfig = z.infer<typeof configSchema>;
