import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Agent } from 'undici';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { embeddedServerFixture, ensureBuilt, freePort } from './support/server-process.js';
import { cookieOf, flowTokenOf } from './support/sign-in.js';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

interface Snippet {
  lang: string;
  code: string;
  line: number;
}

/** The README's fenced code blocks, in order. */
function snippets(markdown: string): Snippet[] {
  const out: Snippet[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m; (m = fence.exec(markdown));) {
    out.push({ lang: m[1], code: m[2], line: markdown.slice(0, m.index).split('\n').length });
  }
  return out;
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BLOCKS = snippets(README);
const RUN = BLOCKS.filter((b) => b.lang === 'bash' || b.lang === 'js');
/** The sign-in sections' blocks (MSAL, azure-identity): they get their own tokens from the seeded tenant. */
const SIGN_IN = /from '@azure\/(msal-node|identity)'/;
/** "Sign in interactively" and "Sign in on a device": a person signs in on a page while the block waits. */
const AUTH_CODE = /getAuthCodeUrl/;
const DEVICE_CODE = /acquireTokenByDeviceCode/;
/** The seeded user the README's sign-in sections name (examples/seed.json). */
const SEEDED_USER = { loginfmt: 'uma@contoso.example', passwd: 'User-Passw0rd!' };

/**
 * The stand-ins for what a test cannot do as a reader would (README "Quick start" says which): `npm
 * start` starts the built server in the background with the block's settings and waits for /health;
 * `npm install` is a dry run; the test scripts are this very run, `start:dev`, `bench`, `lint` and `format` are
 * only checked to exist (CI runs the last two); docker is not run here. curl fails on an HTTP error. Everything else runs as written.
 */
const prelude = (work: string, env: Record<string, string>) => `set -euo pipefail
${Object.entries(env)
  .map(([k, v]) => `export ${k}=${JSON.stringify(v)}`)
  .join('\n')}
cd ${JSON.stringify(work)}
if [ -f state.env ]; then . ./state.env; fi
__stop_server() {
  if [ -f server.pid ]; then
    local pid; pid=$(cat server.pid)
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    rm -f server.pid
  fi
}
__start_server() {
  __stop_server
  node ${JSON.stringify(join(ROOT, 'dist', 'src', 'main.js'))} </dev/null >>server.log 2>&1 &
  echo $! > server.pid
  local scheme=http; if [ -n "\${TLS_CERT_FILE:-}" ]; then scheme=https; fi
  for _ in $(seq 1 900); do
    if [ "$(command curl -sk -o /dev/null -w '%{http_code}' "$scheme://127.0.0.1:$PORT/health" || true)" = 200 ]; then return 0; fi
    if ! kill -0 "$(cat server.pid)" 2>/dev/null; then echo "npm start: the server exited" >&2; tail -n 20 server.log >&2; return 1; fi
    sleep 0.2
  done
  echo "npm start: not ready" >&2; tail -n 20 server.log >&2; return 1
}
__script_exists() { node -e 'process.exit(require("./package.json").scripts[process.argv[1]] ? 0 : 1)' "$1"; }
npm() {
  case "\${1:-}" in
    install|ci) command npm "$@" --dry-run --no-audit --no-fund >/dev/null ;;
    start) __start_server ;;
    test) __script_exists test ;;
    run)
      case "\${2:-}" in
        test:*|start:dev|bench|lint|format|format:check) __script_exists "$2" ;;
        --silent|-s|token|cert|fixtures) command npm "$@" ;;
        *) echo "README test: no stand-in for npm $*" >&2; return 1 ;;
      esac ;;
    *) echo "README test: no stand-in for npm $*" >&2; return 1 ;;
  esac
}
docker() { echo "(not run by the README test: docker $*)"; }
curl() { command curl --fail-with-body --show-error "$@"; }
`;

/** Every bash and js block of README.md, in order, as a reader runs them (PowerShell blocks are not run). */
describe('README snippets', () => {
  let work: string;
  let port: number;
  let db: TestDatabase;
  let fixture: Awaited<ReturnType<typeof embeddedServerFixture>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    await ensureBuilt();
    fixture = await embeddedServerFixture('readme-');
    db = await createTestDatabase();
    port = await freePort();
    work = await mkdtemp(join(tmpdir(), 'readme-work-'));
    // A reader's checkout, built: the scripts resolve package.json, dist/ and node_modules here.
    for (const f of ['package.json', 'package-lock.json', 'node_modules', 'dist', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'examples']) {
      await symlink(join(ROOT, f), join(work, f));
    }
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: fixture.dataDir,
      EMBEDDED_PG_PORT: String(fixture.pgPort),
      LOG_LEVEL: 'warn',
    };
  }, 300_000);

  afterAll(async () => {
    if (work && existsSync(join(work, 'server.pid'))) {
      const pid = Number(await readFile(join(work, 'server.pid'), 'utf8'));
      try {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      } catch {
        /* gone */
      }
    }
    await fixture?.cleanup(undefined);
    await db?.drop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  it('has bash and js blocks to run, and only PowerShell besides', () => {
    expect(RUN.length).toBeGreaterThanOrEqual(7);
    expect(BLOCKS.filter((b) => !RUN.includes(b)).map((b) => b.lang)).toEqual(['powershell', 'json']);
    expect(RUN.filter((b) => SIGN_IN.test(b.code))).toHaveLength(4);
    expect(RUN.filter((b) => AUTH_CODE.test(b.code))).toHaveLength(1);
    expect(RUN.filter((b) => DEVICE_CODE.test(b.code))).toHaveLength(1);
  });

  it('the seed file format block is JSON', () => {
    for (const b of BLOCKS.filter((x) => x.lang === 'json')) expect(() => JSON.parse(b.code)).not.toThrow();
  });

  /** The service on this test's port and, for "your own Postgres", this test's database. */
  const adapt = (code: string) => code.replaceAll(':3000', `:${port}`).replaceAll('postgres://postgres@127.0.0.1:5432/graph', db.url);

  it.each(RUN.map((b) => [`${b.lang} block at README.md line ${b.line}`, b] as const))(
    '%s',
    async (_name, block) => {
      if (block.lang === 'bash') {
        const script = `${prelude(work, env)}\n${adapt(block.code)}\nif [ -n "\${TOKEN:-}" ]; then printf 'TOKEN=%q\\n' "$TOKEN" > state.env; fi\n`;
        await writeFile(join(work, 'snippet.sh'), script);
        const result = await run('bash', [join(work, 'snippet.sh')], { env, maxBuffer: 16 * 1024 * 1024 }).catch(
          (e: { stdout: string; stderr: string; code: number }) => e,
        );
        if ('code' in result && result.code) throw new Error(`exit ${result.code}\n${result.stdout}\n${result.stderr}`);
        return;
      }
      // As the SDK section says: app.mjs in a project with the packages, NODE_EXTRA_CA_CERTS, TOKEN; twice.
      await writeFile(join(work, 'app.mjs'), adapt(block.code));
      const token = /^TOKEN=(.*)$/m.exec(await readFile(join(work, 'state.env'), 'utf8'))![1];
      const nodeEnv = { ...env, TOKEN: token.replace(/^'|'$/g, ''), NODE_EXTRA_CA_CERTS: join(work, 'certs', 'dev-ca.pem') };
      for (const round of [1, 2]) {
        const result = AUTH_CODE.test(block.code)
          ? await runWithPerson(nodeEnv, /^Sign in at (\S+)$/m, (m) => signInOnThePage(m[1]))
          : DEVICE_CODE.test(block.code)
            ? await runWithPerson(nodeEnv, /open the page (\S+) and enter the code (\S+) to authenticate/, (m) => approveOnTheDevicePage(m[1], m[2]))
            : await run(process.execPath, ['app.mjs'], { cwd: work, env: nodeEnv }).catch((e: { stdout: string; stderr: string; code: number }) => e);
        if ('code' in result && result.code) throw new Error(`run ${round}: exit ${result.code}\n${result.stdout}\n${result.stderr}`);
        if (AUTH_CODE.test(block.code) || DEVICE_CODE.test(block.code)) {
          // The seeded user, signed in on the page by the person (below), reaches /me with the token.
          expect(result.stdout).toMatch(/^200 uma@contoso\.example$/m);
        } else if (SIGN_IN.test(block.code)) {
          // A token from the seeded app's secret, then the seeded user's password (examples/seed.json).
          expect(result.stdout).toMatch(/^200 enabledForReportingButNotEnforced$/m);
          expect(result.stdout).toMatch(/^200 uma@contoso\.example$/m);
        } else expect(result.stdout).toMatch(/^404 Request_ResourceNotFound [0-9a-f-]{36}$/m);
        expect(result.stdout).not.toContain('undefined');
      }
    },
    300_000,
  );

  /** What a person does in the browser, over plain HTTPS requests that trust the README's development CA. */
  async function browse(url: string, init: { form?: Record<string, string>; cookie?: string } = {}) {
    const dispatcher = new Agent({ connect: { ca: await readFile(join(work, 'certs', 'dev-ca.pem')) } });
    try {
      const headers: Record<string, string> = init.cookie ? { cookie: init.cookie } : {};
      if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(url, {
        method: init.form ? 'POST' : 'GET',
        headers,
        body: init.form ? new URLSearchParams(init.form).toString() : undefined,
        redirect: 'manual',
        dispatcher,
      } as RequestInit);
      return { status: res.status, headers: res.headers, text: await res.text() };
    } finally {
      await dispatcher.close();
    }
  }

  /** The page a sign-in form posts to: `/{tenant}/login` at the origin of `url`. */
  const loginUrl = (url: string) => {
    const u = new URL(url);
    return `${u.origin}/${u.pathname.split('/')[1]}/login`;
  };

  /** "Sign in interactively": open the printed URL, sign in as the seeded user, follow the redirect to the app. */
  async function signInOnThePage(url: string) {
    const page = await browse(url);
    expect(page.status).toBe(200);
    const done = await browse(loginUrl(url), { cookie: cookieOf(page.headers), form: { flowToken: flowTokenOf(page.text), ...SEEDED_USER } });
    expect(done.status).toBe(302);
    const location = done.headers.get('location') ?? '';
    expect(location).toMatch(/^http:\/\/localhost:8400\/\?code=/);
    const app = await fetch(location);
    expect(await app.text()).toBe('Signed in. You can close this tab.');
  }

  /** "Sign in on a device": open the printed page, type the code, sign in as the seeded user. */
  async function approveOnTheDevicePage(verificationUri: string, userCode: string) {
    const confirm = await browse(verificationUri, { form: { otc: userCode } });
    expect(confirm.text).toContain('Are you trying to sign in to');
    const cookie = cookieOf(confirm.headers);
    const flowToken = flowTokenOf(confirm.text);
    const signIn = await browse(loginUrl(verificationUri), { cookie, form: { flowToken, action: 'continue' } });
    expect(signIn.status).toBe(200);
    const done = await browse(loginUrl(verificationUri), { cookie, form: { flowToken, ...SEEDED_USER } });
    expect(done.status).toBe(200);
    expect(done.text).toContain('You have signed in on your device');
  }

  /**
   * Runs app.mjs as the README says; when its output matches `prompt` (the URL or code it shows the person),
   * `person` does the browser part; then waits for the app to finish. Answers what `execFile` would.
   */
  async function runWithPerson(nodeEnv: Record<string, string>, prompt: RegExp, person: (m: RegExpExecArray) => Promise<void>) {
    const child = spawn(process.execPath, ['app.mjs'], { cwd: work, env: nodeEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
    const shown = new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = prompt.exec(stdout);
        if (m) resolve(m);
      });
      void exited.then(() => reject(new Error(`app.mjs ended without showing ${prompt}\n${stdout}\n${stderr}`)));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await person(await shown);
      const code = await exited;
      return { stdout, stderr, code };
    } finally {
      if (child.exitCode === null) child.kill();
    }
  }
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
