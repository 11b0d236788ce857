/**
 * The load generator, in a process of its own (so it never shares an event loop with the server).
 * Usage: node dist/bench/load.js '<LoadSpec JSON>'; prints one LoadResult JSON line.
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Statuses that count as success; anything else is an error. */
  expect: number[];
  method?: string;
  headers?: Record<string, string>;
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
    requests: [{ onResponse }],
  };
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
