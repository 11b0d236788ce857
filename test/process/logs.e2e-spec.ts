import { randomUUID } from 'node:crypto';
import { mintFromDatabase } from '../../bench/lib/tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ensureBuilt, spawnServer, type ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait.js';

const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';

type Line = { level: number; msg: string; [k: string]: unknown };
const lines = (s: ServerProcess): Line[] =>
  s
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

/** The built server as a newcomer starts it (info level), logging JSON so lines can be counted. */
describe.each([
  ['development', true],
  ['production', false],
])('the log, NODE_ENV=%s', (nodeEnv, showsAccepted) => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    server = await spawnServer({ DATABASE_URL: db.url, NODE_ENV: nodeEnv, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
  });
  afterAll(async () => {
    if (server) await server.stop('SIGKILL', 5000).catch(() => undefined);
    await db?.drop();
  });

  it('starts with a short summary: address, database, issuer, docs, how to get a token, and the start-up phases', async () => {
    const s = server!;
    await waitFor('the phase line', () => lines(s).some((l) => l.msg.startsWith('started in')));
    const start = lines(s).filter((l) => !('requestId' in l));
    const messages = start.map((l) => l.msg);
    expect(start.length).toBeLessThanOrEqual(10);
    expect(messages).toEqual(
      expect.arrayContaining([
        `Graph identity server listening on ${s.url}`,
        expect.stringMatching(/^database: postgres:\/\/postgres(:\*\*\*)?@127\.0\.0\.1:\d+\/e2e_/), // the password is masked
        `development token issuer: ${s.url}/{tenant}/v2.0`,
        expect.stringContaining(`${s.url}/docs`),
        expect.stringMatching(/^get a token: npm run --silent token -- /),
        expect.stringMatching(/^started in \d+ ms \(modules \d+ ms, config \d+ ms, database \d+ ms, app and migrations \d+ ms, listen \d+ ms\)$/),
      ]),
    );
  });

  it('one access line per request at info; a 403 adds one line naming the refusing table and the token claims', async () => {
    const s = server!;
    const of = (res: Response) => () => lines(s).filter((l) => l.requestId === res.headers.get('request-id'));
    const health = await fetch(`${s.url}/health`);
    expect(health.status).toBe(200);
    const token = await mintFromDatabase(db.url, s.url, {
      tenantId: randomUUID(),
      kind: 'application',
      appRoles: ['User.Read.All'],
    });
    const denied = await fetch(`${s.url}${ACCR}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await denied.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(denied.status).toBe(403);
    expect(body.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    if (showsAccepted) {
      expect(body.error.innerError.acceptedPermissions).toBe(
        'application: AuthenticationContext.Read.All, AuthenticationContext.ReadWrite.All, Policy.Read.ConditionalAccess, Policy.ReadWrite.ConditionalAccess',
      );
    } else {
      expect(body.error.innerError).not.toHaveProperty('acceptedPermissions');
    }

    await waitFor('the access lines', () => of(health)().length > 0 && of(denied)().length > 1);
    const brief = (l: Line) => ({ level: l.level, msg: l.msg });
    expect(of(health)().map(brief)).toEqual([{ level: 30, msg: expect.stringMatching(/^GET \/health 200 [\d.]+ ms$/) }]);
    expect(of(denied)().map(brief)).toEqual([
      {
        level: 30,
        msg:
          `403 Authorization_RequestDenied for GET ${ACCR}: the permission table accepts application: AuthenticationContext.Read.All, ` +
          'AuthenticationContext.ReadWrite.All, Policy.Read.ConditionalAccess, Policy.ReadWrite.ConditionalAccess; the application token, roles: user.read.all',
      },
      { level: 30, msg: expect.stringMatching(new RegExp(`^GET ${ACCR} 403 [\\d.]+ ms$`)) },
    ]);
  });
});
