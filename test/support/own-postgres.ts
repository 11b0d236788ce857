import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/database/embedded-postgres.js';
import { ensureDatabase } from '../../src/database/ensure-database.js';

/**
 * A Postgres of one suite's own, which the suite may freeze (SIGSTOP: it accepts TCP and never
 * answers, like a stalled server) without touching the server the other suites share.
 */
export interface OwnPostgres {
  /** URL of a database on it, for startTestApp's `databaseUrl`. */
  readonly url: string;
  freeze(): Promise<void>;
  thaw(): void;
  stop(): Promise<void>;
}

export async function startOwnPostgres(database: string): Promise<OwnPostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'graph-hostile-pg-'));
  await chmod(dataDir, 0o755); // as root, Postgres runs as the `postgres` user and must reach its folder
  let server: EmbeddedPostgresHandle | undefined;
  try {
    server = await startEmbeddedPostgres({ dataDir, port: 20000 + Math.floor(Math.random() * 20000) });
    const url = await ensureDatabase(server.url, database);
    let frozen: number[] = [];
    const thaw = () => {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      frozen = [];
    };
    return {
      url,
      async freeze() {
        frozen = await postgresPids(dataDir);
        for (const pid of frozen) process.kill(pid, 'SIGSTOP');
      },
      thaw,
      async stop() {
        thaw();
        await server?.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** The postmaster (from its pid file) and its children: every process of a test's own server. */
export async function postgresPids(dataDir: string): Promise<number[]> {
  const postmaster = Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  return [postmaster, ...children];
}
