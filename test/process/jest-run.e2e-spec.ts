import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Runs jest in band, as `npm test` does, on the fixtures, with this repository's real e2e project settings. */
async function runJest(dir: string): Promise<{ code: number | null; output: string }> {
  const config = join(dir, 'jest.fixtures.config.mjs');
  await writeFile(
    config,
    `import config from ${JSON.stringify(join(ROOT, 'jest.config.js'))};
const e2e = config.projects.find((p) => p.displayName === 'e2e');
export default { ...e2e, testTimeout: config.testTimeout, rootDir: ${JSON.stringify(ROOT)}, testMatch: ['<rootDir>/test/process/fixtures/*.fixture.ts'] };
`,
  );
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', config, '--runInBand', '--ci'], {
    cwd: ROOT,
    // TEST_DATABASE_URL (this run's server) spares the fixtures' run an embedded Postgres of its own.
    env: { ...process.env, TMPDIR: dir, NODE_OPTIONS: '--experimental-vm-modules' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { code, output };
}

describe('npm test on a loaded machine: one bad file never ends the run', () => {
  let dir: string;
  let run: { code: number | null; output: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-jest-run-'));
    run = await runJest(dir);
  }, 300_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a hook slower than 5 s passes; process.exit fails its own file only; every file runs and the summary prints', () => {
    const summary = run.output.match(/Tests:.*$/m)?.[0];
    expect({ code: run.code, summary, suites: run.output.match(/Test Suites:.*$/m)?.[0] }).toEqual({
      code: 1,
      summary: expect.stringMatching(/1 failed, 2 passed, 3 total/),
      suites: expect.stringMatching(/1 failed, 2 passed, 3 total/),
    });
    expect(run.output).toMatch(/PASS .*slow-hook\.fixture\.ts/);
    expect(run.output).toMatch(/PASS .*passes\.fixture\.ts/);
    expect(run.output).toMatch(/FAIL .*exits\.fixture\.ts[\s\S]*process\.exit\(1\) called inside a test file/);
  });

  it('leaves no temporary folder behind', async () => {
    // jest_<uid> is Jest's own transform cache, kept between runs on purpose.
    expect((await readdir(dir)).filter((f) => !/^jest_/.test(f))).toEqual(['jest.fixtures.config.mjs']);
  });
});
