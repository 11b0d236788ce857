import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { expectGraphError } from './support/conditional-access.js';
import { call, type JsonResponse } from './support/http.js';
import { GRAPH_BEARER, REVOKED_MESSAGE } from './support/step-up.js';
import { application, delegated } from './support/tokens.js';
import { waitFor } from './support/wait.js';
import { SessionRevocationsRepository } from '../src/auth/sessions/session-revocations.repository.js';
import { ChangeFeed } from '../src/database/change-feed.js';

const ADMIN_ROLES = ['User.ReadWrite.All', 'User.RevokeSessions.All'];
/** Tokens minted before the revocation say so explicitly: `iat` a minute ago (never the same second). */
const OLD = { issuedSecondsAgo: 60 };

/** The `nbf` claims challenge (graph-spec-ca-root §7.1(c)); returns the epoch seconds it names. */
function expectNbfChallenge(res: JsonResponse): number {
  expect({ status: res.status, code: res.body?.error?.code, message: res.body?.error?.message }).toEqual({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: REVOKED_MESSAGE,
  });
  const header = res.headers.get('www-authenticate') ?? '';
  expect(header.startsWith(`${GRAPH_BEARER}, error="insufficient_claims", claims="`)).toBe(true);
  const claims = JSON.parse(Buffer.from(/claims="([^"]+)"/.exec(header)![1], 'base64').toString('utf8'));
  expect(claims).toEqual({ access_token: { nbf: { essential: true, value: expect.stringMatching(/^\d+$/) } } });
  return Number(claims.access_token.nbf.value);
}

function expectRevoked(res: JsonResponse) {
  expectGraphError(res, 401, 'InvalidAuthenticationToken', /^Access token has expired or is not yet valid\.$/);
  expect(res.headers.get('www-authenticate')).toBe(GRAPH_BEARER);
}

