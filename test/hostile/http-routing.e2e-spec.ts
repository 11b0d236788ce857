import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.js';
import { call } from '../support/http.js';
import { application, delegated, TENANT_A } from '../support/tokens.js';
import { expectGraphError, rawRequest } from './raw-http.js';

const VERBS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const PHONE_MOBILE = '3179e48a-750b-4051-897c-87b9720928f7';

/** A concrete path for a route pattern (the values need not exist: without a token nothing is looked up). */
function concrete(pattern: string): string {
  return pattern
    .replace(':tenant', TENANT_A)
    .replace(':user', 'someone@contoso.test')
    .replace(/:id\b/, 'c1')
    .replace(/:[A-Za-z]+/g, randomUUID())
    .replace('*', 'x');
}

/** Graph routes served without a token (the CSDL documents). */
// `$batch` is public too: each request inside it is authorized (test/batch.e2e-spec.ts covers its spellings).
const isPublic = (pattern: string) => pattern.endsWith('/$metadata') || pattern.endsWith('/$batch');

/** The verbs some route serves at `path`: a literal segment (`$count`, `delta`) also matches a sibling `:param` route. */
function servedAt(path: string, patterns: Array<{ pattern: string; methods: string[] }>): Set<string> {
  const served = new Set<string>();
  for (const { pattern, methods } of patterns) {
    const re = new RegExp(
      `^${pattern
        .replace(/[.$()]/g, '\\$&')
        .replace(/:[A-Za-z]+/g, '[^/]+')
        .replace('*', '.*')}$`,
    );
    if (re.test(path)) methods.forEach((m) => served.add(m).add(m === 'GET' ? 'HEAD' : m));
  }
  return served;
}

