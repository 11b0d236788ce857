import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { writeDevCertificate } from '../../scripts/dev-cert.mjs';
import { startTestApp, type TestApp } from './app.js';

export interface TlsTestApp extends TestApp {
  /** PEM of the CA that signed the server's certificate (the test's own, made for this run). */
  readonly caCert: string;
  /**
   * An undici dispatcher that trusts `caCert`: pass it to Node's fetch as `{ dispatcher }`.
   * NODE_EXTRA_CA_CERTS is read once at process start, so inside jest this is how a client trusts it.
   */
  readonly dispatcher: Agent;
}

/**
 * The real app serving HTTPS with a certificate for localhost/127.0.0.1 from `npm run cert`'s code,
 * written to a temporary directory (removed on close).
 */
export async function startTlsTestApp(env: Record<string, string> = {}): Promise<TlsTestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'graph-e2e-tls-'));
  try {
    const files = await writeDevCertificate(dir);
    const caCert = await readFile(files.caFile, 'utf8');
    const t = await startTestApp({ ...env, TLS_CERT_FILE: files.certFile, TLS_KEY_FILE: files.keyFile });
    const dispatcher = new Agent({ connect: { ca: caCert } });
    return {
      ...t,
      caCert,
      dispatcher,
      async close() {
        await dispatcher.close();
        await t.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
