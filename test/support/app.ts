import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly db: TestDatabase;
  /** `http://127.0.0.1:<port>` (`https://` when TLS_CERT_FILE/TLS_KEY_FILE are given) */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Boots the real application (same factory as main.ts) on a fresh database of its own, listening
 * on a free port. Fastify's inject() cannot run under jest's ESM mode, so tests use real sockets.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  extraImports: DynamicModule['imports'] = [],
  /** `databaseUrl`: run on this existing database (another instance's, a dedicated server) instead of a fresh one; it is not dropped on close. */
  options: { databaseUrl?: string } = {},
): Promise<TestApp> {
  const db: TestDatabase = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const logger = pino({ level: config.logLevel });
  let app: NestFastifyApplication;
  try {
    app = await createApp(config, db.url, logger, extraImports);
    await app.listen(0, '127.0.0.1');
  } catch (e) {
    await db.drop();
    throw e;
  }
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    db,
    url: `${config.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
