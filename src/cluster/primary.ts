import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { provideDatabase } from '../database/database-server.js';
import { logStartupSummary, StartupPhases } from '../logging/startup.js';

/** WORKERS as a count: `auto` is one per core. */
export function workerCount(config: AppConfig): number {
  return config.workers === 'auto' ? availableParallelism() : config.workers;
}

/** A worker that dies this many times within CRASH_WINDOW_MS means something is wrong: stop everything. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;
const RESPAWN_DELAY_MS = 1000;

/**
 * The primary of `WORKERS=N` (node:cluster): it serves no request. It starts the embedded Postgres
 * once (unless DATABASE_URL is set), forks N workers that each run the whole app on that database
 * and share the listening port (the primary hands connections out round-robin), replaces a worker
 * that crashes, and on SIGTERM/SIGINT asks every worker to drain, waits, stops Postgres and exits
 * (0 only if every worker stopped cleanly).
 */
export async function runPrimary(config: AppConfig, logger: Logger, count: number): Promise<void> {
  const phases = new StartupPhases();
  const database = await provideDatabase(config, logger);
  phases.mark('database');

  let stopping = false;
  let failed = false;
  const crashes: number[] = [];
  // Workers get the database the primary chose; everything else they read from the same environment.
  const fork = (): Worker => cluster.fork({ DATABASE_URL: database.url });

  const finish = async () => {
    try {
      await database.stop();
    } catch (e) {
      logger.error({ err: e }, 'stopping embedded Postgres failed');
      failed = true;
    }
    logger.info('all workers stopped');
    logger.flush?.();
    process.exit(failed ? 1 : 0);
  };

  const stop = (reason: string, exitFailed = false) => {
    if (stopping) return;
    stopping = true;
    failed ||= exitFailed;
    logger.info(`${reason}: asking ${Object.keys(cluster.workers ?? {}).length} workers to finish in-flight requests`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (!workers.length) return void finish();
    for (const w of workers) w.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      logger.error('workers did not stop in time; killing them');
      failed = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + 2000);
    timer.unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      // Killed by our SIGTERM itself: a worker still booting (its drain handler not yet installed) had served nothing.
      if (code !== 0 && signal !== 'SIGTERM') failed = true;
      if (!Object.keys(cluster.workers ?? {}).length) void finish();
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length >= MAX_CRASHES) {
      logger.fatal(`workers keep dying (${crashes.length} in ${CRASH_WINDOW_MS / 1000} s); stopping`);
      stop('crash loop', true);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    setTimeout(() => stopping || fork(), RESPAWN_DELAY_MS).unref();
  });

  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening !== count) return;
    phases.mark(`${count} workers`);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    logStartupSummary(logger, config, `${config.tls ? 'https' : 'http'}://${host}:${address.port}`, `${database.description} (${count} workers)`);
    logger.info(phases.line());
  });

  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < count; i++) fork();
}
