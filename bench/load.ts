/**
 * The load generator, in a process of its own (so it never shares an event loop with the server).
 * Usage: node dist/bench/load.js '<LoadSpec JSON>'; prints one LoadResult JSON line.
 */
import autocannon from 'autocannon';
import { STARTED } from './lib/load-started.js';

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Statuses that count as success; anything else is an error. */
  expect: number[];
  method?: string;
  headers?: Record<string, string>;
  /** A request body (the token endpoint's form, sent with its content type in `headers`). */
  body?: string;
  /**
   * Refresh-token redemption: refresh tokens are single-use and rotated, so each connection first gets one by
   * `grant_type=password` (this form, not measured: neither its time nor its CPU) and then redeems the one its last answer gave it.
   */
  refresh?: { passwordForm: Record<string, string> };
  /** Create/delete cycle: each cycle takes the next (tenant token, id) slot. */
  cycle?: { collectionPath: string; tokens: string[] };
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  /** One response body per unexpected status, to say what went wrong. */
  samples: Record<string, string>;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  const samples: Record<string, string> = {};
  const onResponse = (status: number, body: string) => {
    if (!spec.expect.includes(status) && !(status in samples)) samples[status] = String(body).slice(0, 400);
  };
  const base: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    method: (spec.method ?? 'GET') as autocannon.Request['method'],
    headers: spec.headers,
    body: spec.body,
    requests: [{ onResponse }],
  };
  if (spec.refresh) {
    const { passwordForm } = spec.refresh;
    const first: string[] = [];
    for (let i = 0; i < spec.connections; i++) {
      const res = await fetch(spec.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(passwordForm),
      });
      const json = (await res.json()) as { refresh_token?: string };
      if (!json.refresh_token) throw new Error(`password grant for the refresh scenario: ${res.status} ${JSON.stringify(json)}`);
      first.push(json.refresh_token);
    }
    const form = (token: string) =>
      new URLSearchParams({ grant_type: 'refresh_token', client_id: passwordForm.client_id, scope: passwordForm.scope, refresh_token: token }).toString();
    // autocannon resets a connection's context after each pass over `requests`, so the live tokens are one pool:
    // a request takes one, its answer puts the rotated one back (never more in flight than connections).
    const pool = first;
    base.requests = [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(pool.shift() ?? '') }),
        onResponse: (status, body) => {
          onResponse(status, body);
          const next = status === 200 ? (JSON.parse(body) as { refresh_token?: string }).refresh_token : undefined;
          if (next) pool.push(next);
        },
      },
    ];
  }
  if (spec.cycle) {
    const { collectionPath, tokens } = spec.cycle;
    let counter = 0;
    base.requests = [
      {
        method: 'POST',
        path: collectionPath,
        onResponse,
        setupRequest: (req, ctx) => {
          const context = ctx as Record<string, string>;
          // Slots = tenants x 25 ids, taken in turn: two cycles in flight never share one.
          const k = counter++;
          context.token = tokens[k % tokens.length];
          context.id = `c${(Math.floor(k / tokens.length) % 25) + 1}`;
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${context.token}` },
            body: JSON.stringify({ id: context.id, displayName: `bench ${k}`, isAvailable: false }), // published ones cannot be deleted
          };
        },
      },
      {
        method: 'DELETE',
        onResponse,
        setupRequest: (req, ctx) => ({
          ...req,
          path: `${collectionPath}/${(ctx as Record<string, string>).id}`,
          headers: { authorization: `Bearer ${(ctx as Record<string, string>).token}` },
        }),
      },
    ];
  }
  // The measured part starts here (after the refresh scenario's password grants, whose scrypt is not the refresh's
  // cost): run.ts starts its CPU window on this line.
  process.stdout.write(`${STARTED}\n`);
  const result = await autocannon(base);
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (stat as { count: number }).count;
  const expected = spec.expect.reduce((n, s) => n + (statuses[String(s)] ?? 0), 0);
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const out: LoadResult = {
    requests: total,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (total - expected),
    statuses,
    samples,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
