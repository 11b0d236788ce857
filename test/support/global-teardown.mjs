import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Stops the run's embedded Postgres and removes the run's temporary folder (see global-setup.mjs). */
export default async function globalTeardown() {
  try {
    await globalThis.__EMBEDDED_PG__?.stop();
  } finally {
    const runDir = globalThis.__TEST_RUN_DIR__;
    if (runDir) await rm(runDir, { recursive: true, force: true });
    if (process.env.GRAPH_TEST_OUTER_TMPDIR) process.env.TMPDIR = process.env.GRAPH_TEST_OUTER_TMPDIR;
    const cache = join(fileURLToPath(new URL('../../node_modules/.cache/graph-test', import.meta.url)), String(process.pid));
    await rm(cache, { recursive: true, force: true });
  }
}
