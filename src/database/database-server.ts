import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { ensureDatabase } from './ensure-database.js';

export interface DatabaseServer {
  /** Connection string of the service's database. */
  readonly url: string;
  /** What the start-up summary says about it (no password). */
  readonly description: string;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * The Postgres the service runs on: DATABASE_URL when set, else the embedded server of DATA_DIR
 * (started here, with a `graph` database created on first use).
 */
export async function provideDatabase(config: AppConfig, logger: Logger): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, description: redactUrl(config.databaseUrl), stop: async () => undefined };
  }
  logger.debug({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded Postgres');
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    portFallback: !config.embeddedPgPortFixed,
    onLog: (line) => logger.debug({ component: 'postgres' }, line.trim()),
    onNotice: (line) => logger.info({ component: 'postgres' }, line),
  });
  try {
    return {
      url: await ensureDatabase(embedded.url, 'graph'),
      description: `embedded Postgres on 127.0.0.1:${embedded.port}, data in ${config.dataDir}`,
      stop: () => embedded.stop(),
    };
  } catch (e) {
    await embedded.stop();
    throw e;
  }
}
