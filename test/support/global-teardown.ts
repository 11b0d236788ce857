import { rm } from 'node:fs/promises';
import type { EmbeddedPostgresHandle } from '../../src/database/embedded-postgres.js';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as Record<string, unknown>).__EMBEDDED_PG__ as
    | { handle: EmbeddedPostgresHandle; dataDir: string }
    | undefined;
  if (!started) return;
  await started.handle.stop();
  await rm(started.dataDir, { recursive: true, force: true });
}
