import 'reflect-metadata';
import cluster from 'node:cluster';
import { createApp } from './app.factory.js';
import { runPrimary, workerCount } from './cluster/primary.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { provideDatabase } from './database/database-server.js';
import { createLogger } from './logging/logger.js';

async function main(): Promise<void> {
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

  // WORKERS=N: this process only supervises; N workers (this same file) serve, on one shared port.
  const workers = workerCount(config);
  if (workers > 1 && cluster.isPrimary) return runPrimary(config, logger, workers);

  const database = await provideDatabase(config, logger);
  const app = await createApp(config, database.url, logger).catch(async (e) => {
    await database.stop();
    throw e;
  });
  await app.listen(config.port, config.host);
  logger.info(`Graph identity server listening on ${await app.getUrl()} (docs at /docs)`);

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
  process.stderr.write(`Failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
