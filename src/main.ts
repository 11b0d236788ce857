import 'reflect-metadata';
import cluster from 'node:cluster';
import { createApp } from './app.factory.js';
import { stopWhenLauncherDies } from './cluster/launcher-watch.js';
import { runPrimary, workerCount } from './cluster/primary.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { provideDatabase } from './database/database-server.js';
import { createLogger } from './logging/logger.js';
import { logStartupSummary, StartupPhases } from './logging/startup.js';

async function main(): Promise<void> {
  const phases = new StartupPhases();
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config);
  // A worker's parent is the primary, which stops it itself.
  if (!cluster.isWorker) stopWhenLauncherDies(config.underNpm);

  // WORKERS=N: this process only supervises; N workers (this same file) serve, on one shared port.
  const workers = workerCount(config);
  if (workers > 1 && cluster.isPrimary) return runPrimary(config, logger, workers);

  phases.mark('config');
  const database = await provideDatabase(config, logger);
  phases.mark('database');
  const app = await createApp(config, database.url, logger).catch(async (e) => {
    await database.stop();
    throw e;
  });
  phases.mark('app and migrations');
  await app.listen(config.port, config.host);
  phases.mark('listen');
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  // A cluster's primary prints the summary once for all workers.
  if (cluster.isWorker) logger.debug(`worker ${process.pid} listening on ${url}; ${phases.line()}`);
  else {
    logStartupSummary(logger, config, url, database.description);
    logger.info(phases.line());
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A worker gets Ctrl+C from the terminal and SIGTERM from its primary: both mean "drain".
      if (cluster.isWorker) return;
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: no new connections; finishing in-flight requests`);
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests, closes the pool
      await database.stop();
      logger.info('stopped');
      logger.flush?.();
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  // One line naming the cause (an embedded-Postgres conflict, an unusable DATA_DIR, an unreachable database...).
  const cause = e instanceof Error ? e.message.split('\n')[0] : e === undefined ? 'unknown error (see the log above)' : String(e);
  process.stderr.write(`Failed to start: ${cause}\n`);
  process.exit(1);
});
