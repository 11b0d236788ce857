import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mintFromDatabase } from '../bench/lib/tokens.js';
import { SigningKeysService } from '../src/auth/keys/signing-keys.service.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ThrottleService } from '../src/throttling/throttle.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application } from './support/tokens.js';
import { embeddedServerFixture, ensureBuilt, spawnServer, type ServerProcess } from './support/server-process.js';
import { waitFor } from './support/wait.js';

const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';

/**
 * Two instances on one Postgres (and one Redis when TEST_REDIS_URL is set) behave as one service:
 * same data and (with Redis) one throttling budget. Signing keys: see the process-level suite below.
 */
describe('scale-out: two instances, one Postgres', () => {
  const redisUrl = process.env.TEST_REDIS_URL;
  let a: TestApp;
  let b: TestApp;
  const tenantId = randomUUID();
  const writer = () => application(a, ['AuthenticationContext.ReadWrite.All'], { tenantId });

  beforeAll(async () => {
    // Both name their issuer the same way (same PUBLIC_BASE_URL), as instances behind one load balancer do.
    const env = {
      PUBLIC_BASE_URL: 'https://graph.scale-out.test',
      THROTTLE_CLIENT_PER_10S: '40',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    };
    a = await startTestApp(env);
    b = await startTestApp(env, [], { databaseUrl: a.db.url });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a write through one instance is read through the other, and vice versa', async () => {
    const token = writer();
    const created = await call(a, 'POST', ACCR, { token, body: { id: 'c4', displayName: 'From A', isAvailable: false } });
    expect(created.status).toBe(201);
    const onB = await call(b, 'GET', `${ACCR}/c4`, { token });
    expect(onB.status).toBe(200);
    expect(onB.body).toMatchObject({ id: 'c4', displayName: 'From A', isAvailable: false });

    expect((await call(b, 'PATCH', `${ACCR}/c4`, { token, body: { displayName: 'Changed on B' } })).status).toBe(204);
    expect((await call(a, 'GET', `${ACCR}/c4`, { token })).body.displayName).toBe('Changed on B');

    // Concurrent creates of one id through both instances: exactly one wins.
    const both = await Promise.all([
      call(a, 'POST', ACCR, { token, body: { id: 'c5', isAvailable: false } }),
      call(b, 'POST', ACCR, { token, body: { id: 'c5', isAvailable: false } }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);

    expect((await call(a, 'DELETE', `${ACCR}/c4`, { token })).status).toBe(204);
    expect((await call(b, 'GET', `${ACCR}/c4`, { token })).status).toBe(404);
  });

  it(redisUrl ? 'spends one throttling budget (Redis)' : 'keeps a throttling budget per instance (no REDIS_URL)', async () => {
    expect(b.app.get(ThrottleService).store).toBe(redisUrl ? 'redis' : 'memory');
    const token = application(a, ['AuthenticationContext.Read.All'], { tenantId: randomUUID(), appId: randomUUID() });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await call(i % 2 ? b : a, 'GET', ACCR, { token })).status);
    // 30 requests under a budget of 40 per instance or shared: all pass; 30 more pass only per instance.
    expect(new Set(statuses)).toEqual(new Set([200]));
    const more: number[] = [];
    for (let i = 0; i < 30; i++) more.push((await call(i % 2 ? b : a, 'GET', ACCR, { token })).status);
    if (redisUrl) expect(more.filter((s) => s === 429).length).toBeGreaterThan(0);
    else expect(new Set(more)).toEqual(new Set([200]));
  });
});

/**
 * Signing keys across processes (passport registers one strategy per process, so two instances
 * inside one jest process would verify through the same strategy: real separation needs processes).
 */
