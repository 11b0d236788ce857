import { Body, Get, Module, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Public } from '../src/auth/public.decorator.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/database/embedded-postgres.js';
import { ensureDatabase } from '../src/database/ensure-database.js';
import { GraphController } from '../src/graph/graph-controller.decorator.js';
import { startTestApp, type TestApp } from './support/app.js';
import { postgresPids } from './support/own-postgres.js';
import { sleep, waitFor } from './support/wait.js';

/** A write route on a table of this suite's own (one INSERT, acknowledged only after COMMIT). */
@GraphController('testFaults', { tag: 'test' })
class FaultsProbeController {
  constructor(private readonly db: DataSource) {}

  @Post('items')
  @Public()
  async create(@Body() body: { id: string }) {
    await this.db.query('INSERT INTO fault_items (id) VALUES ($1)', [body.id]);
    return { id: body.id };
  }

  @Get('items/count')
  @Public()
  async count() {
    const [row] = await this.db.query('SELECT count(*)::int AS n FROM fault_items');
    return { count: row.n };
  }
}
@Module({ controllers: [FaultsProbeController] })
class FaultsProbeModule {}

/** No request may take longer than this; the service must answer (2xx or 503), never hang. */
const CLIENT_ABORT_MS = 15_000;

type Outcome = { id: string; status: number | 'aborted' | 'network'; code?: string; retryAfter?: string | null };

/** Concurrent writers, each posting new ids in a loop until stopped; every outcome is kept. */
function startWriters(url: string, concurrency: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const id = randomUUID();
      try {
        const res = await fetch(`${url}/v1.0/testFaults/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id }),
          signal: AbortSignal.timeout(CLIENT_ABORT_MS),
        });
        const body = (await res.json()) as { error?: { code: string } };
        outcomes.push({ id, status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after') });
        if (res.status === 503) await sleep(20); // a polite client backs off a little
      } catch (e) {
        outcomes.push({ id, status: (e as Error).name === 'TimeoutError' ? 'aborted' : 'network' });
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    outcomes,
    count: (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function health(url: string): Promise<{ status: number; retryAfter: string | null; code?: string }> {
  const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(CLIENT_ABORT_MS) });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.error?.code };
}

describe('database faults: Postgres goes away under load and comes back', () => {
  let dataDir: string;
  let port: number;
  let pgServer: EmbeddedPostgresHandle | undefined;
  let dbUrl: string;
  let t: TestApp;

  const startPg = async () => {
    pgServer = await startEmbeddedPostgres({ dataDir, port });
  };

  beforeAll(async () => {
    // A Postgres of this suite's own (the shared one must stay up for the other suites).
    dataDir = await mkdtemp(join(tmpdir(), 'graph-faults-pg-'));
    await chmod(dataDir, 0o755); // as root, Postgres runs as the `postgres` user and must reach its folder
    port = 20000 + Math.floor(Math.random() * 20000);
    await startPg();
    dbUrl = await ensureDatabase(pgServer!.url, 'faults');
    const c = new pg.Client(dbUrl);
    await c.connect();
    await c.query('CREATE TABLE fault_items (id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
    await c.end();
    t = await startTestApp({ DB_CONNECT_TIMEOUT_MS: '500', DB_STATEMENT_TIMEOUT_MS: '1000', DB_POOL_SIZE: '5' }, [FaultsProbeModule], { databaseUrl: dbUrl });
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    await pgServer?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stopped: fast 503 serviceNotAvailable with Retry-After, /health 503; restarted: recovers alone; no acknowledged write lost', async () => {
    expect((await health(t.url)).status).toBe(200);
    const writers = startWriters(t.url, 6);
    try {
      await waitFor('writes before the outage', () => writers.count((o) => o.status === 201) >= 30);

      await pgServer!.stop();
      const beforeOutage = writers.outcomes.length;
      await waitFor('503s during the outage', () => writers.outcomes.slice(beforeOutage).filter((o) => o.status === 503).length >= 20);
      const down = await health(t.url);
      expect(down).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/), code: 'serviceNotAvailable' });

      await startPg();
      const afterRestart = writers.outcomes.length;
      await waitFor('writes after the restart', () => writers.outcomes.slice(afterRestart).filter((o) => o.status === 201).length >= 30);
      expect((await health(t.url)).status).toBe(200);
    } finally {
      await writers.stop();
    }

    const o = writers.outcomes;
    // Only two answers ever: written, or "unavailable, retry" in Graph's shape. No 500, no hang.
    expect(o.filter((x) => x.status !== 201 && x.status !== 503)).toEqual([]);
    for (const x of o.filter((x) => x.status === 503)) {
      expect(x.code).toBe('serviceNotAvailable');
      expect(x.retryAfter).toMatch(/^\d+$/);
    }
    // Every acknowledged write is there.
    const acked = o.filter((x) => x.status === 201).map((x) => x.id);
    const c = new pg.Client(dbUrl);
    await c.connect();
    try {
      const { rows } = await c.query('SELECT id FROM fault_items WHERE id = ANY($1::uuid[])', [acked]);
      expect(rows.length).toBe(acked.length);
    } finally {
      await c.end();
    }
  }, 300_000);

  it('frozen (accepts TCP, never answers): requests still end in bounded time with 503, then recover', async () => {
    const pids = await postgresPids(dataDir);
    const writers = startWriters(t.url, 4);
    try {
      await waitFor('writes before the freeze', () => writers.count((o) => o.status === 201) >= 10);
      for (const pid of pids) process.kill(pid, 'SIGSTOP');
      let frozen = true;
      try {
        const before = writers.outcomes.length;
        await waitFor('503s while frozen', () => writers.outcomes.slice(before).filter((o) => o.status === 503).length >= 8);
        expect((await health(t.url)).status).toBe(503);
      } finally {
        if (frozen) for (const pid of pids) process.kill(pid, 'SIGCONT');
        frozen = false;
      }
      const thawed = writers.outcomes.length;
      await waitFor('writes after the thaw', () => writers.outcomes.slice(thawed).filter((o) => o.status === 201).length >= 20);
      expect((await health(t.url)).status).toBe(200);
    } finally {
      await writers.stop();
    }
    expect(writers.outcomes.filter((x) => x.status !== 201 && x.status !== 503)).toEqual([]);
    const res = await fetch(`${t.url}/v1.0/testFaults/items/count`);
    expect(res.status).toBe(200);
  }, 300_000);
});
