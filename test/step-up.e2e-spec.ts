import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, create, expectGraphError, ipLocationBody, policyBody } from './support/conditional-access.js';
import { call, type JsonResponse } from './support/http.js';
import {
  CHALLENGE_MESSAGE,
  expectedChallenge,
  GRAPH_BEARER,
  protect,
  PROTECTABLE_ACTIONS,
  rawHeaders,
  RESOURCE_ACTIONS,
  tenantAdmin,
} from './support/step-up.js';
import { application, delegated } from './support/tokens.js';

const V1 = `/v1.0${CA}`;
const ADMIN_SCOPES = ['Policy.ReadWrite.ConditionalAccess'];
const ADMIN_ROLES = ['Conditional Access Administrator'];
const C1_CLAIMS = { access_token: { acrs: { essential: true, value: 'c1' } } };

interface Operation {
  name: string;
  /** Builds the request in a tenant (fixtures made with the tenant's application token, which is never challenged). */
  prepare(t: TestApp, admin: string): Promise<{ method: string; path: string; body?: unknown; ok: number }>;
}

const softDeleted = async (t: TestApp, admin: string, kind: 'policies' | 'namedLocations') => {
  const id = await create(t, admin, `${V1}/${kind}`, kind === 'policies' ? policyBody() : ipLocationBody());
  expect((await call(t, 'DELETE', `${V1}/${kind}/${id}`, { token: admin })).status).toBe(204);
  return id;
};

/** Every operation a settable action protects, restated by hand (graph-spec-ca-root §7.2). */
const OPERATIONS: Operation[] = [
  { name: 'create a policy', prepare: async () => ({ method: 'POST', path: `${V1}/policies`, body: policyBody(), ok: 201 }) },
  {
    name: 'create a policy (policies/ alias, beta)',
    prepare: async () => ({ method: 'POST', path: '/beta/policies/conditionalAccessPolicies', body: policyBody(), ok: 201 }),
  },
  {
    name: 'update a policy',
    prepare: async (t, admin) => ({
      method: 'PATCH',
      path: `${V1}/policies/${await create(t, admin, `${V1}/policies`, policyBody())}`,
      body: { state: 'disabled' },
      ok: 204,
    }),
  },
  {
    name: 'delete a policy',
    prepare: async (t, admin) => ({ method: 'DELETE', path: `${V1}/policies/${await create(t, admin, `${V1}/policies`, policyBody())}`, ok: 204 }),
  },
  { name: 'create a named location', prepare: async () => ({ method: 'POST', path: `${V1}/namedLocations`, body: ipLocationBody(), ok: 201 }) },
  {
    name: 'update a named location',
    prepare: async (t, admin) => ({
      method: 'PATCH',
      path: `${V1}/namedLocations/${await create(t, admin, `${V1}/namedLocations`, ipLocationBody())}`,
      body: ipLocationBody({ displayName: 'Renamed' }),
      ok: 204,
    }),
  },
  {
    name: 'delete a named location',
    prepare: async (t, admin) => ({
      method: 'DELETE',
      path: `${V1}/namedLocations/${await create(t, admin, `${V1}/namedLocations`, ipLocationBody())}`,
      ok: 204,
    }),
  },
  {
    name: 'purge a deleted policy',
    prepare: async (t, admin) => ({ method: 'DELETE', path: `${V1}/deletedItems/policies/${await softDeleted(t, admin, 'policies')}`, ok: 204 }),
  },
  {
    name: 'purge a deleted named location',
    prepare: async (t, admin) => ({ method: 'DELETE', path: `${V1}/deletedItems/namedLocations/${await softDeleted(t, admin, 'namedLocations')}`, ok: 204 }),
  },
];

function expectChallenge(res: JsonResponse, claims = C1_CLAIMS) {
  expect({ status: res.status, code: res.body?.error?.code, message: res.body?.error?.message }).toEqual({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: CHALLENGE_MESSAGE,
  });
  expect(res.headers.get('www-authenticate')).toBe(expectedChallenge(claims));
}

function expectNoClientSupport(res: JsonResponse) {
  expectGraphError(
    res,
    403,
    'AccessDenied',
    /^Operation requires conditional access and client does not support it\. Client must be configured to support conditional access\.$/,
  );
  expect(res.headers.get('www-authenticate')).toBeNull();
}

