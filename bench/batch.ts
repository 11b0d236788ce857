/**
 * The `batch-20` scenarios of `npm run bench` (BENCH_ONLY=batch-20): twenty GETs of one route sent
 * one after another on one keep-alive connection, against the same twenty GETs as one `$batch`, on
 * one connection too. Rounds run back to back for the scenario's duration; a round's latency is the
 * time to all twenty answers. Throughput and CPU are per inner GET, so the two rows compare directly.
 */
import { Agent, request } from 'node:http';
import type { LoadResult } from './load.js';

export interface BatchBenchOptions {
  /** `http://127.0.0.1:port` of the service. */
  base: string;
  /** The service's pid, for CPU and memory. */
  pid: number;
  headers: Record<string, string>;
  /** The GET route, with its version: `/v1.0/...`. */
  path: string;
  durationSeconds: number;
  cpuSeconds(pid: number): number;
  rssMb(pid: number): number;
}

/** A row of the bench's report (the same fields as the load scenarios' rows). */
export interface BatchBenchRow extends LoadResult {
  name: string;
  describe: string;
  target: 'service';
  baseline?: string;
  rssMb: number;
  cpuUsPerReq: number;
}

const ROUND = 20;

interface Answer {
  status: number;
  body: string;
}

function send(agent: Agent, base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Both rows: `batch-20-direct` then `batch-20` (its ratio is to the direct row). */
export async function batchBenchRows(o: BatchBenchOptions): Promise<BatchBenchRow[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const batchBody = JSON.stringify({
    requests: Array.from({ length: ROUND }, (_, i) => ({ id: String(i + 1), method: 'GET', url: o.path.replace(/^\/(v1\.0|beta)/, '') })),
  });
  const batchHeaders = { ...o.headers, 'content-type': 'application/json' };
  /** One round: the statuses of its twenty GETs. */
  const rounds: Record<string, () => Promise<Answer[]>> = {
    direct: async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < ROUND; i++) answers.push(await send(agent, o.base, 'GET', o.path, o.headers));
      return answers;
    },
    batch: async () => {
      const answer = await send(agent, o.base, 'POST', o.path.replace(/^(\/[^/]+).*$/, '$1/$batch'), batchHeaders, batchBody);
      if (answer.status !== 200) return [answer];
      const { responses } = JSON.parse(answer.body) as { responses: { status: number; body?: unknown }[] };
      return responses.map((r) => ({ status: r.status, body: JSON.stringify(r.body ?? null) }));
    },
  };
  const rows: BatchBenchRow[] = [];
  try {
    for (const [kind, round] of Object.entries(rounds)) {
      await measure(round, 2); // warm-up, discarded
      const cpuBefore = o.cpuSeconds(o.pid);
      const m = await measure(round, o.durationSeconds);
      const cpu = o.cpuSeconds(o.pid) - cpuBefore;
      const name = kind === 'direct' ? 'batch-20-direct' : 'batch-20';
      rows.push({
        name,
        target: 'service',
        describe:
          kind === 'direct'
            ? `20 GETs one after another on 1 connection; req/s = GETs/s, p50/p99 = ms per 20 GETs`
            : `1 $batch of the same 20 GETs on 1 connection; req/s = inner GETs/s, p50/p99 = ms per batch`,
        baseline: kind === 'direct' ? name : 'batch-20-direct',
        ...m,
        rssMb: o.rssMb(o.pid),
        cpuUsPerReq: m.requests ? Math.round((cpu * 1e6) / m.requests) : 0,
      });
      process.stderr.write(`${name}: ${m.reqPerSec} GETs/s, p50 ${m.p50} ms, p99 ${m.p99} ms per 20, errors ${m.errors}\n`);
    }
  } finally {
    agent.destroy();
  }
  return rows;
}

async function measure(round: () => Promise<Answer[]>, seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const samples: Record<string, string> = {};
  let requests = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    const answers = await round();
    latencies.push(performance.now() - t0);
    for (const a of answers) {
      requests++;
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      if (a.status !== 200) {
        errors++;
        samples[a.status] ??= a.body.slice(0, 400);
      }
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return { requests, reqPerSec: Math.round(requests / elapsed), p50: at(0.5), p99: at(0.99), errors, statuses, samples };
}
