import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ensureBuilt, spawnServer, type ServerProcess } from './support/server-process.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'token.js');

/** `npm run token` as a user runs it: a separate process, the service's settings, the running service. */
describe('npm run token', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    server = await spawnServer({ DATABASE_URL: db.url });
    env = { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, HOST: '127.0.0.1', PORT: String(server.port) };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  const token = async (...args: string[]) => (await run(process.execPath, [CLI, ...args], { env })).stdout.trim();
  const get = (path: string, bearer: string) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  it('mints a delegated admin token the running service accepts', async () => {
    const t = await token('--upn', 'ada@contoso.com', '--name', 'Ada', '--scp', 'User.Read Policy.Read.ConditionalAccess', '--role', 'Global Reader');
    const me = await get('/v1.0/me', t);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userPrincipalName: 'ada@contoso.com', displayName: 'Ada' });
    expect((await get('/v1.0/identity/conditionalAccess/authenticationContextClassReferences', t)).status).toBe(200);
  });

  it('mints application tokens, which the tables treat as such', async () => {
    const t = await token('--app', '--roles', 'User.Read.All');
    expect((await get('/v1.0/users', t)).status).toBe(200);
    expect((await get('/v1.0/me', t)).status).toBe(400);
  });

  it('a personal account token is refused with 403', async () => {
    const t = await token('--personal', '--upn', 'someone@outlook.com', '--scp', 'User.Read');
    const res = await get('/v1.0/me', t);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('Authorization_RequestDenied');
  });

  it('--rotate keeps earlier tokens valid', async () => {
    const before = await token('--app', '--roles', 'User.Read.All');
    const after = await token('--rotate', '--app', '--roles', 'User.Read.All');
    const kid = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString()).kid;
    expect(kid(after)).not.toBe(kid(before));
    expect((await get('/v1.0/users', before)).status).toBe(200);
    // The service learns the new key when it first sees its kid (re-reading the table, rate-limited).
    let status = 0;
    for (let i = 0; i < 80 && status !== 200; i++) {
      status = (await get('/v1.0/users', after)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });

  it('--help shows worked examples', async () => {
    const help = await token('--help');
    expect(help).toContain('An administrator');
    expect(help).toContain('--app --roles');
    expect(help).toContain('--personal');
  });

  it('bad arguments fail with one clear line', async () => {
    await expect(run(process.execPath, [CLI, '--tenant', 'contoso'], { env })).rejects.toMatchObject({
      stderr: 'token: --tenant must be a GUID\n',
    });
  });
});
