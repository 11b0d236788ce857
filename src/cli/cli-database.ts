import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../database/embedded-postgres.js';
import { ensureDatabase } from '../database/ensure-database.js';
import { runMigrationsLocked } from '../database/migrate.js';

/** The embedded server's URL as main.ts sets it up (database `graph`). */
function embeddedUrl(config: AppConfig, database = 'graph'): string {
  return `postgres://postgres:postgres@127.0.0.1:${config.embeddedPgPort}/${database}`;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs `fn` with a migrated DataSource on the service's database, for command-line tools:
 * DATABASE_URL when set; else the embedded server of DATA_DIR, used as is while the service runs,
 * or started (and stopped again) for the duration of the command when it does not.
 */
export async function withCliDataSource<T>(fn: (ds: DataSource, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  let embedded: EmbeddedPostgresHandle | undefined;
  let url = config.databaseUrl;
  if (!url) {
    url = embeddedUrl(config);
    if (!(await reachable(embeddedUrl(config, 'postgres')))) {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
    }
    url = await ensureDatabase(embeddedUrl(config, 'postgres'), 'graph');
  }
  const ds = await new DataSource(dataSourceOptions(url, config.db)).initialize();
  try {
    await runMigrationsLocked(ds);
    return await fn(ds, config);
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}