describe('revoked sessions: revokeSignInSessions, disabled and deleted users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** A user of a fresh tenant, and tokens for them. */
  async function newUser() {
    const tenantId = randomUUID();
    const admin = application(t, ADMIN_ROLES, { tenantId });
    const n = randomUUID().slice(0, 8);
    const created = await call(t, 'POST', '/v1.0/users', {
      token: admin,
      body: { accountEnabled: true, displayName: n, mailNickname: n, userPrincipalName: `${n}@contoso.test`, passwordProfile: { password: 'Str0ng!Passw0rd' } },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const upn: string = created.body.userPrincipalName;
    const token = (extra: Record<string, unknown> = {}) =>
      delegated(t, ['User.Read', 'User.RevokeSessions.All'], [], { tenantId, objectId: id, userPrincipalName: upn, ...extra });
    return { tenantId, admin, id, upn, token };
  }

  it('POST /users/{id}/revokeSignInSessions: 200 {value: true}; older tokens refused (nbf challenge with cp1), newer ones fine', async () => {
    const u = await newUser();
    const old = u.token(OLD);
    const oldCp1 = u.token({ ...OLD, clientCapabilities: ['cp1'] });
    expect((await call(t, 'GET', '/v1.0/me', { token: old })).status).toBe(200);

    const before = Math.floor(Date.now() / 1000);
    const res = await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: u.admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ '@odata.context': `${t.url}/v1.0/$metadata#Edm.Boolean`, value: true });

    expectRevoked(await call(t, 'GET', '/v1.0/me', { token: old }));
    const nbf = expectNbfChallenge(await call(t, 'GET', '/v1.0/me', { token: oldCp1 }));
    expect(nbf).toBeGreaterThanOrEqual(before - 2);
    // Every route, not only /me.
    expectRevoked(await call(t, 'GET', `/v1.0/users/${u.id}/authentication/methods`, { token: old }));
    expect((await call(t, 'GET', '/v1.0/me', { token: u.token() })).status).toBe(200);
    // The application that revoked is not a user: its tokens are unaffected.
    expect((await call(t, 'GET', `/v1.0/users/${u.id}`, { token: u.admin })).status).toBe(200);
  });

  it('by userPrincipalName, on beta, and through /me (the user revokes their own sessions)', async () => {
    const u = await newUser();
    const res = await call(t, 'POST', `/beta/users/${u.upn}/revokeSignInSessions`, { token: u.admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ '@odata.context': `${t.url}/beta/$metadata#Edm.Boolean`, value: true });

    const v = await newUser();
    const old = v.token(OLD);
    const self = await call(t, 'POST', '/v1.0/me/revokeSignInSessions', { token: old });
    expect(self.status).toBe(200);
    expect(self.body.value).toBe(true);
    expectRevoked(await call(t, 'POST', '/beta/me/revokeSignInSessions', { token: old }));
    expect((await call(t, 'POST', '/beta/me/revokeSignInSessions', { token: v.token() })).status).toBe(200);
  });

  it('permissions and targets: as Graph documents; 404 for an unknown user; 400 for /me with an app token', async () => {
    const u = await newUser();
    expectGraphError(
      await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: application(t, ['User.Read.All'], { tenantId: u.tenantId }) }),
      403,
      'Authorization_RequestDenied',
    );
    // Another user needs a role besides the scope.
    const plain = delegated(t, ['User.RevokeSessions.All'], [], { tenantId: u.tenantId });
    expectGraphError(await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: plain }), 403, 'Authorization_RequestDenied');
    const helpdesk = delegated(t, ['User.RevokeSessions.All'], ['Helpdesk Administrator'], { tenantId: u.tenantId });
    expect((await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: helpdesk })).status).toBe(200);
    expectGraphError(await call(t, 'POST', `/v1.0/users/${randomUUID()}/revokeSignInSessions`, { token: u.admin }), 404, 'Request_ResourceNotFound');
    expectGraphError(await call(t, 'POST', '/v1.0/me/revokeSignInSessions', { token: u.admin }), 400, 'BadRequest');
  });

  it('disabling the account refuses every token until it is enabled; tokens from before stay refused', async () => {
    const u = await newUser();
    const old = u.token(OLD);
    expect((await call(t, 'PATCH', `/v1.0/users/${u.id}`, { token: u.admin, body: { accountEnabled: false } })).status).toBe(204);
    expectRevoked(await call(t, 'GET', '/v1.0/me', { token: old }));
    expectRevoked(await call(t, 'GET', '/v1.0/me', { token: u.token() }));
    expectNbfChallenge(await call(t, 'GET', '/v1.0/me', { token: u.token({ clientCapabilities: ['CP1'] }) }));

    expect((await call(t, 'PATCH', `/v1.0/users/${u.id}`, { token: u.admin, body: { accountEnabled: true } })).status).toBe(204);
    expect((await call(t, 'GET', '/v1.0/me', { token: u.token() })).status).toBe(200);
    expectRevoked(await call(t, 'GET', '/v1.0/me', { token: old }));
  });

  it('a user created disabled: every token refused until the account is enabled', async () => {
    const tenantId = randomUUID();
    const admin = application(t, ADMIN_ROLES, { tenantId });
    const n = randomUUID().slice(0, 8);
    const created = await call(t, 'POST', '/v1.0/users', {
      token: admin,
      body: {
        accountEnabled: false,
        displayName: n,
        mailNickname: n,
        userPrincipalName: `${n}@contoso.test`,
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(created.status).toBe(201);
    const token = (extra: Record<string, unknown> = {}) =>
      delegated(t, ['User.Read'], [], { tenantId, objectId: created.body.id, userPrincipalName: created.body.userPrincipalName, ...extra });
    expectRevoked(await call(t, 'GET', '/v1.0/me', { token: token() }));
    expectNbfChallenge(await call(t, 'GET', '/v1.0/me', { token: token({ clientCapabilities: ['cp1'] }) }));
    expect((await call(t, 'PATCH', `/v1.0/users/${created.body.id}`, { token: admin, body: { accountEnabled: true } })).status).toBe(204);
    expect((await call(t, 'GET', '/v1.0/me', { token: token() })).status).toBe(200);
  });

  it('deleting the user refuses the tokens issued before (and /me does not provision them again)', async () => {
    const u = await newUser();
    const old = u.token(OLD);
    expect((await call(t, 'DELETE', `/v1.0/users/${u.id}`, { token: u.admin })).status).toBe(204);
    expectRevoked(await call(t, 'GET', '/v1.0/me', { token: old }));
    expectNbfChallenge(await call(t, 'GET', '/v1.0/me', { token: u.token({ ...OLD, clientCapabilities: ['cp1'] }) }));
    expectGraphError(await call(t, 'GET', `/v1.0/users/${u.id}`, { token: u.admin }), 404, 'Request_ResourceNotFound');
  });

  it("the hot path reads a user's state once, then from the cache until it changes", async () => {
    const u = await newUser();
    const reads = jest.spyOn(t.app.get(SessionRevocationsRepository), 'find');
    try {
      const token = u.token();
      for (let i = 0; i < 20; i++) expect((await call(t, 'GET', '/v1.0/me', { token })).status).toBe(200);
      expect(reads).toHaveBeenCalledTimes(1);
      const feed = t.app.get(ChangeFeed);
      const delivered = feed.delivered;
      expect((await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: u.admin })).status).toBe(200);
      // The writer forgets at once; its own notification comes back too (and forgets again): wait for it.
      await waitFor('the revocation notification', () => feed.delivered > delivered);
      for (let i = 0; i < 20; i++) expect((await call(t, 'GET', '/v1.0/me', { token: u.token() })).status).toBe(200);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });

  it('a user never revoked is unaffected; bad input writes nothing', async () => {
    const u = await newUser();
    expect((await call(t, 'GET', '/v1.0/me', { token: u.token(OLD) })).status).toBe(200);
    const withBody = await call(t, 'POST', `/v1.0/users/${u.id}/revokeSignInSessions`, { token: u.admin, body: { extra: 1 } });
    expect(withBody.status).toBe(400);
    expect((await call(t, 'GET', '/v1.0/me', { token: u.token(OLD) })).status).toBe(200);
  });
});

