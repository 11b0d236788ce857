import { canonicalUrl } from './canonical-url.js';
import { RouteTable } from './route-table.js';

describe('canonicalUrl', () => {
  const routes = new RouteTable(512);
  routes.add({ method: ['GET', 'POST'], url: '/v1.0/users' });
  routes.add({ method: ['GET', 'PATCH', 'DELETE'], url: '/v1.0/users/:user' });
  routes.add({ method: 'GET', url: '/v1.0/users/:user/authentication/phoneMethods' });
  routes.add({ method: 'GET', url: '/beta/identity/conditionalAccess/authenticationContextClassReferences/:id' });
  routes.add({ method: 'GET', url: '/docs/' });
  routes.add({ method: 'GET', url: '/docs/*' });
  const c = (url: string) => canonicalUrl(url, routes);

  it('leaves canonical URLs alone, query strings untouched', () => {
    expect(c('/v1.0/users?$filter=displayName%20eq%20%27A%27')).toBe('/v1.0/users?$filter=displayName%20eq%20%27A%27');
    expect(c('/')).toBe('/');
  });

  it('gives path literals their route spelling and keeps parameter values as sent', () => {
    expect(c('/V1.0/Users')).toBe('/v1.0/users');
    expect(c('/v1.0/USERS/Ada@Contoso.COM/AUTHENTICATION/phonemethods?$TOP=1')).toBe('/v1.0/users/Ada@Contoso.COM/authentication/phoneMethods?$TOP=1');
    expect(c('/BETA/Identity/CONDITIONALACCESS/authenticationcontextclassreferences/C1')).toBe(
      '/beta/identity/conditionalAccess/authenticationContextClassReferences/C1',
    );
  });

  it('drops empty segments and resolves dot segments, escaped or not', () => {
    expect(c('/v1.0/users/')).toBe('/v1.0/users');
    expect(c('//v1.0///users//')).toBe('/v1.0/users');
    expect(c('/v1.0/./users')).toBe('/v1.0/users');
    expect(c('/v1.0/users/../users')).toBe('/v1.0/users');
    expect(c('/v1.0/%2e/users/x/%2E%2e')).toBe('/v1.0/users');
    expect(c('/../../v1.0/users')).toBe('/v1.0/users');
  });

  it('keeps escaped slashes inside a key and unknown paths in their own case', () => {
    expect(c('/v1.0/users/a%2Fb/')).toBe('/v1.0/users/a%2Fb');
    expect(c('/V1.0/Nothing/Here/')).toBe('/V1.0/Nothing/Here');
  });

  it('turns absolute-form targets into origin-form', () => {
    expect(c('http://evil.example/V1.0/users?x=1')).toBe('/v1.0/users?x=1');
    expect(c('https://evil.example')).toBe('/');
  });

  it('keeps a registered trailing slash and leaves non-paths to the router', () => {
    expect(c('/docs/')).toBe('/docs/');
    expect(c('/docs//swagger-ui.css')).toBe('/docs/swagger-ui.css');
    expect(c('*')).toBe('*');
  });
});

describe('RouteTable', () => {
  const routes = new RouteTable(512);
  routes.add({ method: ['GET', 'POST'], url: '/v1.0/users' });
  routes.add({ method: 'HEAD', url: '/v1.0/users' });
  routes.add({ method: 'DELETE', url: '/v1.0/users/:user' });
  routes.add({ method: 'OPTIONS', url: '*' });

  it('allows exactly the served methods, HEAD with GET, and OPTIONS', () => {
    expect(routes.allowedMethods('/v1.0/users?$top=1')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(routes.allowedMethods('/v1.0/users/x')).toEqual(['DELETE', 'OPTIONS']);
  });

  it('ignores OPTIONS-only routes (a CORS catch-all) so unknown paths stay unknown', () => {
    expect(routes.allowedMethods('/v1.0/nothing')).toBeUndefined();
  });

  it('matches literals case-insensitively and long keys up to its parameter limit', () => {
    expect(routes.match('/V1.0/USERS')?.pattern).toBe('/v1.0/users');
    expect(routes.match(`/v1.0/users/${'a'.repeat(512)}`)).toBeDefined();
    expect(routes.match(`/v1.0/users/${'a'.repeat(513)}`)).toBeUndefined();
  });
});