/** The same path spelled as hostile or sloppy clients spell it. */
function variants(path: string): string[] {
  const shout = path
    .split('/')
    .map((s) => (/^[a-z0-9.$]+$/i.test(s) && !s.includes('@') ? s.toUpperCase() : s))
    .join('/');
  return [shout, `${path}/`, path.replaceAll('/', '//'), path.replace(/^\/([^/]+)\//, '/$1/./'), `/x/..${path}`];
}

/** Exactly these bytes on the wire: fetch would resolve dot segments and re-encode the path itself. */
async function fetchRaw(t: TestApp, method: string, path: string, headers: Record<string, string> = {}) {
  const lines = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return rawRequest(t.url, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines}Connection: close\r\n\r\n`);
}

describe('HTTP layer: routing', () => {
  let t: TestApp;
  let patterns: Array<{ pattern: string; methods: string[] }>;
  let app: string;
  let admin: string;
  let user: { id: string; upn: string };
  beforeAll(async () => {
    t = await startTestApp();
    patterns = t.app.getHttpAdapter().getInstance().graphRoutes.patterns();
    app = application(t, ['User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess']);
    admin = delegated(t, ['User.ReadWrite.All'], ['User Administrator']);
    const n = randomUUID().slice(0, 8);
    const upn = `Mixed.Case.${n}@Contoso.test`;
    const created = await call(t, 'POST', '/v1.0/users', {
      token: admin,
      body: {
        accountEnabled: true,
        displayName: `Routing ${n}`,
        mailNickname: `r${n}`,
        userPrincipalName: upn,
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(created.status).toBe(201);
    user = { id: created.body.id, upn };
    const phone = await call(t, 'POST', `/v1.0/users/${user.id}/authentication/phoneMethods`, {
      token: app,
      body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' },
    });
    expect(phone.status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  describe('every route: OPTIONS, HEAD, 405 and Allow agree with what is served', () => {
    it('the route table has the Graph routes', () => {
      expect(patterns.length).toBeGreaterThan(50);
      expect(patterns.some((p) => p.pattern === '/v1.0/users/:user/authentication/phoneMethods')).toBe(true);
    });

    it('OPTIONS is 204 with Allow = served methods + HEAD (with GET) + OPTIONS; each other verb is 405 with that Allow', async () => {
      for (const { pattern, methods } of patterns) {
        const path = concrete(pattern);
        const allow = [...new Set([...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])].sort();
        const options = await fetchRaw(t, 'OPTIONS', path);
        expect({ pattern, status: options.status, allow: options.headers.allow }).toEqual({ pattern, status: 204, allow: allow.join(', ') });
        expect(options.headers['request-id']).toBeTruthy();
        const servedElsewhere = servedAt(path, patterns);
        for (const verb of VERBS.filter((v) => !allow.includes(v) && !servedElsewhere.has(v))) {
          const res = await fetchRaw(t, verb, path);
          expect({ pattern, verb, status: res.status, allow: res.headers.allow }).toEqual({ pattern, verb, status: 405, allow: allow.join(', ') });
          expectGraphError(res, 405, 'Request_BadRequest', { head: verb === 'HEAD' });
        }
      }
    }, 300_000);

    it('every served verb (and HEAD) on a Graph route reaches the route: 401 without a token, never 404/405', async () => {
      for (const { pattern, methods } of patterns.filter((p) => /^\/(v1\.0|beta)\//.test(p.pattern) && !isPublic(p.pattern))) {
        const path = concrete(pattern);
        for (const verb of [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])]) {
          const res = await fetchRaw(t, verb, path);
          expect({ pattern, verb, status: res.status }).toEqual({ pattern, verb, status: 401 });
          expectGraphError(res, 401, 'InvalidAuthenticationToken', { head: verb === 'HEAD' });
        }
      }
    }, 300_000);

    it('case, trailing and doubled slashes, dot segments: every Graph route is found under every spelling', async () => {
      for (const { pattern, methods } of patterns.filter((p) => /^\/(v1\.0|beta)\//.test(p.pattern) && !isPublic(p.pattern))) {
        const verb = methods.includes('GET') ? 'GET' : methods[0];
        for (const path of variants(concrete(pattern))) {
          const res = await fetchRaw(t, verb, path);
          expect({ pattern, path, status: res.status }).toEqual({ pattern, path, status: 401 });
          const options = await fetchRaw(t, 'OPTIONS', path);
          expect({ path, status: options.status }).toEqual({ path, status: 204 });
        }
      }
    }, 300_000);
  });

  describe('Graph paths are case-insensitive; values keep their case', () => {
    it('/v1.0/Users and /V1.0/USERS list users', async () => {
      for (const path of ['/v1.0/Users', '/V1.0/USERS', '/v1.0/users/', '/v1.0//users']) {
        const res = await call(t, 'GET', path, { token: app });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users`);
      }
    });

    it('/users/{id}/Authentication/PhoneMethods and /BETA/... find the same data', async () => {
      const v1 = await call(t, 'GET', `/v1.0/users/${user.id}/Authentication/PhoneMethods`, { token: app });
      expect(v1.status).toBe(200);
      expect(v1.body.value.map((m: { id: string }) => m.id)).toEqual([PHONE_MOBILE]);
      const beta = await call(t, 'GET', `/BETA/Users/${user.id}/AUTHENTICATION/phonemethods/${PHONE_MOBILE}`, { token: app });
      expect(beta.status).toBe(200);
      expect(beta.body['@odata.context']).toMatch(new RegExp(`^${t.url}/beta/\\$metadata#`));
      expect(beta.body.id).toBe(PHONE_MOBILE);
    });

    it('a key keeps its case: the UPN is found (Graph compares it case-insensitively) and echoed as sent', async () => {
      const found = await call(t, 'GET', `/V1.0/USERS/${user.upn}`, { token: app });
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(user.id);
      const key = `No.Such.${randomUUID().slice(0, 6)}@Contoso.TEST`;
      const missing = await fetchRaw(t, 'GET', `/V1.0/Users/${key}/Authentication/Methods`, { authorization: `Bearer ${app}` });
      const error = expectGraphError(missing, 404, 'Request_ResourceNotFound');
      expect(error?.message).toContain(`'${key}'`);
    });

    it('/Me is /me for a delegated caller (the path, not its spelling, decides self-service)', async () => {
      const self = delegated(t, ['User.Read'], [], { objectId: user.id, userPrincipalName: user.upn });
      for (const path of ['/v1.0/Me', '/V1.0/ME/', '/v1.0/./me', '/v1.0/users/%2e%2E/ME']) {
        const res = await fetchRaw(t, 'GET', path, { authorization: `Bearer ${self}` });
        expect({ path, status: res.status, id: JSON.parse(res.body).id }).toEqual({ path, status: 200, id: user.id });
      }
    });
  });

  describe('path tricks', () => {
    it('dot segments resolve before routing: /v1.0/users/x/../{id} is the user', async () => {
      for (const path of [`/v1.0/users/x/../${user.id}`, `/v1.0/users/x/%2E%2E/${user.id}`, `/v1.0/./users/./${user.id}/.`]) {
        const res = await fetchRaw(t, 'GET', path, { authorization: `Bearer ${app}` });
        expect({ path, status: res.status, id: JSON.parse(res.body).id }).toEqual({ path, status: 200, id: user.id });
      }
    });

    it('an absolute-form target is routed by its path', async () => {
      const res = await rawRequest(
        t.url,
        `GET http://evil.example/V1.0/users/${user.id} HTTP/1.1\r\nHost: graph.test\r\nAuthorization: Bearer ${app}\r\nConnection: close\r\n\r\n`,
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).id).toBe(user.id);
    });

    it('%2F stays inside a key: a missing user, not another route', async () => {
      const res = await fetchRaw(t, 'GET', `/v1.0/users/${user.id}%2Fauthentication`, { authorization: `Bearer ${app}` });
      const error = expectGraphError(res, 404, 'Request_ResourceNotFound');
      expect(error?.message).toContain(`${user.id}/authentication`);
    });

    it('very long segments: 512 characters are a key, longer is 414', async () => {
      expectGraphError(await fetchRaw(t, 'GET', `/v1.0/users/${'a'.repeat(512)}`, { authorization: `Bearer ${app}` }), 404, 'Request_ResourceNotFound');
      expectGraphError(await fetchRaw(t, 'GET', `/v1.0/users/${'a'.repeat(513)}/authentication/methods`), 414, 'RequestUriTooLong');
    });

    it('unicode keys are looked up as sent', async () => {
      const res = await fetchRaw(t, 'GET', `/v1.0/users/${encodeURIComponent('élève.日本@contoso.test')}`, { authorization: `Bearer ${app}` });
      const error = expectGraphError(res, 404, 'Request_ResourceNotFound');
      expect(error?.message).toContain('élève.日本@contoso.test');
    });

    it('control characters anywhere in the path or query: 400 before authentication, nothing looked up', async () => {
      const paths = [
        '/v1.0/users/x%00',
        '/v1.0/users/x%00/authentication/methods',
        `/v1.0/users/${user.id}%00/authentication/phoneMethods`,
        `/beta/users/${user.id}/authentication/phoneMethods/%00`,
        '/v1.0/me/authentication/emailMethods/a%01b',
        '/v1.0/identity/conditionalAccess/authenticationContextClassReferences/c1%0A',
        '/v1.0/users/x%7F',
        '/v1.0/users/x%1b%5b31m',
        "/v1.0/users?$filter=displayName%20eq%20'a%00'",
        '/v1.0/users?$select=id%00',
        '/v1.0/users?$top=1%00',
        '/v1.0/users?x=%00',
        '/v1.0/users?%00=1',
      ];
      for (const path of paths) {
        for (const headers of [{}, { authorization: `Bearer ${app}` }] as Array<Record<string, string>>) {
          const res = await fetchRaw(t, 'GET', path, headers);
          expect({ path, status: res.status }).toEqual({ path, status: 400 });
          expectGraphError(res, 400, 'BadRequest');
        }
      }
      // Writes too: nothing is created under a NUL key.
      const post = await call(t, 'POST', '/v1.0/users/x%00/authentication/phoneMethods', {
        token: app,
        body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' },
      });
      expect(post.status).toBe(400);
    });

    it('malformed percent-encodings in the path or query: 400', async () => {
      for (const path of [
        '/v1.0/users/%ZZ',
        '/v1.0/users/%C3%28',
        '/v1.0/users/%E0%A4%A',
        '/v1.0/users/x%',
        '/v1.0/users?$filter=%ZZ',
        '/v1.0/users?$top=%E0%A4%A',
        '/v1.0/users?a=%',
      ]) {
        const res = await fetchRaw(t, 'GET', path, { authorization: `Bearer ${app}` });
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expectGraphError(res, 400, 'BadRequest');
      }
    });

    it('repeated query options: 400', async () => {
      const lists = [
        '/v1.0/users',
        '/beta/identity/conditionalAccess/authenticationContextClassReferences',
        `/v1.0/users/${user.id}`,
        `/v1.0/users/${user.id}/authentication/methods`,
        `/beta/users/${user.id}/authentication/phoneMethods`,
      ];
      for (const list of lists) {
        for (const query of [
          '$top=1&$top=2',
          '$top=1&top=2',
          '$filter=id%20eq%20%27x%27&$filter=id%20eq%20%27y%27',
          '$select=id&$select=id',
          '$TOP=1&$top=1',
        ]) {
          const res = await fetchRaw(t, 'GET', `${list}?${query}`, { authorization: `Bearer ${app}` });
          expect({ list, query, status: res.status }).toEqual({ list, query, status: 400 });
          expectGraphError(res, 400);
        }
      }
    });
  });

  describe('method-override headers never change the method', () => {
    it.each(['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'])('%s: DELETE', async (header) => {
      // POST on an item is not served: 405, whatever the header asks for.
      const post = await fetchRaw(t, 'POST', `/v1.0/users/${user.id}`, { authorization: `Bearer ${admin}`, [header]: 'DELETE' });
      expectGraphError(post, 405, 'Request_BadRequest');
      // GET stays a read.
      const get = await call(t, 'GET', `/v1.0/users/${user.id}`, { token: app, headers: { [header]: 'DELETE' } });
      expect(get.status).toBe(200);
      // A phone method survives a GET carrying the header too.
      const phone = await call(t, 'GET', `/v1.0/users/${user.id}/authentication/phoneMethods/${PHONE_MOBILE}`, { token: app, headers: { [header]: 'DELETE' } });
      expect(phone.status).toBe(200);
      expect((await call(t, 'GET', `/v1.0/users/${user.id}`, { token: app })).status).toBe(200);
      expect((await call(t, 'GET', `/v1.0/users/${user.id}/authentication/phoneMethods/${PHONE_MOBILE}`, { token: app })).status).toBe(200);
    });
  });

  describe('HEAD', () => {
    it('answers as GET does, headers without a body', async () => {
      for (const path of ['/v1.0/users', `/V1.0/users/${user.id}`, `/beta/users/${user.id}/authentication/phoneMethods`, '/health']) {
        const get = await fetchRaw(t, 'GET', path, { authorization: `Bearer ${app}` });
        const head = await fetchRaw(t, 'HEAD', path, { authorization: `Bearer ${app}` });
        expect({ path, status: head.status, body: head.body }).toEqual({ path, status: get.status, body: '' });
        expect(head.headers['content-type']).toBe(get.headers['content-type']);
        expect(head.headers['request-id']).toBeTruthy();
      }
      const missing = await fetchRaw(t, 'HEAD', '/v1.0/users/nobody@contoso.test', { authorization: `Bearer ${app}` });
      expectGraphError(missing, 404, undefined, { head: true });
    });
  });
});