describe('revocation across two instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // One issuer name for both, as instances behind one load balancer (see scale-out.e2e-spec.ts).
    const env = { PUBLIC_BASE_URL: 'https://graph.revocation.test' };
    a = await startTestApp(env);
    b = await startTestApp(env, [], { databaseUrl: a.db.url });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a revocation through one instance is enforced by the other within a second', async () => {
    const tenantId = randomUUID();
    const admin = application(a, ADMIN_ROLES, { tenantId });
    const created = await call(a, 'POST', '/v1.0/users', {
      token: admin,
      body: {
        accountEnabled: true,
        displayName: 'Two',
        mailNickname: 'two',
        userPrincipalName: 'two@contoso.test',
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(created.status).toBe(201);
    const old = delegated(a, ['User.Read'], [], { tenantId, objectId: created.body.id, userPrincipalName: 'two@contoso.test', ...OLD });
    // Both instances have read (and cached) the user's state.
    expect((await call(a, 'GET', '/v1.0/me', { token: old })).status).toBe(200);
    expect((await call(b, 'GET', '/v1.0/me', { token: old })).status).toBe(200);

    expect((await call(a, 'POST', `/v1.0/users/${created.body.id}/revokeSignInSessions`, { token: admin })).status).toBe(200);
    expect((await call(a, 'GET', '/v1.0/me', { token: old })).status).toBe(401);
    await waitFor('instance B refuses the revoked token', async () => (await call(b, 'GET', '/v1.0/me', { token: old })).status === 401, 1000);

    // And the other way round: disabling through B reaches A.
    const fresh = delegated(a, ['User.Read'], [], { tenantId, objectId: created.body.id, userPrincipalName: 'two@contoso.test' });
    expect((await call(a, 'GET', '/v1.0/me', { token: fresh })).status).toBe(200);
    expect((await call(b, 'PATCH', `/v1.0/users/${created.body.id}`, { token: admin, body: { accountEnabled: false } })).status).toBe(204);
    await waitFor('instance A refuses the disabled user', async () => (await call(a, 'GET', '/v1.0/me', { token: fresh })).status === 401, 1000);
  });

  it('a deletion through one instance refuses the older tokens on the other within a second', async () => {
    const tenantId = randomUUID();
    const admin = application(b, ADMIN_ROLES, { tenantId });
    const created = await call(b, 'POST', '/v1.0/users', {
      token: admin,
      body: {
        accountEnabled: true,
        displayName: 'Gone',
        mailNickname: 'gone',
        userPrincipalName: 'gone@contoso.test',
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(created.status).toBe(201);
    const old = delegated(a, ['User.Read'], [], { tenantId, objectId: created.body.id, userPrincipalName: 'gone@contoso.test', ...OLD });
    expect((await call(a, 'GET', '/v1.0/me', { token: old })).status).toBe(200);
    expect((await call(b, 'DELETE', `/v1.0/users/${created.body.id}`, { token: admin })).status).toBe(204);
    await waitFor("instance A refuses the deleted user's older token", async () => (await call(a, 'GET', '/v1.0/me', { token: old })).status === 401, 1000);
  });

  it('a protected-action binding set through one instance is enforced by the other within a second', async () => {
    const tenantId = randomUUID();
    const admin = application(a, ['Policy.ReadWrite.ConditionalAccess', 'RoleManagement.ReadWrite.Directory'], { tenantId });
    const user = delegated(a, ['Policy.ReadWrite.ConditionalAccess'], ['Conditional Access Administrator'], { tenantId, clientCapabilities: ['cp1'] });
    const locations = '/v1.0/identity/conditionalAccess/namedLocations';
    const body = { '@odata.type': '#microsoft.graph.countryNamedLocation', displayName: 'Two', countriesAndRegions: ['US'] };
    expect((await call(b, 'POST', locations, { token: user, body })).status).toBe(201);
    expect(
      (await call(a, 'PATCH', '/v1.0/identity/conditionalAccess/authenticationContextClassReferences/c1', { token: admin, body: { isAvailable: true } }))
        .status,
    ).toBe(204);
    const bind = await call(
      a,
      'PATCH',
      '/beta/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions/microsoft.directory-namedLocations-create-post',
      {
        token: admin,
        body: { authenticationContextId: 'c1' },
      },
    );
    expect(bind.status).toBe(204);
    await waitFor('instance B demands c1', async () => (await call(b, 'POST', locations, { token: user, body })).status === 401, 1000);
  });
});
