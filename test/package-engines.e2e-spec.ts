import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/**
 * `engines` tells the truth: every package the lockfile installs supports the oldest Node.js that
 * package.json declares (npm would otherwise print EBADENGINE and the package may use newer APIs).
 */
describe('engines', () => {
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(join(process.cwd(), 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[]; os?: string[]; cpu?: string[]; optional?: boolean }>;
  };
  const oldest = semver.minVersion(pkg.engines.node)!;

  it('declares a Node.js range the running Node.js satisfies', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it(`every installed package supports the oldest declared Node.js`, () => {
    const unsupported = Object.entries(lock.packages)
      .filter(([path]) => path.startsWith('node_modules/'))
      .map(([path, p]) => ({
        path,
        range: Array.isArray(p.engines) ? undefined : p.engines?.node,
        other: (p.os ?? []).length > 0 && !(p.os ?? []).includes(process.platform),
      }))
      .filter(({ range, other }) => range && !other && !semver.satisfies(oldest, range))
      .map(({ path, range }) => `${path.replace(/^.*node_modules\//, '')} needs node ${range}`);
    expect(unsupported).toEqual([]);
  });
});
