import { configSchema, type RawConfig } from './config.schema.js';

/** The typed, validated configuration the whole app reads (injected as `AppConfig`). */
export class AppConfig {
  readonly env: RawConfig['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  /** Set when the operator chose a Postgres; otherwise main.ts starts an embedded one. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  /** EMBEDDED_PG_PORT was set: use exactly that port (the default may give way to a free one). */
  readonly embeddedPgPortFixed: boolean;
  readonly publicBaseUrl?: string;
  readonly logLevel: RawConfig['LOG_LEVEL'];
  readonly logFormat: 'json' | 'pretty';
  readonly bodyLimitBytes: number;
  readonly db: { poolSize: number; connectTimeoutMs: number; statementTimeoutMs: number };
  readonly shutdownTimeoutMs: number;
  /** Slow-client bounds of the HTTP server (headers, then the whole request). */
  readonly http: { headersTimeoutMs: number; requestTimeoutMs: number };
  readonly trustProxy: boolean;
  readonly auth: { jwksUri?: string; issuers?: string[]; audiences: string[]; clockSkewSeconds: number };
  readonly tls?: { certFile: string; keyFile: string };
  readonly redisUrl?: string;
  /** Budgets per 10 s window; 0 disables that budget. */
  readonly throttle: { tenantPer10s: number; clientPer10s: number };
  /** Smart lockout of the identity platform (threshold 0: off); durations in seconds. */
  readonly lockout: { threshold: number; durationSeconds: number; maxDurationSeconds: number };
  /** Worker processes (main.ts resolves `auto` to the number of cores). */
  readonly workers: number | 'auto';
  /** Started by an npm script (`npm start`): npm's shell does not pass signals on (cluster/launcher-watch.ts). */
  readonly underNpm: boolean;
  /** Origins browsers may call from: `*` (any), or a list (empty: CORS off). */
  readonly corsOrigins: '*' | readonly string[];
  /** SEED_FILE: loaded after migrations, before the server listens (src/seed/). */
  readonly seedFile?: string;

  constructor(raw: RawConfig) {
    this.env = raw.NODE_ENV;
    this.port = raw.PORT;
    this.host = raw.HOST;
    this.databaseUrl = raw.DATABASE_URL;
    this.dataDir = raw.DATA_DIR;
    this.embeddedPgPort = raw.EMBEDDED_PG_PORT ?? 54329;
    this.embeddedPgPortFixed = raw.EMBEDDED_PG_PORT !== undefined;
    this.publicBaseUrl = raw.PUBLIC_BASE_URL;
    this.logLevel = raw.LOG_LEVEL;
    this.logFormat = raw.LOG_FORMAT ?? (raw.NODE_ENV === 'development' ? 'pretty' : 'json');
    this.bodyLimitBytes = raw.BODY_LIMIT_BYTES;
    this.db = {
      poolSize: raw.DB_POOL_SIZE,
      connectTimeoutMs: raw.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: raw.DB_STATEMENT_TIMEOUT_MS,
    };
    this.shutdownTimeoutMs = raw.SHUTDOWN_TIMEOUT_MS;
    if (raw.HTTP_HEADERS_TIMEOUT_MS > raw.HTTP_REQUEST_TIMEOUT_MS) {
      throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
    }
    this.http = { headersTimeoutMs: raw.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: raw.HTTP_REQUEST_TIMEOUT_MS };
    this.trustProxy = raw.TRUST_PROXY;
    this.auth = {
      jwksUri: raw.AUTH_JWKS_URI,
      issuers: raw.AUTH_ISSUER,
      audiences: raw.AUTH_AUDIENCE,
      clockSkewSeconds: raw.AUTH_CLOCK_SKEW_SECONDS,
    };
    this.redisUrl = raw.REDIS_URL;
    this.throttle = { tenantPer10s: raw.THROTTLE_TENANT_PER_10S, clientPer10s: raw.THROTTLE_CLIENT_PER_10S };
    this.lockout = {
      threshold: raw.LOCKOUT_THRESHOLD,
      durationSeconds: raw.LOCKOUT_DURATION_SECONDS,
      maxDurationSeconds: Math.max(raw.LOCKOUT_DURATION_SECONDS, raw.LOCKOUT_MAX_DURATION_SECONDS),
    };
    this.workers = raw.WORKERS;
    this.underNpm = raw.npm_lifecycle_event !== undefined;
    this.corsOrigins = raw.CORS_ORIGINS;
    this.seedFile = raw.SEED_FILE;
    if (raw.TLS_CERT_FILE || raw.TLS_KEY_FILE) {
      if (!raw.TLS_CERT_FILE || !raw.TLS_KEY_FILE) {
        throw new ConfigError('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
      }
      this.tls = { certFile: raw.TLS_CERT_FILE, keyFile: raw.TLS_KEY_FILE };
    }
  }
}

export class ConfigError extends Error {}

/**
 * Parses an environment-like record. Throws ConfigError with one line naming every bad value,
 * so main.ts can print it and exit.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // Empty strings mean "unset", as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  try {
    return new AppConfig(parsed.data);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(`Invalid configuration: ${e.message}`);
    throw e;
  }
}
