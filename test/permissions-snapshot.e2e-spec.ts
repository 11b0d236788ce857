import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { PERMISSIONS } from '../src/auth/permissions/permissions.decorator.js';
import { IS_PUBLIC } from '../src/auth/public.decorator.js';
import { startTestApp, type TestApp } from './support/app.js';

/** Every handler of the application, with the permission table it declares (or PUBLIC). */
function declaredRoutes(t: TestApp): Record<string, unknown> {
  const routes: Record<string, unknown> = {};
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        if (method === undefined) continue;
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
        const table = Reflect.getMetadata(IS_PUBLIC, handler) || Reflect.getMetadata(IS_PUBLIC, type)
          ? 'PUBLIC'
          : (Reflect.getMetadata(PERMISSIONS, handler) ?? 'MISSING');
        for (const prefix of prefixes) {
          for (const path of paths) {
            const full = `/${[prefix, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            routes[`${RequestMethod[method]} ${full}`] = table;
          }
        }
      }
    }
  }
  return Object.fromEntries(Object.entries(routes).sort(([a], [b]) => a.localeCompare(b)));
}

describe('permission declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('every route declares a permission table or is explicitly public', () => {
    const missing = Object.entries(declaredRoutes(t)).filter(([, table]) => table === 'MISSING').map(([route]) => route);
    expect(missing).toEqual([]);
  });

  it('public routes are exactly the service ones', () => {
    const publicRoutes = Object.entries(declaredRoutes(t)).filter(([, table]) => table === 'PUBLIC').map(([route]) => route);
    expect(publicRoutes).toEqual([
      'GET /:tenant/discovery/v2.0/keys',
      'GET /:tenant/v2.0/.well-known/openid-configuration',
      'GET /health',
    ]);
  });

  // A change to any route's Graph permission table shows up in review as a change to this snapshot.
  it('matches the committed snapshot', () => {
    expect(declaredRoutes(t)).toMatchSnapshot();
  });
});
