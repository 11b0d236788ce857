import { afterAll } from '@jest/globals';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkGraphBody, isCheckedGraphPath, versionOfPath } from './graph-metadata.js';

/**
 * Runs in every e2e suite (jest `setupFilesAfterEnv`): wraps the global fetch, through which the
 * test helpers (support/http.ts) and both Graph SDKs talk to the app, and checks every successful
 * JSON Graph response against Graph's own type description (support/graph-metadata.ts). A suite with
 * a response that does not fit fails in afterAll, listing the responses. With GRAPH_RECORD_DIR set,
 * every checked response is also appended to `{dir}/responses-{worker}.jsonl`.
 */
const violations: string[] = [];
const recordDir = process.env.GRAPH_RECORD_DIR;
const originalFetch = globalThis.fetch;

async function inspect(method: string, url: URL, response: Response): Promise<void> {
  if (response.status < 200 || response.status >= 300) return;
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return;
  const version = versionOfPath(url.pathname);
  if (version && /^\/[^/]+\/\$batch$/i.test(url.pathname)) return inspectBatch(method, url, response);
  if (!version || !isCheckedGraphPath(url.pathname)) return;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    violations.push(`${method} ${url.pathname}${url.search} → ${response.status}: not JSON`);
    return;
  }
  if (recordDir) {
    mkdirSync(recordDir, { recursive: true });
    const file = join(recordDir, `responses-${process.env.JEST_WORKER_ID ?? '0'}.jsonl`);
    appendFileSync(file, `${JSON.stringify({ method, url: url.pathname + url.search, status: response.status, body })}\n`);
  }
  const problems = checkGraphBody(version, body);
  if (problems.length) violations.push(`${method} ${url.pathname}${url.search} → ${response.status}:\n    ${problems.join('\n    ')}`);
}

/** A `$batch` answer: each successful JSON slot is a Graph response of its own, checked the same way. */
async function inspectBatch(method: string, url: URL, response: Response): Promise<void> {
  const body = (await response.clone().json()) as { responses?: { id: string; status: number; body?: unknown }[] };
  for (const slot of body.responses ?? []) {
    const context = (slot.body as Record<string, unknown> | undefined)?.['@odata.context'];
    if (slot.status < 200 || slot.status >= 300 || typeof context !== 'string') continue;
    const version = versionOfPath(new URL(context).pathname);
    if (!version) continue;
    const problems = checkGraphBody(version, slot.body);
    if (problems.length) violations.push(`${method} ${url.pathname} [${slot.id}] → ${slot.status}:\n    ${problems.join('\n    ')}`);
  }
}

globalThis.fetch = async function checkedFetch(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) {
  const response = await originalFetch(input, init);
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request?.url ?? String(input));
  await inspect((init?.method ?? request?.method ?? 'GET').toUpperCase(), url, response);
  return response;
} as typeof fetch;

afterAll(() => {
  globalThis.fetch = originalFetch;
  if (violations.length) {
    throw new Error(`Responses that do not fit Graph's types (test/fixtures/graph-metadata):\n  ${violations.join('\n  ')}`);
  }
});
