import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ensureBuilt, SERVER_ENTRY, spawnServer } from './support/server-process.js';

/**
 * SEED_FILE as a user of the process sees it: the built server logs one summary line per tenant and serves;
 * a bad entry makes it print one line naming the entry and exit 1, before it ever listens.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'seed.json');
const TIMEOUT = 300_000;

function runToExit(env: Record<string, string>, limitMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server still running after ${limitMs} ms:\n${stdout}\n${stderr}`));
    }, limitMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('SEED_FILE: the built server', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'seed-process-'));
  }, TIMEOUT);
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'a bad entry: one line naming it on stderr, exit 1',
    async () => {
      const seed = JSON.parse(await readFile(EXAMPLE, 'utf8'));
      seed.tenants[0].users[0].roles = ['Global Admin'];
      const file = join(dir, 'bad-role.json');
      await writeFile(file, JSON.stringify(seed));
      const run = await runToExit({ DATABASE_URL: db.url, SEED_FILE: file });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^Failed to start: SEED_FILE tenants\[0\]\.users\[0\]\.roles\[0\]: "Global Admin" is not a Microsoft Entra built-in role name or template id\.[^\n]*\n$/,
      );
    },
    TIMEOUT,
  );

  it(
    'the example: one summary line per tenant, then it serves',
    async () => {
      const server = await spawnServer({ DATABASE_URL: db.url, SEED_FILE: EXAMPLE, LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, 120_000);
      try {
        const lines = server
          .output()
          .split('\n')
          .filter((l) => l.includes('SEED_FILE tenant'));
        expect(lines).toHaveLength(1);
        expect(JSON.parse(lines[0]).msg).toMatch(
          /^SEED_FILE tenant 6e1c8b3a-5f7d-4c2e-9a10-2b3c4d5e6f70: users 2 created, 0 unchanged; applications 2 created, 0 unchanged; .*roles 1 created, 0 unchanged/,
        );
      } finally {
        expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      }
    },
    TIMEOUT,
  );
});
