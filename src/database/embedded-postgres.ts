import { spawn, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensurePostgresUser, placeCluster, reachableBinaries, type PostgresUser } from './embedded-postgres-root.js';

// Self-contained on purpose (node built-ins only): test/support/global-setup.mjs transpiles and loads it.

export interface EmbeddedPostgresHandle {
  /** Connection string for the `postgres` database of the embedded server. */
  readonly url: string;
  /** The port it listens on (EMBEDDED_PG_PORT, or the free one chosen instead). */
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Holds the cluster (`<dataDir>/pg`); created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  /** When `port` is taken by something else, use a free port instead of failing (the default port only). */
  portFallback?: boolean;
  /** The server's own log lines (debug material). */
  onLog?: (line: string) => void;
  /** One-line notices worth an operator's attention (postgres user, port chosen, lock recovered). */
  onNotice?: (line: string) => void;
  /** Removes the cluster on stop (test servers). */
  temporary?: boolean;
  /** Extra `postgres` settings, e.g. `['-c', 'fsync=off']`. */
  postgresFlags?: string[];
  /** The folder holding the binaries' bin/, lib/ and share/; default: the installed @embedded-postgres package's. */
  binaries?: string;
}

/** A start failure whose message is the one-line cause. */
export class EmbeddedPostgresError extends Error {}

const PASSWORD = 'postgres';
const START_LIMIT_MS = 120_000;
const STOP_LIMIT_MS = 30_000;
/** The service process that owns the cluster's running server, beside DATA_DIR's `pg`. */
const OWNER_FILE = 'postgres.owner';

/** `@embedded-postgres/<platform>-<arch>` (a dependency of `embedded-postgres`) ships the binaries. */
async function nativeDir(): Promise<string> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  try {
    const pkg: { postgres: string } = await import(name);
    return dirname(dirname(pkg.postgres));
  } catch {
    throw new EmbeddedPostgresError(`no embedded Postgres binaries for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL`);
  }
}

/** mkdir -p that fails instead of looping (Node's recursive mkdir spins forever under /proc). */
function ensureUsableFolder(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  try {
    for (const m of missing) mkdirSync(m);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    const probe = join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new EmbeddedPostgresError(`DATA_DIR ${dir} is not a usable folder (${code}): choose a writable folder`);
  }
}

