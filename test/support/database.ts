import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection string of the suite's own, empty database. */
  readonly url: string;
  drop(): Promise<void>;
}

/** The Postgres server chosen by global-setup.ts (TEST_DATABASE_URL or the embedded one). */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run e2e tests through jest (global-setup.ts)');
  return url;
}

/** Creates a fresh database for one suite, so suites never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(serverUrl());
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client(serverUrl());
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
