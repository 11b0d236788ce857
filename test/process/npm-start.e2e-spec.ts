import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedServerFixture, ensureBuilt, freePort } from '../support/server-process.js';
import { isProcessAlive as alive } from '../../src/database/embedded-postgres.js';
import { waitFor } from '../support/wait.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

describe('`npm start`, then `kill <npm pid>` (SIGTERM)', () => {
  let fixture: Awaited<ReturnType<typeof embeddedServerFixture>>;
  let npm: ChildProcess | undefined;
  let pids: number[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    fixture = await embeddedServerFixture('graph-npm-start-');
  });
  afterAll(async () => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    npm?.kill('SIGKILL');
    await fixture?.cleanup(undefined);
  });

  it('stops the service and its embedded Postgres: nothing is left running', async () => {
    const port = await freePort();
    // --ignore-scripts skips only the prestart build (dist/ is shared with the other suites); `start` runs as users run it.
    npm = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        DATA_DIR: fixture.dataDir,
        EMBEDDED_PG_PORT: String(fixture.pgPort),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    npm.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await waitFor('the service to answer /health', async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status === 200, 90_000);
    const [service, postgres] = readFileSync(join(fixture.dataDir, 'postgres.owner'), 'utf8').split('\n').map(Number);
    pids = [service, postgres];
    expect(alive(service) && alive(postgres)).toBe(true);

    npm.kill('SIGTERM');
    await waitFor('the service to exit', () => !alive(service), 60_000);
    await waitFor('its Postgres to exit', () => !alive(postgres), 60_000);
    expect(output).toContain('SIGTERM: no new connections; finishing in-flight requests');
    expect(output).toContain('"msg":"stopped"');
  });
});