describe('scale-out: signing keys shared by two server processes', () => {
  let db: TestDatabase;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  const env = () => ({ DATABASE_URL: db.url, PUBLIC_BASE_URL: 'https://graph.scale-out.test' });

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    [a, b] = await Promise.all([spawnServer(env()), spawnServer(env())]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a, b].map((s) => s?.stop('SIGTERM', 15_000).catch(() => s.stop('SIGKILL', 5000))));
    await db?.drop();
  });

  it('a token from the shared key works on both; after a rotation by a third instance, both accept the new key', async () => {
    const mint = () =>
      mintFromDatabase(db.url, 'https://graph.scale-out.test', {
        tenantId: randomUUID(),
        kind: 'application',
        appRoles: ['AuthenticationContext.Read.All'],
      });
    const status = async (s: ServerProcess, token: string) => (await fetch(`${s.url}${ACCR}`, { headers: { authorization: `Bearer ${token}` } })).status;

    const before = await mint();
    expect([await status(a!, before), await status(b!, before)]).toEqual([200, 200]);

    const third = await startTestApp({ PUBLIC_BASE_URL: 'https://graph.scale-out.test' }, [], { databaseUrl: db.url });
    let newKid: string;
    try {
      newKid = await third.app.get(SigningKeysService).rotate();
    } finally {
      await third.close();
    }
    const after = await mint();
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(newKid);
    // Each instance re-reads the keys from Postgres on an unknown kid (at most every few seconds).
    await waitFor('A accepts the rotated key', async () => (await status(a!, after)) === 200);
    await waitFor('B accepts the rotated key', async () => (await status(b!, after)) === 200);
    // Tokens signed with the retired key stay valid until they expire.
    expect([await status(a!, before), await status(b!, before)]).toEqual([200, 200]);
  }, 300_000);
});

/** `ps` children of a process, with their command names. */
function childrenOf(pid: number): { pid: number; comm: string }[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((p) => p.length === 2)
      .map(([p, comm]) => ({ pid: Number(p), comm }));
  } catch {
    return [];
  }
}
const nodeWorkers = (pid: number) => childrenOf(pid).filter((c) => c.comm.startsWith('node') || c.comm === 'MainThread');

describe('scale-out: WORKERS=2 (node:cluster) on one embedded Postgres', () => {
  let fixture: Awaited<ReturnType<typeof embeddedServerFixture>>;
  let dataDir: string;
  let pgPort: number;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    fixture = await embeddedServerFixture('graph-workers-data-');
    ({ dataDir, pgPort } = fixture);
  }, 120_000);

  afterAll(() => fixture?.cleanup(server));

  it('serves from two workers on one port, replaces a crashed worker, and stops everything on SIGTERM', async () => {
    server = await spawnServer({ WORKERS: '2', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });
    const s = server;
    await waitFor('two workers', () => nodeWorkers(s.child.pid!).length === 2);
    // The primary started one Postgres for both.
    expect(childrenOf(s.child.pid!).filter((c) => c.comm === 'postgres')).toHaveLength(1);

    const dbUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/graph`;
    const token = await mintFromDatabase(dbUrl, s.url, {
      tenantId: randomUUID(),
      kind: 'application',
      appRoles: ['AuthenticationContext.ReadWrite.All'],
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Fresh connections (Connection: close) are spread over the workers by the primary.
    const creates = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${s.url}${ACCR}`, {
          method: 'POST',
          headers: { ...headers, connection: 'close' },
          body: JSON.stringify({ id: `c${i + 1}`, isAvailable: false }),
        }).then((r) => r.status),
      ),
    );
    expect(creates).toEqual(Array(10).fill(201));
    const reads = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${s.url}${ACCR}?$count=true`, { headers: { ...headers, connection: 'close' } }).then(async (r) => ({
          status: r.status,
          count: ((await r.json()) as { '@odata.count'?: number })['@odata.count'],
        })),
      ),
    );
    expect(reads).toEqual(Array(20).fill({ status: 200, count: 10 }));

    // A worker that dies is replaced; the service keeps answering meanwhile.
    const [victim] = nodeWorkers(s.child.pid!);
    process.kill(victim.pid, 'SIGKILL');
    await waitFor('a replacement worker', () => {
      const now = nodeWorkers(s.child.pid!);
      return now.length === 2 && !now.some((w) => w.pid === victim.pid);
    });
    const after = await fetch(`${s.url}${ACCR}/c1`, { headers: { ...headers, connection: 'close' } });
    expect(after.status).toBe(200);

    const exit = await s.stop('SIGTERM');
    expect({ ...exit, log: exit.code === 0 ? '' : s.output() }).toEqual({ code: 0, signal: null, log: '' });
    server = undefined;
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