/** Whether a process exists (EPERM: it does, owned by another user such as `postgres`). */
export const isProcessAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const procText = (pid: number | 'self', what: string) => {
  try {
    return readFileSync(`/proc/${pid}/${what}`, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/**
 * Whether `pid` is the postmaster of `cluster`. A crashed server's pid may since belong to anything, even
 * another cluster's server: on Linux checked by executable name and working folder (a postmaster works in
 * its data folder).
 */
const runsCluster = (pid: number, cluster: string) => {
  if (!isProcessAlive(pid)) return false;
  if (platform() !== 'linux') return true;
  if (procText(pid, 'comm') !== 'postgres') return false;
  try {
    return realpathSync(`/proc/${pid}/cwd`) === realpathSync(cluster);
  } catch {
    return true; // not ours to inspect: trust the name
  }
};

/** Whether `pid` is a live process of the same program as this one (a service or CLI of ours, pid not reused). */
const runsLikeUs = (pid: number) => isProcessAlive(pid) && (platform() !== 'linux' || procText(pid, 'comm') === procText('self', 'comm'));

const firstLineNumber = (file: string) => {
  try {
    return Number(readFileSync(file, 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
};

async function waitGone(pid: number, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * A `postmaster.pid` left in the cluster: a server of a previous run that died without stopping it (stopped
 * here), a stale lock after a crash (removed), or another live instance of the service (refused).
 */
async function recoverLock(cluster: string, ownerFile: string, notice: (line: string) => void): Promise<void> {
  const lock = join(cluster, 'postmaster.pid');
  const pid = firstLineNumber(lock);
  if (pid === undefined) return;
  if (!runsCluster(pid, cluster)) {
    rmSync(lock, { force: true });
    notice(`removed a stale lock (${lock} named pid ${pid}, which no longer runs Postgres)`);
    return;
  }
  const owner = firstLineNumber(ownerFile);
  if (owner === undefined) {
    throw new EmbeddedPostgresError(`a Postgres not started by this service (pid ${pid}) already runs on ${cluster}: stop it or choose another DATA_DIR`);
  }
  if (owner !== process.pid && runsLikeUs(owner)) {
    throw new EmbeddedPostgresError(
      `DATA_DIR is in use by another running instance (pid ${owner}, its Postgres pid ${pid}): stop it or choose another DATA_DIR`,
    );
  }
  notice(`stopping the orphaned Postgres (pid ${pid}) of a previous run that died (pid ${owner})`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  if (!(await waitGone(pid, STOP_LIMIT_MS))) {
    process.kill(pid, 'SIGKILL');
    await waitGone(pid, 5000);
  }
  rmSync(lock, { force: true });
}

const portFree = (port: number) =>
  new Promise<boolean>((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });

const anyFreePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** The most telling line of a failed Postgres program's output, with what it means here. */
function cause(output: string, port: number): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /FATAL|PANIC|error:/i.test(l)) ?? lines.find((l) => /ERROR/.test(l)) ?? lines.at(-1) ?? 'no output';
  if (/lock file .* already exists/i.test(output)) return `another Postgres already runs on this DATA_DIR (${line})`;
  if (/could not (bind|create listen)|address already in use/i.test(output)) return `port ${port} is taken (${line})`;
  if (/permission denied|could not access|EACCES/i.test(output)) return `the server cannot reach its files (${line}); see docs/choices.md "Running as root"`;
  return line;
}

/** Runs a Postgres program to completion; rejects with its one-line cause. */
function run(bin: string, args: string[], user: PostgresUser | undefined, onLog: (l: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(bin, args, { ...user, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (c: Buffer) => {
      output += c.toString();
      onLog(c.toString());
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('error', (e) => fail(new EmbeddedPostgresError(`cannot run ${bin}: ${e.message}`)));
    child.once('close', (code) => (code === 0 ? done() : fail(new EmbeddedPostgresError(`initdb failed: ${cause(output, 0)}`))));
  });
}

/**
 * Ends the server should this process die without stopping it (even SIGKILL): a `sh` whose stdin is a pipe
 * from us sees end-of-file when we are gone, then asks the server for a fast shutdown.
 */
function watchdog(pid: number): ChildProcess | undefined {
  if (platform() === 'win32') return undefined;
  // Where /proc exists, only a process that is still a postgres is signalled (its pid may have been reused).
  const script = `read _; [ -r /proc/${pid}/comm ] && [ "$(cat /proc/${pid}/comm)" != postgres ] && exit 0; kill -INT ${pid} 2>/dev/null`;
  const dog = spawn('/bin/sh', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  dog.on('error', () => undefined);
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return dog;
}

/**
 * Starts a real PostgreSQL (binaries from the `embedded-postgres` packages) whose data lives in
 * `<dataDir>/pg`. Every failure is an EmbeddedPostgresError naming its cause in one line. As root the
 * server runs as the `postgres` system user (created when missing) and private folders are worked around
 * (see embedded-postgres-root.ts). The caller owns its lifetime and must call `stop()`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const onLog = options.onLog ?? (() => undefined);
  const notice = options.onNotice ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  ensureUsableFolder(dataDir);
  let native = options.binaries ?? (await nativeDir());

  let user: PostgresUser | undefined;
  let cluster = join(dataDir, 'pg');
  try {
    if (platform() !== 'win32' && userInfo().uid === 0) {
      user = ensurePostgresUser(notice);
      native = reachableBinaries(user, native, notice);
      if (!existsSync(cluster) && !isDanglingLink(cluster)) cluster = placeCluster(user, dataDir, notice);
    }
  } catch (e) {
    throw e instanceof EmbeddedPostgresError ? e : new EmbeddedPostgresError((e as Error).message);
  }
  if (existsSync(cluster)) cluster = realpathSync(cluster);
  else if (isDanglingLink(cluster)) {
    throw new EmbeddedPostgresError(`${cluster} links to ${realTarget(cluster)}, which is gone: remove the link to start afresh`);
  }
  const bin = (name: string) => join(native, 'bin', name);

  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    if (existsSync(cluster) && readdirSync(cluster).length) {
      throw new EmbeddedPostgresError(`${cluster} is neither empty nor a Postgres cluster: move it away or choose another DATA_DIR`);
    }
    mkdirSync(cluster, { recursive: true, mode: 0o700 });
    if (user) chownSync(cluster, user.uid, user.gid);
    // Beside the cluster, where the server's user can read it; the password is no secret (127.0.0.1 only).
    const pwfile = join(dirname(cluster), `.pwfile-${process.pid}`);
    writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await run(
        bin('initdb'),
        [
          `--pgdata=${cluster}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          // UTF8 whatever the environment's locale: without LANG initdb picks SQL_ASCII, and ICU collations then fail.
          '--encoding=UTF8',
          '--locale=C',
        ],
        user,
        onLog,
      );
    } catch (e) {
      // Leave the folder empty, so the next start initialises afresh instead of refusing a half-made cluster.
      for (const entry of readdirSync(cluster)) rmSync(join(cluster, entry), { recursive: true, force: true });
      throw e;
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  const ownerFile = join(dataDir, OWNER_FILE);
  await recoverLock(cluster, ownerFile, notice);

  let port = options.port;
  if (!(await portFree(port))) {
    if (!options.portFallback) {
      throw new EmbeddedPostgresError(`EMBEDDED_PG_PORT ${port} is taken by another program: choose another port`);
    }
    port = await anyFreePort();
    notice(`port ${options.port} is taken (another program, or the Postgres of another DATA_DIR): embedded Postgres uses port ${port}`);
  }

  // Own process group: a Ctrl-C in the terminal reaches us, and we stop the server after draining requests.
  const server = spawn(
    bin('postgres'),
    ['-D', cluster, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(options.postgresFlags ?? [])],
    { ...user, detached: true, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  writeFileSync(ownerFile, `${process.pid}\n${server.pid ?? ''}\n${port}\n`);
  const dog = server.pid ? watchdog(server.pid) : undefined;
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  await new Promise<void>((ready, fail) => {
    // Start-up output only: once ready, lines go to the log and nothing is kept (a long-running
    // server writes every statement error to stderr).
    let output = '';
    let started = false;
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      fail(new EmbeddedPostgresError(`embedded Postgres did not start within ${START_LIMIT_MS / 1000} s: ${cause(output, port)}`));
    }, START_LIMIT_MS);
    server.stderr!.on('data', (c: Buffer) => {
      const text = c.toString();
      onLog(text);
      if (started) return;
      output += text;
      if (output.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        started = true;
        output = '';
        ready();
      }
    });
    server.stdout!.on('data', (c: Buffer) => onLog(c.toString()));
    server.once('error', (e) => fail(new EmbeddedPostgresError(`cannot run ${bin('postgres')}: ${e.message}`)));
    server.once('exit', () => {
      clearTimeout(timer);
      dog?.kill('SIGKILL');
      fail(new EmbeddedPostgresError(`embedded Postgres did not start: ${cause(output, port)}`));
    });
  }).catch((e) => {
    rmSync(ownerFile, { force: true });
    throw e;
  });

  let stopped = false;
  // Last resort on a synchronous exit path (process.exit) without stop(): ask for a fast shutdown.
  const killOnExit = () => {
    if (!stopped && server.pid) {
      try {
        process.kill(server.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', killOnExit);
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      dog?.kill('SIGKILL');
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT');
        const limit = new Promise<'late'>((r) => setTimeout(() => r('late'), STOP_LIMIT_MS).unref());
        if ((await Promise.race([exited, limit])) === 'late') {
          server.kill('SIGKILL');
          await exited;
        }
      }
      rmSync(ownerFile, { force: true });
      if (options.temporary) rmSync(cluster, { recursive: true, force: true });
    },
  };
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && !existsSync(path);
  } catch {
    return false;
  }
}

function realTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return 'a missing folder';
  }
}

/** The port of DATA_DIR's running embedded server as its owner recorded it (it may differ from EMBEDDED_PG_PORT). */
export function runningEmbeddedPort(dataDir: string): number | undefined {
  try {
    const [owner, pid, port] = readFileSync(join(resolve(dataDir), OWNER_FILE), 'utf8')
      .split('\n')
      .map(Number);
    return owner && pid && isProcessAlive(pid) ? port : undefined;
  } catch {
    return undefined;
  }
}
