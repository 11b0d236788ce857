/**
 * Instructions per request, by callgrind: deterministic whatever the machine's load (bench/results/callgrind-*.md).
 * Runs a built service (`<root>/dist/src/main.js`, default settings, LOG_LEVEL=warn) under
 * `valgrind --tool=callgrind` on a fresh database, seeds it through the API, then for each scenario:
 * warm-up requests, `callgrind_control -z`, N requests (autocannon, 4 connections, outside valgrind),
 * `callgrind_control -d`, and the dump's total Ir / N (user space, all threads, GC included).
 * `<root>` may be another worktree (an older commit): only its dist/src/main.js runs; tokens are minted here.
 * Usage: node dist/bench/callgrind.js <root> <databaseServerUrl> [scenario,...]
 *   scenarios: accr-get-app, accr-get-delegated, accr-list-filter, methods-list, users-list (default: all)
 * Settings: CG_N (requests per scenario, default 300), CG_WARMUP (default 1500), CG_ROUNDS (default 2; the last is reported), CG_SERVICE_ENV (JSON: more service
 * settings, e.g. {"DB_STATEMENT_TIMEOUT_MS":"120000"}: under valgrind a start's migrations can outlast the default),
 * CG_NODE_FLAGS (node flags for the service, e.g. `--optimize-for-size --max-semi-space-size=2`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { mintFromDatabase } from './lib/tokens.js';

const [rootArg, serverUrl, only] = process.argv.slice(2);
const root = resolve(rootArg);
const N = Number(process.env.CG_N ?? 300);
const WARMUP = Number(process.env.CG_WARMUP ?? 1500);
const ROUNDS = Number(process.env.CG_ROUNDS ?? 2);
const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';
const picked = (name: string) => !only || only.split(',').includes(name);

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

async function run(url: string, headers: Record<string, string>, amount: number): Promise<void> {
  const result = await autocannon({ url, headers, amount, connections: 4 });
  const ok = Object.entries(result.statusCodeStats ?? {}).every(([code]) => code === '200');
  if (!ok || result.errors || result.timeouts) throw new Error(`${url}: ${JSON.stringify(result.statusCodeStats)} errors ${result.errors}`);
}

async function main(): Promise<void> {
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  const dbName = `cg_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = `${serverUrl.replace(/\/[^/]*$/, '')}/${dbName}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // valgrind and callgrind_control (vgdb) name their pipes after USER and HOST: both must see the same values.
  const vgEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', USER: process.env.USER ?? 'bench', HOST: '127.0.0.1' };
  const control = (flag: string) => execFileSync('callgrind_control', [flag, String(service.pid)], { stdio: 'ignore', env: vgEnv, timeout: 120_000 });
  const outDir = mkdtempSync(join(tmpdir(), 'cg-'));
  const service = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${join(outDir, 'cg.out')}`,
      process.execPath,
      ...(process.env.CG_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      join(root, 'dist', 'src', 'main.js'),
    ],
    {
      cwd: root,
      env: {
        ...vgEnv,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        ...(process.env.CG_SERVICE_ENV ? JSON.parse(process.env.CG_SERVICE_ENV) : {}),
        PORT: String(port),
        DATABASE_URL: dbUrl,
      },
      stdio: ['ignore', 'ignore', openSync(join(outDir, 'stderr.log'), 'w')], // valgrind's and the service's complaints
    },
  );
  try {
    for (let i = 0; ; i++) {
      if (service.exitCode !== null) throw new Error(`service exited: ${join(outDir, 'stderr.log')}`);
      if (
        await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) }).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const tenant = randomUUID();
    const mint = (o: Omit<Parameters<typeof mintFromDatabase>[2], 'tenantId'>) => mintFromDatabase(dbUrl, base, { tenantId: tenant, ...o });
    const write = await mint({
      kind: 'application',
      appRoles: ['AuthenticationContext.ReadWrite.All', 'User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'],
    });
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    for (let i = 1; i <= 10; i++) await post(ACCR, { id: `c${i}`, displayName: `Context ${i}`, description: 'seeded', isAvailable: i % 2 === 1 });
    const user = (
      await post('/v1.0/users', {
        accountEnabled: true,
        displayName: 'Methods',
        mailNickname: 'm',
        userPrincipalName: 'm@bench.test',
        passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' },
      })
    ).id;
    await post(`/v1.0/users/${user}/authentication/phoneMethods`, { phoneNumber: '+1 2065555555', phoneType: 'mobile' });
    await post(`/v1.0/users/${user}/authentication/phoneMethods`, { phoneNumber: '+1 2065555556', phoneType: 'office' });
    await post(`/v1.0/users/${user}/authentication/emailMethods`, { emailAddress: 'm@example.com' });
    // users-list pages 12 users by 5 (a nextLink on every page).
    for (let i = 1; i <= 11; i++)
      await post('/v1.0/users', {
        accountEnabled: true,
        displayName: `User ${i}`,
        mailNickname: `u${i}`,
        userPrincipalName: `u${i}@bench.test`,
        passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' },
      });
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const app = auth(await mint({ kind: 'application', appRoles: ['AuthenticationContext.Read.All'] }));
    // A delegated admin: the directory user behind it exists (the sessions stage looks it up).
    const delegated = auth(
      await mint({
        kind: 'delegated',
        objectId: user,
        userPrincipalName: 'm@bench.test',
        scopes: ['AuthenticationContext.Read.All'],
        directoryRoles: ['Global Reader'],
      }),
    );
    const methods = auth(await mint({ kind: 'application', appRoles: ['UserAuthenticationMethod.Read.All'] }));
    const scenarios: [string, string, Record<string, string>][] = [
      ['accr-get-app', `${ACCR}/c1`, app],
      ['accr-get-delegated', `${ACCR}/c1`, delegated],
      ['accr-list-filter', `${ACCR}?$filter=${encodeURIComponent('isAvailable eq true')}`, app],
      ['methods-list', `/v1.0/users/${user}/authentication/methods`, methods],
      ['users-list', `/v1.0/users?$top=5&$filter=${encodeURIComponent('accountEnabled eq true')}`, auth(write)],
    ];
    const results: Record<string, number> = {};
    // Several rounds: the first scenario of a fresh process still pays V8's optimising compiler (its threads count).
    for (let round = 1; round <= ROUNDS; round++)
      for (const [name, path, headers] of scenarios.filter(([n]) => picked(n))) {
        await run(`${base}${path}`, headers, WARMUP);
        control('-z');
        await run(`${base}${path}`, headers, N);
        const before = new Set(readdirSync(outDir));
        control('-d');
        let dump: string | undefined;
        while (!(dump = readdirSync(outDir).find((f) => !before.has(f)))) await new Promise((r) => setTimeout(r, 200));
        await new Promise((r) => setTimeout(r, 500));
        const totals = /^(?:totals|summary): (\d+)/m.exec(readFileSync(join(outDir, dump), 'utf8'));
        results[name] = Math.round(Number(totals![1]) / N);
        process.stdout.write(`round ${round}\t${name}\t${results[name]}\tIr/request (N=${N}, warm-up ${WARMUP})\n`);
      }
    process.stdout.write(`${JSON.stringify({ root, results })}\n`);
  } finally {
    service.kill('SIGINT');
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
