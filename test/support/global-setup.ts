import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

/**
 * E2e suites need a real Postgres: TEST_DATABASE_URL when the caller gives one, else one embedded
 * server for the whole run. Each suite then makes its own database on it (see database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const dataDir = await mkdtemp(join(tmpdir(), 'graph-e2e-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const handle = await startEmbeddedPostgres({ dataDir, port });
  process.env.TEST_DATABASE_URL = handle.url;
  (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { handle, dataDir };
}
