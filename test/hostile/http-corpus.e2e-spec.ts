import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.js';
import { call } from '../support/http.js';
import { application, delegated } from '../support/tokens.js';
import { expectGraphError, rawRequest, type RawResponse } from './raw-http.js';

/**
 * A corpus of what hostile and sloppy clients send, written byte for byte on raw sockets. Whatever
 * the request, the answer is whole, never a 5xx, carries `request-id`, and every error is Graph's
 * envelope. The suites beside this one pin the exact status of each class; this one is the net.
 */
describe('HTTP layer: hostile corpus', () => {
  let t: TestApp;
  let token: string;
  let userId: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = application(t, ['User.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess']);
    const n = randomUUID().slice(0, 8);
    const created = await call(t, 'POST', '/v1.0/users', {
      token: delegated(t, ['User.ReadWrite.All'], ['User Administrator']),
      body: {
        accountEnabled: true,
        displayName: `Corpus ${n}`,
        mailNickname: `c${n}`,
        userPrincipalName: `c${n}@contoso.test`,
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(created.status).toBe(201);
    userId = created.body.id;
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  const bases = () => [
    '/v1.0/users',
    `/v1.0/users/${userId}`,
    `/beta/users/${userId}/authentication/phoneMethods`,
    `/v1.0/users/${userId}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`,
    '/v1.0/me/authentication/emailMethods',
    '/beta/identity/conditionalAccess/authenticationContextClassReferences/c1',
    '/v1.0/nothing/here',
    '/health',
  ];

  const tricks: Array<(p: string) => string> = [
    (p) => p,
    (p) => p.toUpperCase(),
    (p) => `${p}/`,
    (p) => `/${p}//`,
    (p) => `${p}/.`,
    (p) => `${p}/..`,
    (p) => `${p}/../../../../../../etc/passwd`,
    (p) => p.replaceAll('/', '/./'),
    (p) => `${p}%00`,
    (p) => `${p}%00.json`,
    (p) => `${p}/%00/x`,
    (p) => `${p}%`,
    (p) => `${p}%G1`,
    (p) => `${p}%C0%AE%C0%AE`,
    (p) => `${p}%ED%A0%80`,
    (p) => `${p}%EF%BF%BF`,
    (p) => `${p}%2F..%2F..`,
    (p) => `${p}%5C..%5C`,
    (p) => `${p}\\..\\..`,
    (p) => `${p}/${'a'.repeat(600)}`,
    (p) => `${p}/${'%41'.repeat(400)}`,
    (p) => `${p}/${encodeURIComponent('𝕏ü\u202e\ufeff')}`,
    (p) => `${p};jsessionid=1`,
    (p) => `${p}#fragment`,
    (p) => `${p}?`,
    (p) => `${p}?&&&==&`,
    (p) => `${p}?$top=1&$top=2`,
    (p) => `${p}?$top=-1`,
    (p) => `${p}?$top=99999999999999999999999`,
    (p) => `${p}?$skip=1`,
    (p) => `${p}?$filter=${encodeURIComponent('('.repeat(500))}`,
    (p) => `${p}?$filter=${encodeURIComponent(`id eq '${"'".repeat(301)}`)}`,
    (p) => `${p}?$select=${'id,'.repeat(500)}id`,
    (p) => `${p}?$orderby=id%20desc,id%20asc`,
    (p) => `${p}?$expand=*`,
    (p) => `${p}?$format=xml`,
    (p) => `${p}?$skiptoken=${'A'.repeat(2000)}`,
    (p) => `${p}?${'a=1&'.repeat(1500)}`,
    (p) => `${p}?__proto__[x]=1&constructor[prototype][y]=2`,
    (p) => `${p}?$filter=displayName%20eq%20%27%F0%9F%98%80%27`,
  ];

  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'MKCOL', 'LOCK', 'REPORT'];

  const headerSets: Array<{ name: string; head: () => string; body?: string }> = [
    { name: 'no credentials', head: () => '' },
    { name: 'garbage bearer', head: () => 'Authorization: Bearer garbage\r\n' },
    { name: 'empty bearer', head: () => 'Authorization: Bearer \r\n' },
    { name: 'basic auth', head: () => 'Authorization: Basic dXNlcjpwYXNz\r\n' },
    { name: 'huge bearer', head: () => `Authorization: Bearer ${'a'.repeat(12_000)}\r\n` },
    { name: 'two bearers', head: () => `Authorization: Bearer ${token}\r\nAuthorization: Bearer garbage\r\n` },
    { name: 'token with trailing junk', head: () => `Authorization: Bearer ${token}.x\r\n` },
    { name: 'token, lower-case scheme', head: () => `Authorization: bearer ${token}\r\n` },
    {
      name: 'alg none token',
      head: () => `Authorization: Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"tid":"x"}').toString('base64url')}.\r\n`,
    },
    { name: 'hostile client-request-id', head: () => `client-request-id: ${'x'.repeat(500)}\r\n` },
    { name: 'client-request-id with tab', head: () => 'client-request-id: a\tb\r\n' },
    { name: 'forwarded host', head: () => 'X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: gopher\r\nForwarded: for=1.2.3.4;host=evil\r\n' },
    { name: 'odd accept', head: () => 'Accept: application/xml;q=0.9, */*;q=0\r\nAccept-Charset: ebcdic\r\nAccept-Encoding: br, gzip, zstd\r\n' },
    { name: 'range and conditionals', head: () => 'Range: bytes=0-1,5-\r\nIf-None-Match: *\r\nIf-Match: "x"\r\nIf-Modified-Since: yesterday\r\n' },
    { name: 'consistency and prefer', head: () => 'ConsistencyLevel: eventual\r\nPrefer: return=minimal, odata.maxpagesize=1\r\n' },
    {
      name: 'upgrade to websocket',
      head: () => 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n',
    },
    { name: 'upgrade to h2c', head: () => 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n' },
    { name: 'origin', head: () => 'Origin: http://evil.example\r\nAccess-Control-Request-Method: DELETE\r\n' },
    { name: 'many cookies', head: () => `Cookie: ${'a=b; '.repeat(500)}\r\n` },
    { name: 'malformed json body', head: () => 'Content-Type: application/json\r\n', body: '{"a":' },
    { name: 'json null body', head: () => 'Content-Type: application/json\r\n', body: 'null' },
    { name: 'json array body', head: () => 'Content-Type: application/json\r\n', body: '[1,2,3]' },
    { name: 'json string body', head: () => 'Content-Type: application/json\r\n', body: '"x"' },
    { name: 'json with NUL', head: () => 'Content-Type: application/json\r\n', body: '{"displayName":"a\\u0000b"}' },
    { name: 'prototype keys', head: () => 'Content-Type: application/json\r\n', body: '{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}' },
    { name: 'json, odd charset', head: () => 'Content-Type: application/json; charset=utf-7\r\n', body: '{}' },
    { name: 'json+odata type', head: () => 'Content-Type: application/json;odata.metadata=minimal;odata.streaming=true\r\n', body: '{}' },
    { name: 'form body', head: () => 'Content-Type: application/x-www-form-urlencoded\r\n', body: '_method=DELETE' },
    { name: 'multipart body', head: () => 'Content-Type: multipart/form-data; boundary=x\r\n', body: '--x\r\n\r\nhi\r\n--x--' },
    { name: 'no content type body', head: () => '', body: '{}' },
    { name: 'content-encoding gzip (not gzipped)', head: () => 'Content-Type: application/json\r\nContent-Encoding: gzip\r\n', body: '{}' },
    { name: 'method override', head: () => 'X-HTTP-Method-Override: DELETE\r\nX-HTTP-Method: DELETE\r\nX-Method-Override: DELETE\r\n' },
  ];

  const checkAnswer = (what: string, method: string, res: RawResponse) => {
    expect({ what, status: res.status < 500 }).toEqual({ what, status: true });
    expect({ what, requestId: typeof res.headers['request-id'] }).toEqual({ what, requestId: 'string' });
    if (res.status >= 400 && res.status !== 401) {
      expectGraphError(res, res.status, undefined, { head: method === 'HEAD' });
    } else if (res.status === 401) {
      expectGraphError(res, 401, 'InvalidAuthenticationToken', { head: method === 'HEAD' });
    }
  };

  const send = (method: string, path: string, head: string, body?: string) => {
    const length = body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    return rawRequest(t.url, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${head}${length}Connection: close\r\n\r\n${body ?? ''}`);
  };

  it('path and query tricks on every base, with a valid token (reads only)', async () => {
    for (const base of bases()) {
      for (const trick of tricks) {
        const path = trick(base);
        for (const method of ['GET', 'HEAD', 'OPTIONS']) {
          checkAnswer(`${method} ${path.slice(0, 120)}`, method, await send(method, path, `Authorization: Bearer ${token}\r\n`));
        }
      }
    }
  }, 600_000);

  it('every method on every base (and tricked bases) without credentials', async () => {
    for (const base of bases()) {
      for (const path of [base, `${base.toUpperCase()}/`, `${base}%00`]) {
        for (const method of methods) {
          checkAnswer(`${method} ${path}`, method, await send(method, path, ''));
        }
      }
    }
  }, 600_000);

  it('odd headers and bodies on every base, with every write verb', async () => {
    for (const base of bases()) {
      for (const set of headerSets) {
        for (const method of set.body === undefined ? ['GET', 'DELETE'] : ['POST', 'PATCH', 'PUT']) {
          // Writes never carry the valid token alone: the corpus must not delete its own fixtures.
          const head = set.head().replaceAll(token, `${token}x`);
          checkAnswer(`${set.name}: ${method} ${base}`, method, await send(method, base, head, set.body));
        }
      }
    }
  }, 600_000);

  it('the fixtures are intact and the server healthy afterwards', async () => {
    expect((await call(t, 'GET', `/v1.0/users/${userId}`, { token })).status).toBe(200);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
