import { randomUUID } from 'node:crypto';
import { mintFromDatabase } from '../../bench/lib/tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ensureBuilt, spawnServer, type ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait.js';

type Line = { level: number; msg: string; requestId?: string };
const lines = (s: ServerProcess): Line[] =>
  s
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

/** The built server's log for a `$batch`: one access line for the batch, and one per inner request under its own request id. */
describe('the log of a $batch', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    server = await spawnServer({ DATABASE_URL: db.url, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
  });
  afterAll(async () => {
    if (server) await server.stop('SIGKILL', 5000).catch(() => undefined);
    await db?.drop();
  });

  it('writes an access line per inner request, with the request id its slot carries', async () => {
    const s = server!;
    const token = await mintFromDatabase(db.url, s.url, { tenantId: randomUUID(), kind: 'application', appRoles: ['User.Read.All'] });
    const missing = randomUUID();
    const res = await fetch(`${s.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          { id: 'list', method: 'GET', url: '/users?$top=1' },
          { id: 'missing', method: 'GET', url: `/users/${missing}` },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as { responses: { id: string; status: number; headers: Record<string, string> }[] };
    const batchId = res.headers.get('request-id')!;
    const of = (id: string) =>
      lines(s)
        .filter((l) => l.requestId === id)
        .map((l) => l.msg);
    const ids = responses.map((r) => r.headers['request-id']);
    await waitFor('the access lines', () => [batchId, ...ids].every((id) => of(id).length > 0));
    expect(of(batchId)).toEqual([expect.stringMatching(/^POST \/v1\.0\/\$batch 200 [\d.]+ ms$/)]);
    expect(of(ids[0])).toEqual([expect.stringMatching(/^GET \/v1\.0\/users\?\$top=1 200 [\d.]+ ms$/)]);
    expect(of(ids[1])).toEqual([expect.stringMatching(new RegExp(`^GET /v1\\.0/users/${missing} 404 [\\d.]+ ms$`))]);
  });
});
