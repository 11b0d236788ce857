/**
 * `npm run bench`: starts the service (its own database: embedded Postgres, or a fresh database on
 * BENCH_DATABASE_URL's server), seeds it, drives each scenario with autocannon from a separate
 * process, and measures a bare Fastify + pg route reading the same row in the same run.
 * Writes bench/results/bench-<time>.{md,json} and prints the table.
 *
 * Settings (environment): BENCH_DATABASE_URL (a Postgres server URL; default: embedded),
 * BENCH_DURATION (seconds per scenario, default 10), BENCH_WARMUP (seconds of warm-up before each, default 2;
 * the first service scenario gets at least 10 s, so V8's optimising compiler is done before it is measured),
 * BENCH_CONNECTIONS (default 50),
 * BENCH_WORKERS (the service's WORKERS, default 1), BENCH_ONLY (comma-separated scenario names or
 * name prefixes: `ca-policies` runs every `ca-policies-*` scenario and its `bare-ca-policies-*` yardstick;
 * the `bare` yardstick always runs, and seeds no selected scenario needs are skipped),
 * BENCH_CA_POLICIES (policies in the Conditional Access tenant, default 200), BENCH_EXPLAIN=1 (print the
 * plan of the filtered policy query),
 * BENCH_CPU_PROF=1 (write V8 CPU profiles of the service to bench/results/prof/),
 * BENCH_LOG_LEVEL (the service's LOG_LEVEL, default warn), BENCH_REDIS_URL (throttle through Redis),
 * BENCH_THROTTLE=0 (throttling off), BENCH_PIN=0|1 (default 1 with one worker on 2+ cores),
 * BENCH_PG_CORE=own|shared (embedded Postgres on the other cores, default, or on the service's core),
 * BENCH_BIG_USERS (users in the big tenant, default 100000; 1000000 for the 1M figure),
 * BENCH_NODE_FLAGS (extra node flags for the service, e.g. `--max-semi-space-size=4`).
 *
 * Every service scenario has its own bare route (bare-server.ts) measured right before it; before
 * measuring, the bench checks that both answer the same JSON (equal bodies once each origin is cut).
 * The service runs with its default settings plus AUTH_JWKS_URI (an external issuer, lib/external-issuer.ts),
 * so tokens of both kinds are accepted, and `accr-get-external` measures the external kind. After the
 * scenarios the service is restarted on the now existing database: time to /health, its phase line and
 * its idle RSS are recorded.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/database/embedded-postgres.js';
import { ensureDatabase } from '../src/database/ensure-database.js';
import type { LoadResult, LoadSpec } from './load.js';
import { STARTED } from './lib/load-started.js';
import { batchBenchRows } from './batch.js';
import { seedPolicies, TARGET_APP, TARGET_MATCHES } from './lib/ca-seed.js';
import { startExternalIssuer } from './lib/external-issuer.js';
import { mintFromDatabase } from './lib/tokens.js';

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/bench
const ROOT = resolve(HERE, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');
const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';

const env = process.env;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** The token scenarios' clients and user, from the seed file the service starts with (examples/seed.json). */
const SEEDED = (() => {
  const seed = JSON.parse(readFileSync(join(ROOT, 'examples', 'seed.json'), 'utf8'));
  const t = seed.tenants[0];
  const [daemon, publicClient] = t.applications;
  const user = t.users[1];
  return {
    tenant: t.id as string,
    clientCredentials: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: daemon.appId,
      client_secret: daemon.secrets[0].secretText,
      scope: 'https://graph.microsoft.com/.default',
    }).toString(),
    passwordForm: {
      grant_type: 'password',
      client_id: publicClient.appId,
      username: user.userPrincipalName,
      password: user.passwordProfile.password,
      scope: 'User.Read offline_access',
    } as Record<string, string>,
  };
})();
const DURATION = Number(env.BENCH_DURATION ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const WORKERS = env.BENCH_WORKERS ?? '1';
const ONLY = env.BENCH_ONLY
  ? env.BENCH_ONLY.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : undefined;
const CA_POLICIES = Number(env.BENCH_CA_POLICIES ?? 200);
const BIG_USERS = Number(env.BENCH_BIG_USERS ?? 100_000);
/** `100k`, `1m`: the big tenant's size in scenario names. */
const BIG = BIG_USERS >= 1e6 ? `${BIG_USERS / 1e6}m` : `${BIG_USERS / 1e3}k`;
/** Postgres on its own cores (default) or on the service's core, as on a one-core host. */
const PG_CORE = env.BENCH_PG_CORE === 'shared' ? 'shared' : 'own';
/** Whether BENCH_ONLY selects a scenario: by name or prefix, its `bare-` yardstick with it; `bare` always. */
const picked = (name: string): boolean => !ONLY || name === 'bare' || ONLY.some((e) => [e, `bare-${e}`].some((n) => name === n || name.startsWith(`${n}-`)));
const CPU_PROF = env.BENCH_CPU_PROF === '1';
/**
 * Pinning (default with one worker on 2+ cores): the service and the bare server on core 0, the load
 * generator and the embedded Postgres on the others, so each server gets one whole core and the
 * ratio compares per-core efficiency instead of who won the scheduler.
 */
const PIN = (env.BENCH_PIN ?? (WORKERS === '1' && cpus().length >= 2 ? '1' : '0')) === '1' && hasTaskset();

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const OTHER_CPUS = `1-${Math.max(1, cpus().length - 1)}`;
/** `node args…`, on core 0 when pinning. */
const serverCommand = (args: string[]): [string, string[]] => (PIN ? ['taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args]);

/** Moves a process and its current children (Postgres backends) to the non-server cores (or core 0 when shared). */
function pinAway(pid: number): void {
  const pids = [pid];
  try {
    pids.push(
      ...execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .map((l) => Number(l.trim()))
        .filter((n) => n > 0),
    );
  } catch {
    /* none */
  }
  for (const p of pids) execFileSync('taskset', ['-a', '-p', '-c', PG_CORE === 'shared' ? '0' : OTHER_CPUS, String(p)], { stdio: 'ignore' });
}

interface Scenario {
  name: string;
  describe: string;
  target: 'service' | 'bare';
  /** The bare route doing the same work, when there is one; otherwise the ratio is to `bare`. */
  baseline?: string;
  /** Runs between the warm-up and the measured run (the warm-up may stop mid-cycle). */
  reset?: () => Promise<void>;
  spec: Omit<LoadSpec, 'connections' | 'durationSeconds' | 'url'> & { path: string };
}

interface Row extends LoadResult {
  name: string;
  describe: string;
  target: Scenario['target'];
  rssMb: number;
  /** Server CPU time per request (all its processes), microseconds. */
  cpuUsPerReq: number;
  ratio?: number;
  baseline?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function waitHttp(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`${what} not ready`);
}

/** Resident memory of a process and its children (cluster workers), in MB. */
function rssMb(pid: number): number {
  try {
    const out = execFileSync('ps', ['-o', 'rss=', '--pid', String(pid), '--ppid', String(pid)], { encoding: 'utf8' });
    return Math.round(out.split('\n').reduce((n, l) => n + (Number(l.trim()) || 0), 0) / 1024);
  } catch {
    return 0;
  }
}

/** User + system CPU seconds used so far by a process and its children (cluster workers). */
function cpuSeconds(pid: number): number {
  let pids = [pid];
  try {
    pids = pids.concat(
      execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .map((l) => Number(l.trim()))
        .filter((n) => n > 0),
    );
  } catch {
    /* no children */
  }
  let ticks = 0;
  for (const p of pids) {
    try {
      // Fields after the command name: utime and stime are the 12th and 13th (clock ticks, 100/s).
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* exited */
    }
  }
  return ticks / 100;
}

async function stop(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGTERM');
  await exited;
}

/** `onStart`: called when the measured load starts (after the refresh scenario's unmeasured password grants). */
function runLoad(spec: LoadSpec, onStart?: () => void): Promise<LoadResult> {
  return new Promise((ok, fail) => {
    const [cmd, args] = PIN
      ? ['taskset', ['-c', OTHER_CPUS, process.execPath, join(HERE, 'load.js'), JSON.stringify(spec)]]
      : [process.execPath, [join(HERE, 'load.js'), JSON.stringify(spec)]];
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let started = false;
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!started && out.includes(STARTED)) {
        started = true;
        onStart?.();
      }
    });
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`load generator exited ${code}`));
      ok(JSON.parse(out.trim().split('\n').pop()!) as LoadResult);
    });
  });
}

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  // 1. A database of its own.
  let embedded: EmbeddedPostgresHandle | undefined;
  let dataDir: string | undefined;
  let serverUrl = env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'graph-bench-'));
    chmodSync(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    serverUrl = embedded.url;
    // New backends are forked by the postmaster and inherit its cores.
    if (PIN) pinAway(Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]));
  }
  const dbName = `bench_${randomBytes(4).toString('hex')}`;
  const dbUrl = await ensureDatabase(serverUrl, dbName);
  const children: ChildProcess[] = [];
  const closers: (() => Promise<void>)[] = [];
  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);

  try {
    // 2. The service, as `npm start` runs it (default settings, plus an external token issuer).
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const profDir = join(RESULTS, 'prof');
    if (CPU_PROF) mkdirSync(profDir, { recursive: true });
    const external = await startExternalIssuer();
    closers.push(() => external.close());
    const startService = (logLevel: string) =>
      spawn(
        ...serverCommand([
          ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
          ...(env.BENCH_NODE_FLAGS ? env.BENCH_NODE_FLAGS.split(' ').filter(Boolean) : []),
          join(ROOT, 'dist', 'src', 'main.js'),
        ]),
        {
          env: {
            PATH: env.PATH ?? '',
            HOME: env.HOME ?? '',
            NODE_ENV: 'production',
            LOG_LEVEL: logLevel,
            HOST: '127.0.0.1',
            PORT: String(port),
            DATABASE_URL: dbUrl,
            WORKERS,
            AUTH_JWKS_URI: external.jwksUri,
            // The token scenarios' tenant: a confidential app with a secret, a public client, a user with a password.
            SEED_FILE: join(ROOT, 'examples', 'seed.json'),
            // Throttling is on (in memory) by default; BENCH_REDIS_URL shares it through Redis, BENCH_THROTTLE=0 turns it off.
            ...(env.BENCH_REDIS_URL ? { REDIS_URL: env.BENCH_REDIS_URL } : {}),
            ...(env.BENCH_THROTTLE === '0' ? { THROTTLE_TENANT_PER_10S: '0', THROTTLE_CLIENT_PER_10S: '0' } : {}),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
    const service = startService(env.BENCH_LOG_LEVEL ?? 'warn');
    service.stdout!.resume();
    children.push(service);
    await waitHttp(`${base}/health`, service, 'service');
    await sleep(1000);
    const idleRssFresh = rssMb(service.pid!);

    // 3. Seed: contexts through the API, users straight into the table.
    const tenant = randomUUID();
    const bigTenant = randomUUID();
    const roles = ['AuthenticationContext.ReadWrite.All', 'User.Read.All'];
    const token = await mintFromDatabase(dbUrl, base, { tenantId: tenant, kind: 'application', appRoles: roles });
    const bigToken = await mintFromDatabase(dbUrl, base, { tenantId: bigTenant, kind: 'application', appRoles: roles });
    for (let i = 1; i <= 10; i++) {
      const res = await fetch(`${base}${ACCR}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: `c${i}`, displayName: `Context ${i}`, description: 'seeded', isAvailable: i % 2 === 1 }),
      });
      if (res.status !== 201) throw new Error(`seeding c${i}: ${res.status} ${await res.text()}`);
    }
    const db = new pg.Client(dbUrl);
    await db.connect();
    const seedUsers = (tid: string, n: number) =>
      db.query(
        `INSERT INTO users (tenant_id, id, display_name, user_principal_name, mail_nickname, account_enabled)
         SELECT $1, gen_random_uuid(), 'User ' || lpad(g::text, 6, '0'), 'user' || g || '@bench.test', 'user' || g, true
         FROM generate_series(1, $2::int) g`,
        [tid, n],
      );
    if (picked('users-top100-1k')) await seedUsers(tenant, 1_000);
    if (picked(`users-top100-${BIG}`) || picked(`users-deep-page-${BIG}`)) {
      const started = Date.now();
      await seedUsers(bigTenant, BIG_USERS);
      process.stderr.write(`seeded ${BIG_USERS} users in ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
    await db.query('ANALYZE');
    await db.end();
    const cycleTenants = Array.from({ length: 60 }, () => randomUUID());
    const cycleTokens = await Promise.all(cycleTenants.map((tenantId) => mintFromDatabase(dbUrl, base, { tenantId, kind: 'application', appRoles: roles })));
    const resetCycles = async () => {
      const c = new pg.Client(dbUrl);
      await c.connect();
      await c.query('DELETE FROM authentication_context_class_references WHERE tenant_id = ANY($1::uuid[])', [cycleTenants]);
      await c.end();
    };
    // A deep page of the 100k tenant: follow nextLinks 500 times (page 501 of 1000).
    let deepPath = '/v1.0/users?$top=100';
    for (let i = 0; i < (picked(`users-deep-page-${BIG}`) ? 500 : 0); i++) {
      const res = await fetch(`${base}${deepPath}`, { headers: { authorization: `Bearer ${bigToken}` } });
      const body = (await res.json()) as { '@odata.nextLink'?: string };
      if (!body['@odata.nextLink']) throw new Error(`users paging ended early at page ${i + 1}`);
      deepPath = body['@odata.nextLink'].slice(base.length);
    }
    // A user with a mobile phone (SMS sign-in ready), an office phone and an email method, through the API.
    const methodsTenant = randomUUID();
    const methodsRead = {
      authorization: `Bearer ${await mintFromDatabase(dbUrl, base, { tenantId: methodsTenant, kind: 'application', appRoles: ['UserAuthenticationMethod.Read.All'] })}`,
    };
    let methodsUser: string = randomUUID();
    if (picked('methods-list')) {
      const write = await mintFromDatabase(dbUrl, base, {
        tenantId: methodsTenant,
        kind: 'application',
        appRoles: ['User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'],
      });
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${base}/v1.0${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as { id: string };
      };
      const password = { password: 'xWwvJ]6NMw+bWH-d' };
      methodsUser = (
        await post('/users', { accountEnabled: true, displayName: 'Methods', mailNickname: 'm', userPrincipalName: 'm@bench.test', passwordProfile: password })
      ).id;
      await post(`/users/${methodsUser}/authentication/phoneMethods`, { phoneNumber: '+1 2065555555', phoneType: 'mobile' });
      await post(`/users/${methodsUser}/authentication/phoneMethods`, { phoneNumber: '+1 2065555556', phoneType: 'office' });
      await post(`/users/${methodsUser}/authentication/emailMethods`, { emailAddress: 'm@example.com' });
    }
    const externalAuth = { authorization: `Bearer ${external.token(tenant, ['AuthenticationContext.Read.All'])}` };

    // Conditional Access: a tenant of CA_POLICIES policies, seeded through the API.
    const caTenant = randomUUID();
    const caRead = {
      authorization: `Bearer ${await mintFromDatabase(dbUrl, base, { tenantId: caTenant, kind: 'application', appRoles: ['Policy.Read.All'] })}`,
    };
    const caFilter = `conditions/applications/includeApplications/any(a:a eq '${TARGET_APP}')`;
    const caContains = JSON.stringify({ applications: { includeApplications: [TARGET_APP] } });
    const caPaths = {
      filter: `/v1.0/identity/conditionalAccess/policies?$filter=${encodeURIComponent(caFilter)}`,
      top100: '/v1.0/identity/conditionalAccess/policies?$top=100',
      bareFilter: `/bare/ca-policies/${caTenant}?contains=${encodeURIComponent(caContains)}`,
      bareTop100: `/bare/ca-policies/${caTenant}?top=100`,
    };
    if (picked('ca-policies-filter') || picked('ca-policies-top100')) {
      const caWrite = await mintFromDatabase(dbUrl, base, {
        tenantId: caTenant,
        kind: 'application',
        appRoles: ['Policy.ReadWrite.ConditionalAccess', 'AuthenticationContext.ReadWrite.All'],
      });
      const started = Date.now();
      const targeted = await seedPolicies(base, caWrite, CA_POLICIES);
      process.stderr.write(`seeded ${CA_POLICIES} policies (${targeted} name the target app) in ${Math.round((Date.now() - started) / 1000)} s\n`);
      const c = new pg.Client(dbUrl);
      await c.connect();
      // VACUUM too: it flushes the GIN indexes' pending lists (as autovacuum soon would), without which
      // the planner prices the index scan high and seq-scans a freshly seeded tenant.
      await c.query('VACUUM ANALYZE ca_policies');
      if (env.BENCH_EXPLAIN === '1') {
        // The plan of the service's filtered list query (the bare route runs the same SQL).
        const plan = await c.query(
          `EXPLAIN (ANALYZE, BUFFERS) SELECT id, conditions FROM ca_policies p WHERE tenant_id = $1 AND deleted_at IS NULL
           AND conditions @> $2::jsonb ORDER BY id LIMIT 101`,
          [caTenant, caContains],
        );
        process.stderr.write(`${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n`);
      }
      await c.end();
    }

    // Right kid, wrong key: a full RS256 verification that fails, on every request.
    const kid = jwt.decode(token, { complete: true })!.header.kid!;
    const forged = jwt.sign(jwt.decode(token) as object, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, {
      algorithm: 'RS256',
      keyid: kid,
    });

    // 4. The bare yardstick.
    const barePort = await freePort();
    const bare = spawn(...serverCommand([join(HERE, 'bare-server.js'), String(barePort), dbUrl]), { stdio: ['ignore', 'pipe', 'inherit'] });
    bare.stdout!.resume();
    children.push(bare);
    await waitHttp(`http://127.0.0.1:${barePort}/bare/accr/${tenant}/c1`, bare, 'bare server');
    const auth = { authorization: `Bearer ${token}` };
    const bigAuth = { authorization: `Bearer ${bigToken}` };
    const filterQuery = `$filter=${encodeURIComponent('isAvailable eq true')}`;
    // Fairness check: each bare route answers the same JSON as its service scenario (origins cut).
    const sameJson: [string, string, string, Record<string, string>][] = [
      ['accr-get', `/bare/accr/${tenant}/c1`, `${ACCR}/c1`, auth],
      ['accr-get-external', `/bare/accr/${tenant}/c1`, `${ACCR}/c1`, externalAuth],
      ['accr-list-filter', `/bare/accr/${tenant}`, `${ACCR}?${filterQuery}`, auth],
      ['users-top100-1k', `/bare/users/${tenant}?$top=100`, '/v1.0/users?$top=100', auth],
      [`users-top100-${BIG}`, `/bare/users/${bigTenant}?$top=100`, '/v1.0/users?$top=100', bigAuth],
      [`users-deep-page-${BIG}`, `/bare/users/${bigTenant}${deepPath.slice('/v1.0/users'.length)}`, deepPath, bigAuth],
      ['methods-list', `/bare/methods/${methodsTenant}/${methodsUser}`, `/v1.0/users/${methodsUser}/authentication/methods`, methodsRead],
    ];
    for (const [name, barePath, path, headers] of sameJson) {
      if (!picked(name)) continue;
      const bareOrigin = `http://127.0.0.1:${barePort}`;
      const [svc, bareBody] = [
        (await (await fetch(`${base}${path}`, { headers })).text()).replaceAll(base, ''),
        (await (await fetch(`${bareOrigin}${barePath}`)).text()).replaceAll(bareOrigin, ''),
      ];
      if (svc !== bareBody) throw new Error(`${name}: the bare route answers other JSON than the service:\n${svc}\n${bareBody}`);
    }
    if (picked('ca-policies-filter')) {
      // Fairness check: the bare route returns the same policies, in the same order, as the service.
      const ids = async (url: string, headers?: Record<string, string>) =>
        ((await (await fetch(url, { headers })).json()) as { value: { id: string }[] }).value.map((p) => p.id).join();
      const [svc, bareIds] = [await ids(`${base}${caPaths.filter}`, caRead), await ids(`http://127.0.0.1:${barePort}${caPaths.bareFilter}`)];
      if (svc !== bareIds || svc.split(',').length !== TARGET_MATCHES)
        throw new Error(`bare and service disagree on the filtered policies:\n${svc}\n${bareIds}`);
    }

    const scenarios: Scenario[] = [
      { name: 'bare', describe: 'bare Fastify + pg, same row, same JSON', target: 'bare', spec: { path: `/bare/accr/${tenant}/c1`, expect: [200] } },
      {
        name: 'accr-get',
        describe: 'GET authenticationContextClassReferences/c1',
        target: 'service',
        baseline: 'bare',
        spec: { path: `${ACCR}/c1`, headers: auth, expect: [200] },
      },
      {
        name: 'accr-get-external',
        describe: 'GET c1, token from an external issuer (JWKS)',
        target: 'service',
        baseline: 'bare',
        spec: { path: `${ACCR}/c1`, headers: externalAuth, expect: [200] },
      },
      { name: 'bare-accr-list-filter', describe: 'bare, same 5 contexts', target: 'bare', spec: { path: `/bare/accr/${tenant}`, expect: [200] } },
      {
        name: 'accr-list-filter',
        describe: 'GET list ?$filter=isAvailable eq true',
        target: 'service',
        baseline: 'bare-accr-list-filter',
        spec: { path: `${ACCR}?${filterQuery}`, headers: auth, expect: [200] },
      },
      {
        name: 'bare-accr-create-delete',
        describe: 'bare INSERT + DELETE cycle (60 tenants)',
        target: 'bare',
        reset: resetCycles,
        spec: { path: '/bare/accr', expect: [201, 204], cycle: { collectionPath: '/bare/accr', tokens: cycleTokens } },
      },
      {
        name: 'accr-create-delete',
        describe: 'POST + DELETE cycle (60 tenants)',
        target: 'service',
        baseline: 'bare-accr-create-delete',
        reset: resetCycles,
        spec: { path: ACCR, expect: [201, 204], cycle: { collectionPath: ACCR, tokens: cycleTokens } },
      },
      { name: 'bare-users-top100-1k', describe: 'bare, same 100 users', target: 'bare', spec: { path: `/bare/users/${tenant}?$top=100`, expect: [200] } },
      {
        name: 'users-top100-1k',
        describe: 'GET /users?$top=100, 1k users',
        target: 'service',
        baseline: 'bare-users-top100-1k',
        spec: { path: '/v1.0/users?$top=100', headers: auth, expect: [200] },
      },
      {
        name: `bare-users-top100-${BIG}`,
        describe: 'bare, same 100 users',
        target: 'bare',
        spec: { path: `/bare/users/${bigTenant}?$top=100`, expect: [200] },
      },
      {
        name: `users-top100-${BIG}`,
        describe: `GET /users?$top=100, ${BIG} users`,
        target: 'service',
        baseline: `bare-users-top100-${BIG}`,
        spec: { path: '/v1.0/users?$top=100', headers: bigAuth, expect: [200] },
      },
      {
        name: `bare-users-deep-page-${BIG}`,
        describe: 'bare, same page by the same skiptoken',
        target: 'bare',
        spec: { path: `/bare/users/${bigTenant}${deepPath.slice('/v1.0/users'.length)}`, expect: [200] },
      },
      {
        name: `users-deep-page-${BIG}`,
        describe: `GET page 501 (skiptoken), ${BIG} users`,
        target: 'service',
        baseline: `bare-users-deep-page-${BIG}`,
        spec: { path: deepPath, headers: bigAuth, expect: [200] },
      },
      {
        name: 'bare-methods-list',
        describe: 'bare, same 4 methods',
        target: 'bare',
        spec: { path: `/bare/methods/${methodsTenant}/${methodsUser}`, expect: [200] },
      },
      {
        name: 'methods-list',
        describe: 'GET /users/{id}/authentication/methods (password, 2 phones, email)',
        target: 'service',
        baseline: 'bare-methods-list',
        spec: { path: `/v1.0/users/${methodsUser}/authentication/methods`, headers: methodsRead, expect: [200] },
      },
      {
        name: 'bare-ca-policies-filter',
        describe: `bare Fastify + pg, same ${TARGET_MATCHES} policies (jsonb @>)`,
        target: 'bare',
        spec: { path: caPaths.bareFilter, expect: [200] },
      },
      {
        name: 'ca-policies-filter',
        describe: `GET CA policies ?$filter=${caFilter.replace(TARGET_APP, '<app>')}, ${TARGET_MATCHES} of ${CA_POLICIES}`,
        target: 'service',
        baseline: 'bare-ca-policies-filter',
        spec: { path: caPaths.filter, headers: caRead, expect: [200] },
      },
      { name: 'bare-ca-policies-top100', describe: 'bare Fastify + pg, same 100 policies', target: 'bare', spec: { path: caPaths.bareTop100, expect: [200] } },
      {
        name: 'ca-policies-top100',
        describe: `GET CA policies ?$top=100, ${CA_POLICIES} policies`,
        target: 'service',
        baseline: 'bare-ca-policies-top100',
        spec: { path: caPaths.top100, headers: caRead, expect: [200] },
      },
      {
        name: 'token-client-credentials',
        describe: 'POST /{tenant}/oauth2/v2.0/token: client credentials with a secret (the seeded app), an app token',
        target: 'service',
        spec: { path: `/${SEEDED.tenant}/oauth2/v2.0/token`, method: 'POST', headers: FORM, body: SEEDED.clientCredentials, expect: [200] },
      },
      {
        name: 'token-refresh',
        describe: 'POST /{tenant}/oauth2/v2.0/token: refresh token redemption (each connection redeems the token its last answer rotated in)',
        target: 'service',
        spec: { path: `/${SEEDED.tenant}/oauth2/v2.0/token`, method: 'POST', headers: FORM, refresh: { passwordForm: SEEDED.passwordForm }, expect: [200] },
      },
      {
        name: 'invalid-token',
        describe: 'GET c1, bad signature (401)',
        target: 'service',
        spec: { path: `${ACCR}/c1`, headers: { authorization: `Bearer ${forged}` }, expect: [401] },
      },
    ];

    const rows: Row[] = [];
    for (const s of scenarios) {
      if (!picked(s.name)) continue;
      const origin = s.target === 'bare' ? `http://127.0.0.1:${barePort}` : base;
      const pid = s.target === 'bare' ? bare.pid! : service.pid!;
      const { path, ...rest } = s.spec;
      const spec = { ...rest, url: `${origin}${path}`, connections: CONNECTIONS };
      // Warm-up (JIT, pools, caches), discarded. The first service scenario gets a longer one: under load a
      // short one left the optimising compiler busy (its threads count as the service's CPU) during the run.
      const first = s.target === 'service' && !rows.some((r) => r.target === 'service');
      await runLoad({ ...spec, durationSeconds: first ? Math.max(WARMUP, 10) : WARMUP });
      if (s.reset) {
        // The warm-up's last requests may still be in the server when its client exits: let them land first.
        await sleep(2000);
        await s.reset();
      }
      let maxRss = 0;
      const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(pid))), 500);
      let cpuBefore = cpuSeconds(pid);
      const result = await runLoad({ ...spec, durationSeconds: DURATION }, () => (cpuBefore = cpuSeconds(pid)));
      const cpu = cpuSeconds(pid) - cpuBefore;
      clearInterval(sampler);
      rows.push({
        name: s.name,
        describe: s.describe,
        target: s.target,
        ...result,
        rssMb: Math.max(maxRss, rssMb(pid)),
        cpuUsPerReq: result.requests ? Math.round((cpu * 1e6) / result.requests) : 0,
        baseline: s.baseline,
      });
      process.stderr.write(`${s.name}: ${result.reqPerSec} req/s, p99 ${result.p99} ms, errors ${result.errors}\n`);
    }
    if (picked('batch-20'))
      rows.push(...(await batchBenchRows({ base, pid: service.pid!, headers: auth, path: `${ACCR}/c1`, durationSeconds: DURATION, cpuSeconds, rssMb })));
    // The yardstick is measured first and again last; the machine's speed drifts, so use both.
    const bareFirst = rows.find((r) => r.name === 'bare');
    if (bareFirst) {
      const again = await runLoad({
        url: `http://127.0.0.1:${barePort}/bare/accr/${tenant}/c1`,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        expect: [200],
      });
      process.stderr.write(`bare (again): ${again.reqPerSec} req/s, p99 ${again.p99} ms\n`);
      bareFirst.describe += `; mean of ${bareFirst.reqPerSec} and ${again.reqPerSec} req/s`;
      bareFirst.reqPerSec = Math.round((bareFirst.reqPerSec + again.reqPerSec) / 2);
      bareFirst.p99 = Math.max(bareFirst.p99, again.p99);
      bareFirst.errors += again.errors;
    }
    const bareRow = bareFirst;

    // The service again, on the database it has just filled: how fast it answers, and what it holds idle.
    const loadedIdleRss = rssMb(service.pid!);
    await stop(service);
    const restartedAt = performance.now();
    const again = startService('info');
    children.push(again);
    let startLog = '';
    again.stdout!.on('data', (c: Buffer) => (startLog += c.toString()));
    await waitHttp(`${base}/health`, again, 'service (restart)');
    const healthMs = Math.round(performance.now() - restartedAt);
    await sleep(2000);
    const restart = {
      healthMs,
      phases: /"msg":"(started in [^"]*)"/.exec(startLog)?.[1] ?? '(no phase line)',
      idleRssMb: rssMb(again.pid!),
      idleRssFreshMb: idleRssFresh,
      idleRssAfterLoadMb: loadedIdleRss,
    };
    process.stderr.write(`restart: /health after ${healthMs} ms; ${restart.phases}; idle RSS ${restart.idleRssMb} MB\n`);
    for (const r of rows) {
      const yardstick = rows.find((b) => b.name === r.baseline) ?? bareRow;
      if (!yardstick || r === yardstick) continue;
      r.baseline = yardstick.name;
      r.ratio = Math.round((r.reqPerSec / yardstick.reqPerSec) * 100) / 100;
    }

    // 5. Report.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const meta = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      postgres: embedded ? 'embedded' : 'BENCH_DATABASE_URL',
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      workers: WORKERS,
      throttling: env.BENCH_THROTTLE === '0' ? 'off' : env.BENCH_REDIS_URL ? 'redis' : 'memory',
      logLevel: env.BENCH_LOG_LEVEL ?? 'warn',
      cpuProfile: CPU_PROF,
      pinned: PIN,
      only: ONLY?.join(','),
      caPolicies: CA_POLICIES,
      bigUsers: BIG_USERS,
      postgresCore: PG_CORE,
      externalIssuer: true,
      restart,
      /** The machine is shared: its 1/5/15-minute load average before and after the run. */
      loadAverage: { before: loadBefore, after: loadavg().map((n) => Math.round(n * 100) / 100) },
    };
    const table = [
      '| scenario | req/s | p50 ms | p99 ms | errors | server RSS MB | server CPU µs/req | vs bare (which) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.name} (${r.describe}) | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rssMb} | ${r.cpuUsPerReq} | ${r.ratio ?? '1.00'}${r.baseline ? ` (${r.baseline})` : ''} |`,
      ),
    ].join('\n');
    const md = [
      `# Benchmark ${meta.date}`,
      '',
      `Node ${meta.node}, ${meta.cpus} cores (${meta.cpuModel}), ${meta.memoryGb} GB; Postgres: ${meta.postgres}; ` +
        `${CONNECTIONS} connections, ${DURATION} s per scenario after a ${WARMUP} s warm-up (the first service scenario ${Math.max(WARMUP, 10)} s); WORKERS=${WORKERS}; ` +
        `throttling ${meta.throttling}; LOG_LEVEL=${meta.logLevel}; ` +
        (PIN
          ? 'pinned: the service (and the bare server) on core 0, load generator and Postgres on the other cores.'
          : 'not pinned: load generator, service, bare server and Postgres share all cores.') +
        ` Load average (1/5/15 min) before: ${meta.loadAverage.before.join(' / ')}, after: ${meta.loadAverage.after.join(' / ')}.` +
        (ONLY ? ` BENCH_ONLY=${meta.only}.` : '') +
        (PIN ? ` Postgres ${PG_CORE === 'shared' ? "on the service's core" : 'on its own core(s)'}.` : ''),
      '',
      table,
      '',
      `Restart on the existing database: /health answered ${restart.healthMs} ms after spawn; ${restart.phases}. ` +
        `Idle RSS: ${restart.idleRssFreshMb} MB after the first start, ${restart.idleRssAfterLoadMb} MB after the load, ${restart.idleRssMb} MB after the restart.`,
      '',
    ].join('\n');
    writeFileSync(join(RESULTS, `bench-${stamp}.md`), md);
    writeFileSync(join(RESULTS, `bench-${stamp}.json`), `${JSON.stringify({ meta, rows }, null, 2)}\n`);
    process.stdout.write(`\n${md}\nwritten: bench/results/bench-${stamp}.{md,json}\n`);
  } finally {
    for (const c of children.reverse()) await stop(c);
    for (const close of closers) await close();
    if (embedded) await embedded.stop();
    else {
      const admin = new pg.Client(serverUrl);
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
