// Plain JS: jest loads global setup outside its TypeScript module mapping.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The service's own embedded-Postgres module (self-contained: node built-ins only), transpiled on the fly
 * so the tests' server starts exactly as the service's does: as root, from private folders too.
 */
const cacheDir = () => join(ROOT, 'node_modules', '.cache', 'graph-test', String(process.pid));

async function loadEmbeddedPostgres() {
  const out = cacheDir();
  await mkdir(out, { recursive: true });
  for (const name of ['embedded-postgres', 'embedded-postgres-root']) {
    const source = await readFile(join(ROOT, 'src', 'database', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    await writeFile(join(out, `${name}.js`), outputText);
  }
  await writeFile(join(out, 'package.json'), '{"type":"module"}');
  return import(pathToFileURL(join(out, 'embedded-postgres.js')).href);
}

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/**
 * One temporary folder for the whole run (TMPDIR for every suite, removed by global-teardown.mjs whatever
 * happened), and a real Postgres: TEST_DATABASE_URL when the caller gives one, else one throwaway embedded
 * server for the whole run. Each suite then makes its own database on it (database.ts).
 */
export default async function globalSetup() {
  const runDir = await mkdtemp(join(tmpdir(), 'graph-test-run-'));
  await chmod(runDir, 0o755);
  globalThis.__TEST_RUN_DIR__ = runDir;
  process.env.GRAPH_TEST_OUTER_TMPDIR = tmpdir();
  process.env.TMPDIR = runDir; // os.tmpdir() in this process and in every worker started after this
  if (process.env.TEST_DATABASE_URL) return;
  const { startEmbeddedPostgres } = await loadEmbeddedPostgres();
  // Jest skips the teardown when the setup fails: clean up here then.
  const server = await startEmbeddedPostgres({
    dataDir: join(runDir, 'postgres'),
    port: await freePort(),
    portFallback: true,
    temporary: true,
    onNotice: (line) => process.stderr.write(`[embedded-postgres] ${line}\n`),
    // Suites run in parallel, each with its own pool: leave headroom.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off'],
  }).catch(async (e) => {
    await rm(runDir, { recursive: true, force: true });
    await rm(cacheDir(), { recursive: true, force: true });
    throw e;
  });
  process.env.TEST_DATABASE_URL = server.url;
  globalThis.__EMBEDDED_PG__ = server;
}
