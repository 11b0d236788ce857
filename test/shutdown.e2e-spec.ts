import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { mintFromDatabase } from '../bench/lib/tokens.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { embeddedServerFixture, ensureBuilt, spawnServer, type ServerProcess } from './support/server-process.js';
import { waitFor } from './support/wait.js';

const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';

/** Sessions of this database waiting on a heavyweight lock. */
async function lockWaiters(databaseUrl: string): Promise<number> {
  const c = new pg.Client(databaseUrl);
  await c.connect();
  try {
    const { rows } = await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    return rows[0].n;
  } finally {
    await c.end();
  }
}

const appToken = (databaseUrl: string, server: ServerProcess, tenantId: string) =>
  mintFromDatabase(databaseUrl, server.url, {
    tenantId,
    kind: 'application',
    appRoles: ['AuthenticationContext.ReadWrite.All'],
  });

describe('shutdown: SIGTERM under load (the built server, external Postgres)', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    server = await spawnServer({ DATABASE_URL: db.url });
  }, 120_000);

  afterAll(async () => {
    if (server) await server.stop('SIGKILL', 5000).catch(() => undefined);
    await db?.drop();
  });

  it('finishes every in-flight request with 2xx, stops taking new ones, then exits 0', async () => {
    const s = server!;
    const tenantId = randomUUID();
    const token = await appToken(db.url, s, tenantId);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${s.url}${ACCR}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: 'c1', displayName: 'Finish me', isAvailable: true }),
    });
    expect(created.status).toBe(201);

    // Hold the table so the reads below are provably in flight (waiting in Postgres) at SIGTERM.
    const locker = new pg.Client(db.url);
    await locker.connect();
    const inFlight = 8;
    let results: { status: number; body: { value?: { id: string }[] } }[];
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE authentication_context_class_references IN ACCESS EXCLUSIVE MODE');
      const requests = Array.from({ length: inFlight }, () =>
        fetch(`${s.url}${ACCR}`, { headers, signal: AbortSignal.timeout(30_000) }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { value?: { id: string }[] },
        })),
      );
      // Watched from another session: inside the locker's transaction pg_stat_activity is a frozen snapshot.
      await waitFor('requests blocked in Postgres', async () => (await lockWaiters(db.url)) >= inFlight);

      s.child.kill('SIGTERM');
      // The listener closes at once: a new request is refused (or told 503 on a reused socket).
      await waitFor('new requests refused', async () => {
        try {
          const res = await fetch(`${s.url}/health`, { signal: AbortSignal.timeout(2000) });
          return res.status === 503;
        } catch {
          return true;
        }
      });
      expect(s.child.exitCode).toBeNull(); // still draining: the blocked requests hold it open
      await locker.query('COMMIT');
      results = await Promise.all(requests);
    } finally {
      await locker.end();
    }

    expect(results.map((r) => r.status)).toEqual(Array(inFlight).fill(200));
    for (const r of results) expect(r.body.value?.map((v) => v.id)).toEqual(['c1']);
    const exit = await s.stop(null);
    expect({ ...exit, log: exit.code === 0 ? '' : s.output() }).toEqual({ code: 0, signal: null, log: '' });
    server = undefined;
  }, 300_000);
});

describe('shutdown: embedded Postgres (no DATABASE_URL)', () => {
  let fixture: Awaited<ReturnType<typeof embeddedServerFixture>>;
  let dataDir: string;
  let pgPort: number;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    fixture = await embeddedServerFixture('graph-shutdown-data-');
    ({ dataDir, pgPort } = fixture);
  }, 120_000);

  afterAll(() => fixture?.cleanup(server));

  it('SIGINT stops the embedded Postgres too; a restart keeps the data (and the signing keys)', async () => {
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
    const dbUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/graph`;
    const tenantId = randomUUID();

    server = await spawnServer(env);
    const token = await appToken(dbUrl, server, tenantId);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.url}${ACCR}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: 'c7', displayName: 'Survives restarts', description: 'kept on disk', isAvailable: true }),
    });
    expect(created.status).toBe(201);

    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    const oldPort = server.port;
    server = undefined;

    // The embedded server went down with it: nothing listens, and it left a clean data directory.
    const probe = new pg.Client({ connectionString: dbUrl, connectionTimeoutMillis: 2000 });
    await expect(probe.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // Same settings (and port, so the issuer name is the same): the token from before still works.
    server = await spawnServer({ ...env, PORT: String(oldPort) });
    const res = await fetch(`${server.url}${ACCR}/c7`, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'c7', displayName: 'Survives restarts', description: 'kept on disk', isAvailable: true });

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    server = undefined;
  }, 120_000);
});
