import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProcessAlive } from '../../src/database/embedded-postgres.js';
import { waitFor } from './wait.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const SERVER_ENTRY = join(ROOT, 'dist', 'src', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = () => !existsSync(SERVER_ENTRY) || statSync(SERVER_ENTRY).mtimeMs < Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'bench')));

/**
 * Makes sure `dist/` holds a build of the current sources (suites that spawn the real server need
 * it). Builds with tsc when missing or older than a source file; a lock keeps parallel suites from
 * building at once.
 */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  // Outside the run's own TMPDIR (global-setup.mjs): runs from one checkout share the lock.
  const lock = join(process.env.GRAPH_TEST_OUTER_TMPDIR || tmpdir(), `graph-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`could not take the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!isStale()) return;
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch {
      // tsc emits despite type errors (someone else's half-done file); only a missing entry point is fatal.
      if (!existsSync(SERVER_ENTRY)) throw new Error('build failed: dist/src/main.js missing');
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far (stdout + stderr). */
  output(): string;
  /** Sends `signal` (none when null) and waits for the exit; SIGKILLs and fails after `limitMs` rather than hanging. */
  stop(signal?: NodeJS.Signals | null, limitMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns the built server (`node dist/src/main.js`) with only the given settings (plus PATH/HOME),
 * on a free port, and waits until /health answers 200.
 */
export async function spawnServer(env: Record<string, string>, readyLimitMs = 60_000): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyLimitMs;
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready:\n${out}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    port,
    exited,
    output: () => out,
    async stop(signal: NodeJS.Signals | null = 'SIGTERM', limitMs = 30_000) {
      if (!gone && signal) child.kill(signal);
      const timer = new Promise<never>((_, reject) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`server did not exit within ${limitMs} ms after ${signal}:\n${out}`));
        }, limitMs);
        void exited.then(() => clearTimeout(t));
      });
      return Promise.race([exited, timer]);
    },
  };
}

/**
 * A data directory and port for a server process that starts its own embedded Postgres, and the
 * cleanup for afterAll: stops the server and, should a test fail half-way, any postmaster left behind.
 */
export async function embeddedServerFixture(prefix: string): Promise<{
  dataDir: string;
  pgPort: number;
  cleanup(server: ServerProcess | undefined): Promise<void>;
}> {
  // Private (0700) like any `mktemp -d`: as root the service must cope (its cluster then lives elsewhere).
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const pgPort = await freePort();
  return {
    dataDir,
    pgPort,
    async cleanup(server) {
      if (server) await server.stop('SIGKILL', 5000).catch(() => undefined);
      const cluster = existsSync(join(dataDir, 'pg')) ? realpathSync(join(dataDir, 'pg')) : undefined;
      const pidFile = cluster && join(cluster, 'postmaster.pid');
      if (pidFile && existsSync(pidFile)) {
        try {
          const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
          process.kill(pid, 'SIGINT');
          await waitFor('the test Postgres to stop', () => !isProcessAlive(pid), 30_000);
        } catch {
          /* gone */
        }
      }
      if (cluster) await rm(cluster, { recursive: true, force: true }); // a private DATA_DIR's cluster lives elsewhere
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
