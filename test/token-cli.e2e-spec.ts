import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ensureBuilt, freePort, spawnServer, type ServerProcess } from './support/server-process.js';

const run = promisify(execFile);

// Each test starts the CLI (a Node process, a database connection) once or more: generous, under load.
jest.setTimeout(120_000);
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
  const get = (path: string, bearer: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

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

  it('every token for one --upn in one tenant is the same user (no 409 on the second /me)', async () => {
    const first = await token('--upn', 'kim@contoso.com', '--scp', 'User.Read');
    const second = await token('--upn', 'Kim@Contoso.com', '--scp', 'User.Read', '--name', 'Kim');
    const a = await get('/v1.0/me', first);
    const b = await get('/v1.0/me', second);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(((await b.json()) as { id: string }).id).toBe(((await a.json()) as { id: string }).id);
  });

  it('a token for the UPN of a user created through the API is that user', async () => {
    const admin = await token('--upn', 'admin@contoso.com', '--scp', 'User.ReadWrite.All', '--role', 'User Administrator');
    const created = await fetch(`${server.url}/v1.0/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        accountEnabled: true,
        displayName: 'Lee',
        mailNickname: 'lee',
        userPrincipalName: 'lee@contoso.com',
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      }),
    });
    expect(created.status).toBe(201);
    const me = await get('/v1.0/me', await token('--upn', 'lee@contoso.com', '--scp', 'User.Read'));
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(((await created.json()) as { id: string }).id);
  });

  it.each([
    [['--scp', 'User.Read Policy.ReadWrite.ConditionalAcess'], '"Policy.ReadWrite.ConditionalAccess"'],
    [['--app', '--roles', 'User.ReadAll'], '"User.Read.All"'],
    [['--role', 'Global Adminstrator'], '"Global Administrator"'],
  ])('refuses unknown names %j with one line and a suggestion', async (args, suggestion) => {
    const failed = await run(process.execPath, [CLI, ...args], { env }).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect(failed!.stderr).toMatch(/^token: .*Did you mean .*\n$/);
    expect(failed!.stderr).toContain(suggestion);
    expect(failed!.stderr.split('\n')).toHaveLength(2);
  });

  it('refuses (one line, exit 1) when the running service signs from another database', async () => {
    const other = await createTestDatabase();
    try {
      const failed = await run(process.execPath, [CLI, '--app', '--roles', 'User.Read.All'], { env: { ...env, DATABASE_URL: other.url } }).then(
        () => undefined,
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(failed).toMatchObject({ code: 1, stdout: '' });
      expect(failed!.stderr).toMatch(/^token: the service at http:\/\/127\.0\.0\.1:\d+ signs with other keys: it uses another database.*\n$/);
    } finally {
      await other.drop();
    }
  });

  it('refuses (one line, exit 1) when what answers at the issuer address is not that issuer', async () => {
    const failed = await run(process.execPath, [CLI, '--app', '--roles', 'User.Read.All'], {
      env: { ...env, PUBLIC_BASE_URL: `http://127.0.0.1:${server.port}/graph` },
    }).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect(failed!.stderr).toMatch(/^token: http:\/\/127\.0\.0\.1:\d+\/graph answers, but not as this service's development issuer \(HTTP 404\).*\n$/);
  });

  it('with no service at the issuer address, mints and says so on stderr', async () => {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--app', '--roles', 'User.Read.All'], {
      env: { ...env, PORT: String(await freePort()) },
    });
    expect(stdout.trim().split('.')).toHaveLength(3);
    expect(stderr).toMatch(/^token: no service answers at http:\/\/127\.0\.0\.1:\d+ now/);
  });
});
