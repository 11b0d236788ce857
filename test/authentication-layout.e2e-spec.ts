import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { handlerRoutes } from './support/handler-routes.js';

jest.setTimeout(120_000);

/*
 * Issue #13, "room for it in the code": src/authentication/ is split by sub-resource, writes the `users`
 * table through no repository of its own, and every route it or the methods policy serves is found by
 * grepping its path (each path, without its version and trailing `{id}`/`$count`, is written out in src/).
 */
const SRC = join(process.cwd(), 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const sources = new Map(files(SRC).map((f) => [f, readFileSync(f, 'utf8')]));

describe('the authentication folder (issue #13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  it('is split by sub-resource, and the TAP policy lives in the policy module', () => {
    const top = readdirSync(join(SRC, 'authentication'), { withFileTypes: true });
    expect(
      top
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    ).toEqual(['authentication-object', 'fixtures', 'methods', 'password-reset']);
    const authFiles = [...sources.keys()].filter((f) => f.startsWith(join(SRC, 'authentication')));
    expect(authFiles.filter((f) => /tap-policy/i.test(f))).toEqual([]);
    expect(authFiles.filter((f) => /\btap_policies\b/.test(sources.get(f)!))).toEqual([]);
  });

  it('no file under src/authentication writes the users table', () => {
    const writesUsers = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?users"?\b|getRepository\(\s*UserEntity|\.save\(\s*UserEntity/i;
    const offenders = [...sources.entries()]
      .filter(([f, text]) => f.startsWith(join(SRC, 'authentication')) && writesUsers.test(text))
      .map(([f]) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('every authentication and methods-policy route is found by grepping its path', () => {
    const routes = handlerRoutes(t).filter((r) => /\/authentication(\/|$)|\/policies\/authenticationMethodsPolicy/.test(r.pattern));
    expect(routes.length).toBeGreaterThan(40);
    const text = [...sources.values()].join('\n');
    const missing = routes
      .map((r) => {
        // The version segment is added by @GraphController; `…/{id}` and `…/$count` extend a written-out path.
        let path = r.pattern.replace(/^\/(v1\.0|beta)\//, '');
        while (/\/(:\w+|\$count)$/.test(path)) path = path.replace(/\/(:\w+|\$count)$/, '');
        return { route: `${r.method} ${r.pattern}`, path };
      })
      .filter(({ path }) => !text.includes(`'${path}`))
      .map(({ route }) => route);
    expect(missing).toEqual([]);
  });
});
