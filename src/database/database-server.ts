import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { ensureDatabase } from './ensure-database.js';

export interface DatabaseServer {
  /** Connection string of the service's database. */
  readonly url: string;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

/**
 * The Postgres the service runs on: DATABASE_URL when set, else the embedded server of DATA_DIR
 * (started here, with a `graph` database created on first use).
 */
export async function provideDatabase(config: AppConfig, logger: Logger): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  logger.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded Postgres');
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    onLog: (line) => logger.debug({ component: 'postgres' }, line.trim()),
  });
  try {
    return { url: await ensureDatabase(embedded.url, 'graph'), stop: () => embedded.stop() };
  } catch (e) {
    await embedded.stop();
    throw e;
  }
}
