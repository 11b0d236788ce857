import { OPERATION_ID, PERMISSIONS } from '../src/auth/permissions/permissions.decorator.js';
import { ACTION_OF_OPERATION, PROTECTED_OPERATIONS } from '../src/auth/step-up/protected-operations.js';
import { IS_PUBLIC } from '../src/auth/public.decorator.js';
import { startTestApp, type TestApp } from './support/app.js';
import { handlerRoutes } from './support/handler-routes.js';

/** Every handler of the application, with the permission table it declares (or PUBLIC). */
function declaredRoutes(t: TestApp): Record<string, unknown> {
  const routes: Record<string, unknown> = {};
  for (const { method, pattern, type, handler } of handlerRoutes(t)) {
    routes[`${method} ${pattern}`] =
      Reflect.getMetadata(IS_PUBLIC, handler) || Reflect.getMetadata(IS_PUBLIC, type) ? 'PUBLIC' : (Reflect.getMetadata(PERMISSIONS, handler) ?? 'MISSING');
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
    const missing = Object.entries(declaredRoutes(t))
      .filter(([, table]) => table === 'MISSING')
      .map(([route]) => route);
    expect(missing).toEqual([]);
  });

  it('public routes are exactly the service ones', () => {
    const publicRoutes = Object.entries(declaredRoutes(t))
      .filter(([, table]) => table === 'PUBLIC')
      .map(([route]) => route);
    expect(publicRoutes).toEqual([
      'GET /:tenant/dev/outbox',
      'GET /:tenant/discovery/v2.0/keys',
      // The identity platform's browser endpoints (issue #14): the sign-in page and its form posts.
      'GET /:tenant/oauth2/deviceauth',
      'GET /:tenant/oauth2/v2.0/authorize',
      'GET /:tenant/oauth2/v2.0/logout',
      'GET /:tenant/v2.0/.well-known/openid-configuration',
      'GET /common/discovery/instance',
      'GET /health',
      'POST /:tenant/login',
      'POST /:tenant/oauth2/deviceauth',
      'POST /:tenant/oauth2/v2.0/authorize',
      'POST /:tenant/oauth2/v2.0/devicecode',
      'POST /:tenant/oauth2/v2.0/token',
      // Graph's $batch: each inner request is authorized on its own, with the batch's token.
      'POST /beta/$batch',
      'POST /v1.0/$batch',
    ]);
  });

  // Step-up (DECISIONS §9): which handlers each protected action guards, through their operation ids.
  it('every protected action reaches handlers, as the committed snapshot shows', () => {
    const byAction: Record<string, string[]> = Object.fromEntries(Object.keys(PROTECTED_OPERATIONS).map((a) => [a, []]));
    for (const { method, pattern, handler } of handlerRoutes(t)) {
      const action = ACTION_OF_OPERATION.get(Reflect.getMetadata(OPERATION_ID, handler));
      if (action) byAction[action].push(`${method} ${pattern}`);
    }
    for (const routes of Object.values(byAction)) routes.sort((a, b) => a.localeCompare(b));
    expect(Object.entries(byAction).filter(([, routes]) => routes.length === 0)).toEqual([]);
    expect(byAction).toMatchSnapshot();
  });

  // A change to any route's Graph permission table shows up in review as a change to this snapshot.
  it('matches the committed snapshot', () => {
    expect(declaredRoutes(t)).toMatchSnapshot();
  });
});
