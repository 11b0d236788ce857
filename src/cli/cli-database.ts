import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { runningEmbeddedPort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../database/embedded-postgres.js';
import { ensureDatabase } from '../database/ensure-database.js';
import { runMigrationsLocked } from '../database/migrate.js';

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
    // The port DATA_DIR's running server recorded (it may differ from EMBEDDED_PG_PORT): never another folder's server.
    const running = runningEmbeddedPort(config.dataDir);
    let admin = running ? `postgres://postgres:postgres@127.0.0.1:${running}/postgres` : undefined;
    if (!admin || !(await reachable(admin))) {
      embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        portFallback: !config.embeddedPgPortFixed,
      });
      admin = embedded.url;
    }
    url = await ensureDatabase(admin, 'graph');
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
