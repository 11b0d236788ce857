/**
 * Summarises a V8 .cpuprofile (from BENCH_CPU_PROF=1): self time by package and by function.
 * Usage: node dist/bench/profile.js <file.cpuprofile> [topN]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

function pkgOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  const s = /\/(dist\/)?(src|bench)\/(.*)$/.exec(url);
  return s ? `ours: ${s[3].split('/')[0]}` : url;
}

const total = [...self.values()].reduce((a, b) => a + b, 0);
const pkgs = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const pkg = pkgOf(n.callFrame.url);
  pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(dist\/)?/, '')}:${n.callFrame.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
}
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
process.stdout.write(`total sampled: ${(total / 1e6).toFixed(1)} s\n\nself time by package:\n`);
for (const [k, v] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(v)}  ${k}\n`);
// Inclusive (synchronous) time: a node's own samples plus its subtree's, summed per function once per stack.
const inclusive = new Map<string, number>();
const keyOf = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(dist\/)?/, '')}:${n.callFrame.lineNumber + 1}`;
function walk(id: number, onStack: Set<string>): number {
  const n = byId.get(id)!;
  let t = self.get(id) ?? 0;
  const key = keyOf(n);
  const fresh = !onStack.has(key);
  if (fresh) onStack.add(key);
  for (const c of n.children ?? []) t += walk(c, onStack);
  if (fresh) {
    onStack.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
  }
  return t;
}
walk(profile.nodes[0].id, new Set());
const busy = total - [...self].filter(([id]) => ['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName)).reduce((a, [, v]) => a + v, 0);
process.stdout.write(`\ninclusive time, share of busy time (${(busy / 1e6).toFixed(1)} s), our code and framework entry points:\n`);
for (const [k, v] of [...inclusive]
  .filter(([k]) => !/^\((root|idle|program|garbage collector)\)/.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top * 2))
  process.stdout.write(`${((v / busy) * 100).toFixed(1).padStart(5)}%  ${k}\n`);

process.stdout.write('\nself time by function:\n');
for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(v)}  ${k}\n`);
