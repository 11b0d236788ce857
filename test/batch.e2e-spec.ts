import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import type { Socket } from 'node:net';
import pg from 'pg';
import { BatchService } from '../src/graph/batch/batch.service.js';
import type { BatchResponseDto } from '../src/graph/batch/batch.dto.js';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, policyBody } from './support/conditional-access.js';
import { call } from './support/http.js';
import { CHALLENGE_MESSAGE, expectedChallenge, protect, tenantAdmin } from './support/step-up.js';
import { application, delegated, TENANT_A, TENANT_B } from './support/tokens.js';
import { waitFor } from './support/wait.js';

/**
 * JSON batching (DECISIONS §11, graph-spec §4.9, json-batching.md): batch-level rules (400, nothing
 * runs), inner requests answered exactly as the direct calls, per-request authorization, tenant
 * isolation and throttling, dependsOn chains and 424.
 */
const newUser = (n: string, extra: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: `User ${n}`,
  mailNickname: `user${n}`,
  userPrincipalName: `user${n}@contoso.test`,
  passwordProfile: { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: true },
  ...extra,
});
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What must be equal between a direct answer and its batch slot: all but the per-request ids and dates. */
function comparable(status: number, headers: Record<string, string>, body: unknown) {
  const h = Object.fromEntries(
    Object.entries(headers)
      .map(([k, v]) => [k.toLowerCase(), v] as const)
      .filter(([k]) => !['request-id', 'client-request-id', 'date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)),
  );
  // Text answers ($count) are strings in a batch; the test client parses them as JSON numbers.
  const text = (h['content-type'] ?? '').startsWith('text/');
  const b = text ? String(body) : JSON.parse(JSON.stringify(body ?? null), (k, v) => (['request-id', 'client-request-id', 'date'].includes(k) ? '*' : v));
  return { status, headers: h, body: b };
}

describe('$batch', () => {
  let t: TestApp;
  let admin: string;
  let app: string;
  let reader: string;
  let readerId: string;
  let userId: string;

  const batch = (token: string | undefined, requests: unknown[], version = 'v1.0', headers: Record<string, string> = {}) =>
    call(t, 'POST', `/${version}/$batch`, { token, body: { requests }, headers });
  const userCount = async () => (await call(t, 'GET', '/v1.0/users/$count', { token: app, headers: { ConsistencyLevel: 'eventual' } })).body as number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = delegated(t, ['User.ReadWrite.All'], ['User Administrator']);
    app = application(t, ['User.ReadWrite.All']);
    readerId = randomUUID();
    reader = delegated(t, ['User.Read'], [], { objectId: readerId });
    const created = await call(t, 'POST', '/v1.0/users', { token: admin, body: newUser('base') });
    expect(created.status).toBe(201);
    userId = created.body.id;
  });
  afterAll(() => t?.close());

  it('answers each request exactly as the direct call: status, headers and body', async () => {
    const reads = [
      { url: `/users/${userId}`, token: app },
      { url: `/users/${userId}?$select=id,displayName`, token: app },
      { url: '/users?$top=1', token: app },
      { url: `/users/${randomUUID()}`, token: app },
      { url: '/users/$count', token: app, headers: { ConsistencyLevel: 'eventual' } },
      { url: '/users?$count=true', token: app },
      { url: '/identity/conditionalAccess', token: app },
      { url: '/nowhere', token: app },
    ];
    const res = await batch(
      app,
      reads.map((r, i) => ({ id: String(i), method: 'GET', url: r.url, ...(r.headers ? { headers: r.headers } : {}) })),
    );
    expect(res.status).toBe(200);
    expect(res.body.responses.map((r: { id: string }) => r.id)).toEqual(reads.map((_, i) => String(i)));
    for (const [i, r] of reads.entries()) {
      const direct = await call(t, 'GET', `/v1.0${r.url}`, { token: r.token, headers: r.headers });
      const slot = res.body.responses[i];
      expect(comparable(slot.status, slot.headers, slot.body)).toEqual(comparable(direct.status, Object.fromEntries(direct.headers), direct.body));
    }
    // Graph's spelling of the header names the SDKs read, and a request id of its own per request.
    expect(res.body.responses[0].headers).toMatchObject({ 'Content-Type': expect.stringContaining('application/json'), 'OData-Version': '4.0' });
    const ids = res.body.responses.map((r: { headers: Record<string, string> }) => r.headers['request-id']);
    expect(ids.every((id: string) => GUID.test(id))).toBe(true);
    expect(new Set([...ids, res.headers.get('request-id')]).size).toBe(ids.length + 1);
  });

  it('writes as the direct calls do: 201 with Location, 204, 405 with Allow, 415, inner 400 writing nothing', async () => {
    const before = await userCount();
    const res = await batch(admin, [
      { id: 'create', method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('batch1') },
      { id: 'patch', method: 'PATCH', url: `users/${userId}`, headers: JSON_HEADERS, body: { jobTitle: 'Batched' } },
      { id: 'bad', method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('batch2', { accountEnabled: 'yes' }) },
      { id: 'unknownProperty', method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('batch3', { nope: 1 }) },
      { id: 'text', method: 'POST', url: '/users', headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('hello').toString('base64') },
      { id: 'verb', method: 'PUT', url: `/users/${userId}`, headers: JSON_HEADERS, body: {} },
    ]);
    expect(res.status).toBe(200);
    const slot = (id: string) => res.body.responses.find((r: { id: string }) => r.id === id);
    expect(slot('create').status).toBe(201);
    const createdId = slot('create').body.id;
    expect(slot('create').headers.Location).toBe(`${t.url}/v1.0/users/${createdId}`);
    expect(slot('create').body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users/$entity`);
    expect(slot('patch')).toMatchObject({ status: 204 });
    expect(slot('patch').body).toBeUndefined();
    expect(slot('bad').status).toBe(400);
    expect(slot('bad').body.error.code).toBe('Request_BadRequest');
    expect(slot('unknownProperty').status).toBe(400);
    expect(slot('text').status).toBe(415);
    expect(slot('verb').status).toBe(405);
    expect(slot('verb').headers.Allow).toBeDefined();
    expect(await userCount()).toBe(before + 1);
    expect((await call(t, 'GET', `/v1.0/users/${userId}?$select=jobTitle`, { token: app })).body.jobTitle).toBe('Batched');
  });

  it('runs dependsOn chains in order, and a failed dependency gives 424 down the chain', async () => {
    const res = await batch(admin, [
      { id: 'a', method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('chain') },
      { id: 'b', dependsOn: ['A'], method: 'GET', url: '/users/userchain@contoso.test' },
      { id: 'c', dependsOn: ['b'], method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('chain') },
      { id: 'd', dependsOn: ['c'], method: 'DELETE', url: '/users/userchain@contoso.test' },
      { id: 'e', dependsOn: ['d'], method: 'GET', url: '/users/userchain@contoso.test' },
      { id: 'f', method: 'GET', url: '/users/userchain@contoso.test' },
    ]);
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string; status: number }) => [r.id, r]));
    expect(Object.fromEntries(Object.entries(byId).map(([k, v]) => [k, (v as { status: number }).status]))).toMatchObject({
      a: 201,
      b: 200,
      c: 400,
      d: 424,
      e: 424,
    });
    expect(byId.b.body.id).toBe(byId.a.body.id);
    expect(byId.d.body.error).toMatchObject({ code: 'FailedDependency', innerError: { 'request-id': expect.stringMatching(GUID) } });
    expect(byId.d.headers['Content-Type']).toBe('application/json');
    // Nothing ran for the 424s: the user created by `a` is still there.
    expect((await call(t, 'GET', '/v1.0/users/userchain@contoso.test', { token: app })).status).toBe(200);
  });

  it('answers writes exactly as the direct calls: 201 with Location, 204, 400, 405, 415, 404', async () => {
    // Each write once directly and once in a batch, on twin fixtures: ids and names are the only differences.
    const twin = async (tag: string) => {
      const created = await call(t, 'POST', '/v1.0/users', { token: app, body: newUser(`twin${tag}`) });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const missing = randomUUID();
    const writes = (tag: string, id: string) => [
      { method: 'POST', url: '/users', type: 'application/json', body: newUser(`w${tag}`) },
      { method: 'PATCH', url: `/users/${id}`, type: 'application/json', body: { jobTitle: 'Twin' } },
      { method: 'POST', url: '/users', type: 'application/json', body: newUser(`w${tag}bad`, { accountEnabled: 'yes' }) },
      { method: 'PUT', url: `/users/${id}`, type: 'application/json', body: {} },
      { method: 'POST', url: '/users', type: 'text/plain', body: 'hello' },
      { method: 'DELETE', url: `/users/${missing}` },
      { method: 'DELETE', url: `/users/${id}` },
    ];
    const directId = await twin('direct');
    const batchId = await twin('batch');
    const direct = [];
    for (const w of writes('direct', directId)) {
      const res = await call(t, w.method, `/v1.0${w.url}`, { token: admin, body: w.body, headers: w.type ? { 'content-type': w.type } : {} });
      direct.push(comparable(res.status, Object.fromEntries(res.headers), res.body));
    }
    const res = await batch(
      admin,
      writes('batch', batchId).map((w, i) => ({
        id: String(i),
        method: w.method,
        url: w.url,
        ...(w.type ? { headers: { 'Content-Type': w.type } } : {}),
        ...(w.body === undefined ? {} : { body: typeof w.body === 'string' ? Buffer.from(w.body).toString('base64') : w.body }),
        // The delete runs after the patch of the same user, as directly.
        ...(i === 6 ? { dependsOn: ['1'] } : {}),
      })),
    );
    expect(res.status).toBe(200);
    const slots = res.body.responses.map((r: { status: number; headers: Record<string, string>; body: unknown }) => comparable(r.status, r.headers, r.body));
    const createdBatch = (slots[0].body as { id: string }).id;
    const createdDirect = (direct[0].body as { id: string }).id;
    const swap = (v: unknown) =>
      JSON.parse(JSON.stringify(v).replaceAll(createdBatch, createdDirect).replaceAll(batchId, directId).replaceAll('wbatch', 'wdirect'));
    expect(slots.map((s: { status: number }) => s.status)).toEqual([201, 204, 400, 405, 415, 404, 204]);
    for (const [i, slot] of slots.entries()) expect({ i, ...swap(slot) }).toEqual({ i, ...direct[i] });
    expect(slots[0].headers.location).toBe(`${t.url}/v1.0/users/${createdBatch}`);
  });

  it('runs step-up per request: a protected action answers its claims challenge or 403 in its slot, as directly, and writes nothing', async () => {
    const { tenantId, token: tenantApp } = tenantAdmin(t);
    await protect(t, tenantApp, 'c1', ['microsoft.directory-conditionalAccessPolicies-create-post']);
    const user = (extra: { acrs?: string[]; clientCapabilities?: string[] }) =>
      delegated(t, ['Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All'], ['Conditional Access Administrator'], { tenantId, ...extra });
    const policies = async () => (await call(t, 'GET', `/v1.0${CA}/policies`, { token: tenantApp })).body.value.length as number;
    const before = await policies();
    const requests = (name: string) => [
      { id: 'create', method: 'POST', url: `${CA}/policies`, headers: JSON_HEADERS, body: policyBody({ displayName: name, state: 'disabled' }) },
      { id: 'read', method: 'GET', url: `${CA}/policies` },
      { id: 'after', dependsOn: ['create'], method: 'GET', url: `${CA}/policies` },
    ];

    const capable = user({ clientCapabilities: ['cp1'] });
    const challenged = await batch(capable, requests('challenged'));
    expect(challenged.status).toBe(200);
    const [create, read, after] = challenged.body.responses;
    expect({ status: create.status, code: create.body.error.code, message: create.body.error.message }).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: CHALLENGE_MESSAGE,
    });
    expect(create.headers['WWW-Authenticate']).toBe(expectedChallenge({ access_token: { acrs: { essential: true, value: 'c1' } } }));
    const direct = await call(t, 'POST', `/v1.0${CA}/policies`, { token: capable, body: policyBody({ displayName: 'challenged', state: 'disabled' }) });
    expect(comparable(create.status, create.headers, create.body)).toEqual(comparable(direct.status, Object.fromEntries(direct.headers), direct.body));
    expect(read.status).toBe(200);
    expect(after.status).toBe(424);

    const plain = await batch(user({}), requests('plain'));
    expect(plain.body.responses[0]).toMatchObject({ status: 403, body: { error: { code: 'AccessDenied' } } });
    expect(plain.body.responses[0].headers['WWW-Authenticate']).toBeUndefined();
    expect(await policies()).toBe(before);

    const stepped = await batch(user({ clientCapabilities: ['cp1'], acrs: ['c1'] }), requests('stepped'));
    expect(stepped.body.responses.map((r: { status: number }) => r.status)).toEqual([201, 200, 200]);
    expect(await policies()).toBe(before + 1);
  });

  it('dispatches nothing more once the client has gone: running requests finish, queued and dependent ones never run', async () => {
    const target = (await call(t, 'POST', '/v1.0/users', { token: admin, body: newUser('locked') })).body.id as string;
    const service = t.app.get(BatchService);
    const original = service.run;
    const runs: Promise<BatchResponseDto>[] = [];
    // Observes the batch's own promise (the answer that would have been sent), calling straight through.
    service.run = function (this: BatchService, ...args: Parameters<BatchService['run']>) {
      const running = original.apply(this, args);
      runs.push(running);
      return running;
    };
    const locker = new pg.Client(t.db.url);
    await locker.connect();
    const lockWaiters = async () => {
      const watcher = new pg.Client(t.db.url);
      await watcher.connect();
      try {
        const { rows } = await watcher.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return rows[0].n as number;
      } finally {
        await watcher.end();
      }
    };
    try {
      // The four running requests (the batch's concurrency) wait on this row until the client has gone.
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [target]);
      const server = t.app.getHttpServer() as Server;
      const serverSocket = once(server, 'connection') as Promise<[Socket]>;
      const requests = [
        ...[1, 2, 3, 4].map((n) => ({ id: `patch${n}`, method: 'PATCH', url: `/users/${target}`, headers: JSON_HEADERS, body: { jobTitle: `Patch ${n}` } })),
        { id: 'queued', method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('queued') },
        { id: 'dependent', dependsOn: ['patch1'], method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('dependent') },
      ];
      const client = httpRequest(`${t.url}/v1.0/$batch`, {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      });
      client.on('error', () => undefined);
      client.end(JSON.stringify({ requests }));
      const [socket] = await serverSocket;
      await waitFor('four inner requests blocked in Postgres', async () => (await lockWaiters()) >= 4);
      expect(runs).toHaveLength(1);

      const closed = once(socket, 'close');
      client.destroy();
      await closed;
      await locker.query('COMMIT');

      const answered = await runs[0];
      expect(answered.responses.map((r) => `${r.id}:${r.status}`).sort()).toEqual(['patch1:204', 'patch2:204', 'patch3:204', 'patch4:204']);
      for (const n of ['queued', 'dependent']) {
        expect((await call(t, 'GET', `/v1.0/users/user${n}@contoso.test`, { token: app })).status).toBe(404);
      }
    } finally {
      service.run = original;
      await locker.end();
    }
  });

  it('refuses a malformed batch with 400 and runs nothing of it', async () => {
    const before = await userCount();
    const create = (id: string, n: string) => ({ id, method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser(n) });
    const cases: [string, unknown][] = [
      ['no requests', {}],
      ['requests not an array', { requests: { id: '1' } }],
      ['empty batch', { requests: [] }],
      ['21 requests', { requests: Array.from({ length: 21 }, (_, i) => create(String(i), `many${i}`)) }],
      ['duplicate ids, any case', { requests: [create('x', 'dup1'), create('X', 'dup2')] }],
      ['unknown method', { requests: [create('1', 'm1'), { id: '2', method: 'TRACE', url: '/users' }] }],
      ['lower-case method', { requests: [{ id: '1', method: 'get', url: '/users' }] }],
      ['missing url', { requests: [create('1', 'u1'), { id: '2', method: 'GET' }] }],
      ['missing id', { requests: [create('1', 'i1'), { method: 'GET', url: '/users' }] }],
      ['numeric id', { requests: [{ id: 1, method: 'GET', url: '/users' }] }],
      ['absolute url', { requests: [create('1', 'a1'), { id: '2', method: 'GET', url: `${t.url}/v1.0/users` }] }],
      ['url with a line break', { requests: [create('1', 'a3'), { id: '2', method: 'GET', url: '/users\r\nX-Injected: 1' }] }],
      ['scheme-relative url', { requests: [create('1', 'a2'), { id: '2', method: 'GET', url: '//evil.example/users' }] }],
      // Dot segments resolve as on a direct request line: a url may not climb out of the version to other routes.
      ['url climbing out of the version', { requests: [create('1', 'c1'), { id: '2', method: 'GET', url: '/../health' }] }],
      ['url climbing out after a segment', { requests: [create('1', 'c2'), { id: '2', method: 'GET', url: '/users/../../docs' }] }],
      ['url climbing out, encoded', { requests: [create('1', 'c3'), { id: '2', method: 'GET', url: '/%2E%2e/common/v2.0/.well-known/openid-configuration' }] }],
      ['url climbing to the root', { requests: [create('1', 'c4'), { id: '2', method: 'GET', url: '/v1.0/..' }] }],
      ['body without headers', { requests: [{ id: '1', method: 'POST', url: '/users', body: newUser('h1') }] }],
      ['body without Content-Type', { requests: [{ id: '1', method: 'POST', url: '/users', headers: { Prefer: 'x' }, body: newUser('h2') }] }],
      ['header with a non-string value', { requests: [{ id: '1', method: 'GET', url: '/users', headers: { ConsistencyLevel: 1 } }] }],
      ['header with a line break', { requests: [{ id: '1', method: 'GET', url: '/users', headers: { 'X-A': 'a\r\nX-B: b' } }] }],
      ['dependsOn an unknown id', { requests: [create('1', 'd1'), { id: '2', method: 'GET', url: '/users', dependsOn: ['9'] }] }],
      ['dependsOn a later id', { requests: [{ id: '1', method: 'GET', url: '/users', dependsOn: ['2'] }, create('2', 'd2')] }],
      ['dependsOn itself', { requests: [create('1', 'd3'), { id: '2', method: 'GET', url: '/users', dependsOn: ['2'] }] }],
      ['nested $batch', { requests: [create('1', 'n1'), { id: '2', method: 'POST', url: '/$batch', headers: JSON_HEADERS, body: { requests: [] } }] }],
      [
        'nested versioned $batch',
        { requests: [create('1', 'n2'), { id: '2', method: 'POST', url: '/beta/$BATCH', headers: JSON_HEADERS, body: { requests: [] } }] },
      ],
      [
        'nested encoded $batch',
        { requests: [create('1', 'n3'), { id: '2', method: 'POST', url: '/%24batch', headers: JSON_HEADERS, body: { requests: [] } }] },
      ],
      ['unknown item property', { requests: [{ id: '1', method: 'GET', url: '/users', extra: true }] }],
      ['array body', { requests: [{ id: '1', method: 'POST', url: '/users', headers: JSON_HEADERS, body: [1] }] }],
    ];
    for (const [name, body] of cases) {
      const res = await call(t, 'POST', '/v1.0/$batch', { token: admin, body });
      expect({ name, status: res.status, code: typeof res.body?.error?.code }).toEqual({ name, status: 400, code: 'string' });
      expect(res.body.error.innerError['request-id']).toMatch(GUID);
    }
    expect(await userCount()).toBe(before);
    const bad = await call(t, 'POST', '/v1.0/$batch', { token: admin, body: '{"requests": [' });
    expect(bad.status).toBe(400);
    const dup = await call(t, 'POST', '/v1.0/$batch', { token: admin, body: { requests: [create('x', 'dup3'), create('X', 'dup4')] } });
    expect(dup.body.error.message).toBe("Invalid batch payload: the request id 'X' is used more than once (ids are compared case-insensitively).");
    const climbing = await call(t, 'POST', '/v1.0/$batch', { token: admin, body: { requests: [{ id: 'up', method: 'GET', url: '/../health' }] } });
    expect(climbing.body.error.message).toBe("Invalid batch payload: the url of request 'up' leaves the service version with '..' segments.");
  });

  it('authorizes every request with the batch token: 401s, 403s and tenant isolation in their own slots', async () => {
    // `/me` provisions its user on first use: do that first, so the count below only sees batch writes.
    expect((await call(t, 'GET', '/v1.0/me', { token: reader })).status).toBe(200);
    const before = await userCount();
    const anonymous = await batch(undefined, [
      { id: '1', method: 'GET', url: '/me' },
      { id: '2', method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('anon') },
    ]);
    expect(anonymous.status).toBe(200);
    for (const r of anonymous.body.responses) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('InvalidAuthenticationToken');
      expect(r.headers['WWW-Authenticate']).toMatch(/^Bearer /);
    }
    // A token inside a request's headers is not used: the batch's is.
    const smuggled = await batch(reader, [
      { id: '1', method: 'POST', url: '/users', headers: { ...JSON_HEADERS, Authorization: `Bearer ${admin}` }, body: newUser('smuggled') },
    ]);
    expect(smuggled.body.responses[0].status).toBe(403);

    const mixed = await batch(reader, [
      { id: 'me', method: 'GET', url: '/me' },
      { id: 'other', method: 'GET', url: `/users/${userId}` },
      { id: 'write', method: 'POST', url: '/users', headers: JSON_HEADERS, body: newUser('denied') },
    ]);
    const status = Object.fromEntries(mixed.body.responses.map((r: { id: string; status: number }) => [r.id, r.status]));
    expect(status).toEqual({ me: 200, other: 403, write: 403 });
    expect(mixed.body.responses[0].body.id).toBe(readerId);
    expect(await userCount()).toBe(before);

    const otherTenant = application(t, ['User.ReadWrite.All'], { tenantId: TENANT_B });
    const isolated = await batch(otherTenant, [
      { id: '1', method: 'GET', url: `/users/${userId}` },
      { id: '2', method: 'GET', url: '/users' },
    ]);
    expect(isolated.body.responses[0].status).toBe(404);
    expect(isolated.body.responses[1].body.value.map((u: { id: string }) => u.id)).not.toContain(userId);
    expect(TENANT_A).not.toBe(TENANT_B);
  });

  it('answers odd urls as the direct route would, never 500', async () => {
    const urls = [
      "/users?$filter=displayName eq 'User base'&$select=id",
      '/users/%zz',
      '/users?$top=%zz',
      '/users/\u00e9t\u00e9',
      '/users#fragment',
      '/users/../users',
      '/users/./../v1.0/../users',
      '/users?$top=1%00',
      `/users/${'a'.repeat(4000)}`,
      '?',
      '',
    ];
    const res = await batch(
      app,
      urls.map((url, i) => ({ id: String(i), method: 'GET', url })),
    );
    // An empty url is refused for the whole batch (url is required, json-batching.md); everything else must run.
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Invalid value specified for property 'requests.10.url': must not be empty");
    const ok = await batch(
      app,
      urls.slice(0, -1).map((url, i) => ({ id: String(i), method: 'GET', url })),
    );
    expect(ok.status).toBe(200);
    const statuses = ok.body.responses.map((r: { status: number }) => r.status);
    expect(statuses.filter((s: number) => s >= 500)).toEqual([]);
    expect(statuses[0]).toBe(200);
    expect(ok.body.responses[0].body.value.map((u: { id: string }) => u.id)).toEqual([userId]);
  });

  it('serves /beta/$batch, and a url may name its version', async () => {
    const res = await batch(
      app,
      [
        { id: '1', method: 'GET', url: `/users/${userId}?$select=id` },
        { id: '2', method: 'GET', url: `/v1.0/users/${userId}?$select=id` },
      ],
      'beta',
    );
    expect(res.status).toBe(200);
    expect(res.body.responses[0].body['@odata.context']).toBe(`${t.url}/beta/$metadata#users(id)/$entity`);
    expect(res.body.responses[1].body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#users(id)/$entity`);
  });

  it('is found under every spelling of its path, as every route is', async () => {
    for (const path of ['/V1.0/$BATCH', '/v1.0/$Batch/', '/v1.0//$batch', '/beta/./$batch']) {
      const res = await call(t, 'POST', path, { token: app, body: { requests: [{ id: '1', method: 'GET', url: `/users/${userId}?$select=id` }] } });
      expect({ path, status: res.status, inner: res.body?.responses?.[0]?.status }).toEqual({ path, status: 200, inner: 200 });
    }
  });

  it('echoes the batch client-request-id in every slot unless a request sets its own', async () => {
    const res = await batch(
      app,
      [
        { id: '1', method: 'GET', url: `/users/${userId}` },
        { id: '2', method: 'GET', url: `/users/${userId}`, headers: { 'client-request-id': 'inner-trace' } },
      ],
      'v1.0',
      { 'client-request-id': 'outer-trace' },
    );
    expect(res.body.responses.map((r: { headers: Record<string, string> }) => r.headers['client-request-id'])).toEqual(['outer-trace', 'inner-trace']);
  });
});

describe('$batch throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_CLIENT_PER_10S: '3' });
  });
  afterAll(() => t?.close());

  it('counts every inner request, and a throttled one answers 429 in its own slot', async () => {
    const token = application(t, ['User.ReadWrite.All'], { tenantId: randomUUID(), appId: randomUUID() });
    const res = await call(t, 'POST', '/v1.0/$batch', {
      token,
      body: { requests: Array.from({ length: 5 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' })) },
    });
    expect(res.status).toBe(200);
    const statuses = res.body.responses.map((r: { status: number }) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const throttled = res.body.responses.find((r: { status: number }) => r.status === 429);
    expect(throttled.headers['Retry-After']).toMatch(/^\d+$/);
    expect(throttled.body.error.code).toBe('TooManyRequests');
    // The batch itself spent nothing more: the budget is gone for a direct call too.
    expect((await call(t, 'GET', '/v1.0/users', { token })).status).toBe(429);
  });

  it('writes nothing for a throttled request', async () => {
    const tenantId = randomUUID();
    const token = application(t, ['User.ReadWrite.All'], { tenantId, appId: randomUUID() });
    const res = await call(t, 'POST', '/v1.0/$batch', {
      token,
      body: {
        requests: Array.from({ length: 5 }, (_, i) => ({
          id: String(i),
          method: 'POST',
          url: '/users',
          headers: JSON_HEADERS,
          body: newUser(`throttled${i}`),
        })),
      },
    });
    expect(res.status).toBe(200);
    const created = res.body.responses.filter((r: { status: number }) => r.status === 201).map((r: { body: { id: string } }) => r.body.id);
    expect(res.body.responses.map((r: { status: number }) => r.status).sort()).toEqual([201, 201, 201, 429, 429]);
    // Another application of the tenant (a budget of its own) sees only the three answered 201.
    const reader = application(t, ['User.Read.All'], { tenantId, appId: randomUUID() });
    const listed = await call(t, 'GET', '/v1.0/users?$select=id', { token: reader });
    expect(listed.status).toBe(200);
    expect(listed.body.value.map((u: { id: string }) => u.id).sort()).toEqual([...created].sort());
  });
});
