import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { embeddedServerFixture, ensureBuilt, freePort, SERVER_ENTRY, spawnServer, type ServerProcess } from '../support/server-process.js';
import { isProcessAlive as alive } from '../../src/database/embedded-postgres.js';
import { waitFor } from '../support/wait.js';

const isRoot = process.getuid?.() === 0;

/** The built server expected to refuse to start: its exit code and everything it printed. */
function runToExit(env: Record<string, string>, limitMs = 90_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server still running after ${limitMs} ms:\n${output}`));
    }, limitMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** What DATA_DIR's owner file says: the service's pid, its Postgres's pid, the port. */
const owner = (dataDir: string) => readFileSync(join(dataDir, 'postgres.owner'), 'utf8').split('\n').map(Number);
const clusterOf = (dataDir: string) => realpathSync(join(dataDir, 'pg'));
/** Children of a process (Linux). */
const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
/** SIGKILL, unless the process has exited since it was listed (a short-lived child, e.g. a `ps` check). */
const kill9 = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
};

describe('embedded Postgres: private folders, conflicts, crashes (the built server)', () => {
  let fixture: Awaited<ReturnType<typeof embeddedServerFixture>>;
  let server: ServerProcess | undefined;
  const env = () => ({ DATA_DIR: fixture.dataDir, EMBEDDED_PG_PORT: String(fixture.pgPort), LOG_LEVEL: 'info', LOG_FORMAT: 'json' });

  beforeAll(async () => {
    await ensureBuilt();
    fixture = await embeddedServerFixture('graph-embedded-pg-');
  });
  afterAll(() => fixture?.cleanup(server));

  it('starts in a private DATA_DIR (mode 0700, as `mktemp -d` makes it) and says which system user runs Postgres', async () => {
    expect(statSync(fixture.dataDir).mode & 0o777).toBe(0o700);
    server = await spawnServer(env());
    if (isRoot) {
      expect(server.output()).toContain('Postgres runs as the existing system user `postgres`');
      expect(server.output()).toMatch(/the postgres user cannot reach DATA_DIR .* its cluster lives in/);
    }
    expect(statSync(fixture.dataDir).mode & 0o777).toBe(0o700); // nothing was opened up
  });

  it('a second instance on the same DATA_DIR refuses in one line naming the cause; the first keeps serving', async () => {
    const second = await runToExit({ DATA_DIR: fixture.dataDir, EMBEDDED_PG_PORT: String(fixture.pgPort) });
    expect(second.code).toBe(1);
    expect(second.output.trim().split('\n')).toEqual([
      expect.stringMatching(/^Failed to start: DATA_DIR is in use by another running instance \(pid \d+, its Postgres pid \d+\)/),
    ]);
    expect((await fetch(`${server!.url}/health`)).status).toBe(200);
  });

  it('SIGKILL of the service takes its Postgres down too; the next start serves again', async () => {
    const [, pgPid] = owner(fixture.dataDir);
    expect(alive(pgPid)).toBe(true);
    await server!.stop('SIGKILL');
    server = undefined;
    await waitFor('the orphaned Postgres to stop', () => !alive(pgPid), 60_000);
    server = await spawnServer(env());
  });

  it('an orphaned Postgres of a service that died (its watchdog too) is stopped by the next start', async () => {
    const [nodePid, pgPid] = owner(fixture.dataDir);
    for (const pid of childrenOf(nodePid).filter((p) => p !== pgPid)) kill9(pid); // the watchdog
    await server!.stop('SIGKILL');
    server = undefined;
    expect(alive(pgPid)).toBe(true);
    server = await spawnServer(env());
    expect(server.output()).toContain(`stopping the orphaned Postgres (pid ${pgPid}) of a previous run that died (pid ${nodePid})`);
    expect(alive(pgPid)).toBe(false);
  });

  it('a stale postmaster.pid after a crash (its pid since reused by another program) is removed by itself', async () => {
    const [nodePid, pgPid] = owner(fixture.dataDir);
    for (const pid of childrenOf(nodePid)) kill9(pid); // Postgres and the watchdog crash with it
    await server!.stop('SIGKILL');
    server = undefined;
    await waitFor('Postgres gone', () => !alive(pgPid), 30_000);
    const lock = join(clusterOf(fixture.dataDir), 'postmaster.pid');
    expect(existsSync(lock)).toBe(true);
    const [, ...rest] = readFileSync(lock, 'utf8').split('\n');
    writeFileSync(lock, [String(process.pid), ...rest].join('\n')); // a live pid that is not Postgres
    server = await spawnServer(env());
    expect(server.output()).toContain(`removed a stale lock (${lock} named pid ${process.pid}, which no longer runs Postgres)`);
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    server = undefined;
  });
});

describe('embedded Postgres: ports', () => {
  let fixture: Awaited<ReturnType<typeof embeddedServerFixture>>;
  let server: ServerProcess | undefined;
  let holder: Server | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    fixture = await embeddedServerFixture('graph-embedded-port-');
  });
  afterAll(async () => {
    holder?.close();
    await fixture?.cleanup(server);
  });

  it('the default port taken by another program: a free port instead, said in the log', async () => {
    // Hold 54329 (unless someone else already does: then it is taken all the same).
    holder = await new Promise<Server | undefined>((done) => {
      const s = createServer();
      s.once('error', () => done(undefined));
      s.listen(54329, '127.0.0.1', () => done(s));
    });
    server = await spawnServer({ DATA_DIR: fixture.dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    expect(server.output()).toMatch(/port 54329 is taken \(another program, or the Postgres of another DATA_DIR\): embedded Postgres uses port \d+/);
    expect(server.output()).toMatch(/database: embedded Postgres on 127\.0\.0\.1:(?!54329)\d+/);
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    server = undefined;
  });

  it('an explicit EMBEDDED_PG_PORT that is taken: one line naming it, exit 1', async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((r) => taken.listen(port, '127.0.0.1', () => r()));
    try {
      const run = await runToExit({ DATA_DIR: fixture.dataDir, EMBEDDED_PG_PORT: String(port) });
      expect(run).toEqual({ code: 1, output: `Failed to start: EMBEDDED_PG_PORT ${port} is taken by another program: choose another port\n` });
    } finally {
      taken.close();
    }
  });
});

describe('embedded Postgres: unusable folders', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'graph-unusable-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['/proc/x', 'ENOENT'],
    ['a regular file', 'ENOTDIR'],
  ])('DATA_DIR=%s: one line and exit 1 (no hang)', async (what, code) => {
    let dataDir = what;
    if (what === 'a regular file') {
      dataDir = join(dir, 'file');
      await writeFile(dataDir, 'not a folder');
    }
    const run = await runToExit({ DATA_DIR: dataDir });
    expect(run).toEqual({ code: 1, output: `Failed to start: DATA_DIR ${dataDir} is not a usable folder (${code}): choose a writable folder\n` });
  });
});

describe('embedded Postgres: binaries in a private folder (a clone under /root or in `mktemp -d`)', () => {
  let dir: string;
  const notices: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-private-clone-'));
    const name = `@embedded-postgres/${process.platform}-${process.arch}`;
    const { postgres } = (await import(name)) as { postgres: string };
    execFileSync('cp', ['-a', '--link', dirname(dirname(postgres)), join(dir, 'native')]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    const copy = notices.join('\n').match(/a copy of the Postgres binaries in (\S+)/)?.[1];
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it('runs them (as root, from a copy the postgres user can reach), initialises, serves, stops', async () => {
    const server = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port: await freePort(),
      binaries: join(dir, 'native'),
      temporary: true,
      onNotice: (line) => notices.push(line),
    });
    try {
      const client = new pg.Client(server.url);
      await client.connect();
      const { rows } = await client.query('SELECT 1 AS one');
      await client.end();
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
    if (isRoot) expect(notices.join('\n')).toMatch(/the postgres user cannot reach .*native: using a copy of the Postgres binaries in \/\S+/);
  });
});