describe('step-up: protected actions demand the bound authentication context', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const user = (tenantId: string, extra: { acrs?: string[]; clientCapabilities?: string[] } = {}) =>
    delegated(t, ADMIN_SCOPES, ADMIN_ROLES, { tenantId, ...extra });

  describe.each(OPERATIONS.map((o) => [o.name, o] as const))('%s', (_name, operation) => {
    it('bound: cp1 gets the challenge, others the 403, a token with the context and an app token pass', async () => {
      const { tenantId, token: admin } = tenantAdmin(t);
      await protect(t, admin);
      const send = async (token: string) => {
        const { method, path, body, ok } = await operation.prepare(t, admin);
        return { res: await call(t, method, path, { token, body }), ok };
      };
      expectChallenge((await send(user(tenantId, { clientCapabilities: ['cp1'] }))).res);
      expectChallenge((await send(user(tenantId, { clientCapabilities: ['CP1', 'other'] }))).res);
      expectNoClientSupport((await send(user(tenantId))).res);
      expectNoClientSupport((await send(user(tenantId, { acrs: ['c2'], clientCapabilities: ['cp2'] }))).res);
      for (const token of [user(tenantId, { acrs: ['c1'] }), user(tenantId, { acrs: ['c3', 'c1'], clientCapabilities: ['cp1'] }), admin]) {
        const { res, ok } = await send(token);
        expect({ status: res.status, error: res.body?.error }).toEqual({ status: ok, error: undefined });
      }
    });

    it('unbound (or bound in another tenant only): no context needed', async () => {
      const { tenantId, token: admin } = tenantAdmin(t);
      await protect(t, tenantAdmin(t).token);
      const { method, path, body, ok } = await operation.prepare(t, admin);
      const res = await call(t, method, path, { token: user(tenantId, { clientCapabilities: ['cp1'] }), body });
      expect({ status: res.status, error: res.body?.error }).toEqual({ status: ok, error: undefined });
    });
  });

  it('only the bound action is protected; reads never are; clearing the binding lifts it at once', async () => {
    const { tenantId, token: admin } = tenantAdmin(t);
    await protect(t, admin, 'c1', ['microsoft.directory-conditionalAccessPolicies-delete-delete']);
    const token = user(tenantId, { clientCapabilities: ['cp1'] });
    expect((await call(t, 'POST', `${V1}/policies`, { token, body: policyBody() })).status).toBe(201);
    expect((await call(t, 'GET', `${V1}/policies`, { token })).status).toBe(200);
    const id = await create(t, admin, `${V1}/policies`, policyBody());
    expectChallenge(await call(t, 'DELETE', `${V1}/policies/${id}`, { token }));
    const clear = await call(t, 'PATCH', `${RESOURCE_ACTIONS}/microsoft.directory-conditionalAccessPolicies-delete-delete`, {
      token: admin,
      body: { authenticationContextId: null },
    });
    expect(clear.status).toBe(204);
    expect((await call(t, 'DELETE', `${V1}/policies/${id}`, { token })).status).toBe(204);
  });

  it('the challenge is one WWW-Authenticate header; its claims decode to the acrs request', async () => {
    const { tenantId, token: admin } = tenantAdmin(t);
    await protect(t, admin, 'c7', [PROTECTABLE_ACTIONS[0]]);
    const { status, raw } = await rawHeaders(t, 'POST', `${V1}/policies`, user(tenantId, { clientCapabilities: ['cp1'] }), policyBody());
    expect(status).toBe(401);
    const values = raw.filter((_, i) => i % 2 === 1 && raw[i - 1].toLowerCase() === 'www-authenticate');
    expect(values).toEqual([expectedChallenge({ access_token: { acrs: { essential: true, value: 'c7' } } })]);
    const claims = /claims="([^"]+)"/.exec(values[0])![1];
    expect(JSON.parse(Buffer.from(claims, 'base64').toString('utf8'))).toEqual({ access_token: { acrs: { essential: true, value: 'c7' } } });
  });

  describe('ordering: 401 token, 403 permission, step-up, 400 body, 404 target', () => {
    let tenantId: string;
    beforeAll(async () => {
      const admin = tenantAdmin(t);
      tenantId = admin.tenantId;
      await protect(t, admin.token);
    });

    it('no token or a bad one: the plain 401, never the claims challenge', async () => {
      const none = await call(t, 'POST', `${V1}/policies`, { body: policyBody() });
      expectGraphError(none, 401, 'InvalidAuthenticationToken');
      expect(none.headers.get('www-authenticate')).toBe(GRAPH_BEARER);
      const bad = await call(t, 'POST', `${V1}/policies`, { token: 'not.a.token', body: policyBody() });
      expectGraphError(bad, 401, 'InvalidAuthenticationToken');
      expect(bad.headers.get('www-authenticate')).toBe(GRAPH_BEARER);
    });

    it('a revoked token is refused before the permission and the step-up: the nbf challenge, never the acrs one', async () => {
      const users = application(t, ['User.ReadWrite.All', 'User.RevokeSessions.All'], { tenantId });
      const n = randomUUID().slice(0, 8);
      const created = await call(t, 'POST', '/v1.0/users', {
        token: users,
        body: {
          accountEnabled: true,
          displayName: n,
          mailNickname: n,
          userPrincipalName: `${n}@contoso.test`,
          passwordProfile: { password: 'Str0ng!Passw0rd' },
        },
      });
      expect(created.status).toBe(201);
      expect((await call(t, 'POST', `/v1.0/users/${created.body.id}/revokeSignInSessions`, { token: users })).status).toBe(200);
      const old = (scopes: string[], clientCapabilities: string[]) =>
        delegated(t, scopes, ADMIN_ROLES, { tenantId, objectId: created.body.id, issuedSecondsAgo: 60, clientCapabilities });
      const cp1 = await call(t, 'POST', `${V1}/policies`, { token: old(ADMIN_SCOPES, ['cp1']), body: policyBody() });
      expect(cp1.status).toBe(401);
      const claims = /claims="([^"]+)"/.exec(cp1.headers.get('www-authenticate') ?? '')?.[1] ?? '';
      expect(Object.keys(JSON.parse(Buffer.from(claims, 'base64').toString('utf8') || '{}').access_token ?? {})).toEqual(['nbf']);
      const noScope = await call(t, 'POST', `${V1}/policies`, { token: old(['Policy.Read.All'], []), body: policyBody() });
      expectGraphError(noScope, 401, 'InvalidAuthenticationToken', /^Access token has expired or is not yet valid\.$/);
    });

    it('a permission refusal comes before the step-up, with or without cp1', async () => {
      const noScope = delegated(t, ['Policy.Read.All'], ADMIN_ROLES, { tenantId, clientCapabilities: ['cp1'] });
      const res = await call(t, 'POST', `${V1}/policies`, { token: noScope, body: policyBody() });
      expect(res.status).toBe(403);
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(res.body.error.message).not.toMatch(/conditional access/);
      // Without cp1 the step-up's answer would be a 403 too: the message shows which stage answered.
      const noRole = delegated(t, ADMIN_SCOPES, [], { tenantId });
      const roleRefused = await call(t, 'DELETE', `${V1}/policies/${randomUUID()}`, { token: noRole });
      expect(roleRefused.status).toBe(403);
      expect(roleRefused.body.error.message).not.toMatch(/conditional access/);
    });

    it('the step-up comes before the body (400) and the target (404)', async () => {
      const cp1 = user(tenantId, { clientCapabilities: ['cp1'] });
      expectChallenge(await call(t, 'POST', `${V1}/policies`, { token: cp1, body: { displayName: 5 } }));
      expectChallenge(await call(t, 'PATCH', `${V1}/namedLocations/${randomUUID()}`, { token: cp1, body: { nope: true } }));
      expectChallenge(await call(t, 'DELETE', `${V1}/policies/${randomUUID()}`, { token: cp1 }));
      expectChallenge(await call(t, 'DELETE', `${V1}/deletedItems/namedLocations/not-a-guid`, { token: cp1 }));
      expectNoClientSupport(await call(t, 'DELETE', `${V1}/namedLocations/${randomUUID()}`, { token: user(tenantId) }));
      expectNoClientSupport(await call(t, 'POST', `${V1}/namedLocations`, { token: user(tenantId), body: { displayName: 5 } }));
      expectNoClientSupport(await call(t, 'DELETE', `${V1}/deletedItems/policies/${randomUUID()}`, { token: user(tenantId) }));
    });

    it('with the context, the body and the target are checked as usual', async () => {
      const stepped = user(tenantId, { acrs: ['c1'], clientCapabilities: ['cp1'] });
      expect((await call(t, 'POST', `${V1}/policies`, { token: stepped, body: { displayName: 5 } })).status).toBe(400);
      expect((await call(t, 'DELETE', `${V1}/policies/${randomUUID()}`, { token: stepped })).status).toBe(404);
    });
  });
});
