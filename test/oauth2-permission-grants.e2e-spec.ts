import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call, type JsonResponse } from './support/http.js';
import { application, delegated } from './support/tokens.js';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const ADMIN = ['Application.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All', 'User.ReadWrite.All'];

function expectGraphError(res: JsonResponse, status: number, code: string, message?: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (message) expect(res.body.error.message).toMatch(message);
}

describe('/oauth2PermissionGrants (delegated consent)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function tenant() {
    const tenantId = randomUUID();
    const token = application(t, ADMIN, { tenantId });
    const app = (await call(t, 'POST', '/v1.0/applications', { token, body: { displayName: 'Web app' } })).body;
    const client = (await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: app.appId } })).body;
    const graph = (await call(t, 'GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, { token })).body.value[0];
    const n = randomUUID().slice(0, 8);
    const user = await call(t, 'POST', '/v1.0/users', {
      token,
      body: {
        accountEnabled: true,
        displayName: 'Adele',
        mailNickname: `a${n}`,
        userPrincipalName: `a${n}@contoso.test`,
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(user.status).toBe(201);
    return { tenantId, token, client, graph, userId: user.body.id as string };
  }

  it("admin consent (AllPrincipals) and one user's consent (Principal), in Graph's shape", async () => {
    const { token, client, graph, userId } = await tenant();
    const all = await call(t, 'POST', '/v1.0/oauth2PermissionGrants', {
      token,
      body: { clientId: client.id, consentType: 'AllPrincipals', resourceId: graph.id, scope: 'openid user.read' },
    });
    expect(all.status).toBe(201);
    expect(all.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#oauth2PermissionGrants/$entity`,
      id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      clientId: client.id,
      consentType: 'AllPrincipals',
      principalId: null,
      resourceId: graph.id,
      scope: 'openid User.Read',
    });
    expect(all.headers.get('location')).toBe(`${t.url}/v1.0/oauth2PermissionGrants/${all.body.id}`);
    const mine = await call(t, 'POST', '/v1.0/oauth2PermissionGrants', {
      token,
      body: { clientId: client.id, consentType: 'Principal', principalId: userId, resourceId: graph.id, scope: 'Mail.Read' },
    });
    expect(mine.status).toBe(201);

    const filtered = await call(t, 'GET', `/v1.0/oauth2PermissionGrants?$filter=clientId eq '${client.id}' and consentType eq 'Principal'`, { token });
    expect(filtered.body.value.map((g: { id: string }) => g.id)).toEqual([mine.body.id]);
    const beta = await call(t, 'GET', `/beta/oauth2PermissionGrants/${all.body.id}`, { token });
    expect(beta.body).toMatchObject({ startTime: null, expiryTime: null, scope: 'openid User.Read' });
    const count = await fetch(`${t.url}/v1.0/oauth2PermissionGrants/$count`, { headers: { authorization: `Bearer ${token}` } });
    expect(await count.text()).toBe('2');

    expect(
      (await call(t, 'PATCH', `/v1.0/oauth2PermissionGrants/${all.body.id}`, { token, body: { scope: 'openid profile offline_access User.Read' } })).status,
    ).toBe(204);
    expect((await call(t, 'GET', `/v1.0/oauth2PermissionGrants/${all.body.id}`, { token })).body.scope).toBe('openid profile offline_access User.Read');
    expect((await call(t, 'DELETE', `/v1.0/oauth2PermissionGrants/${mine.body.id}`, { token })).status).toBe(204);
    expectGraphError(await call(t, 'GET', `/v1.0/oauth2PermissionGrants/${mine.body.id}`, { token }), 404, 'Request_ResourceNotFound');
  });

  it('refuses inconsistent, duplicate and unknown grants', async () => {
    const { token, client, graph, userId } = await tenant();
    const post = (body: Record<string, unknown>) => call(t, 'POST', '/v1.0/oauth2PermissionGrants', { token, body });
    const base = { clientId: client.id, resourceId: graph.id, scope: 'User.Read' };
    expectGraphError(await post({ ...base, consentType: 'Principal' }), 400, 'Request_BadRequest', /principalId/);
    expectGraphError(await post({ ...base, consentType: 'AllPrincipals', principalId: userId }), 400, 'Request_BadRequest', /principalId/);
    expectGraphError(await post({ ...base, consentType: 'AllPrincipals', scope: 'User.Read Nope.Read' }), 400, 'Request_BadRequest', /Nope\.Read/);
    expectGraphError(await post({ ...base, consentType: 'Principal', principalId: randomUUID() }), 404, 'Request_ResourceNotFound');
    expectGraphError(await post({ ...base, consentType: 'AllPrincipals', clientId: randomUUID() }), 404, 'Request_ResourceNotFound');
    expect((await post({ ...base, consentType: 'AllPrincipals' })).status).toBe(201);
    expectGraphError(await post({ ...base, consentType: 'AllPrincipals' }), 409, 'conflict', /already exists/);
  });

  it('deleting the user or the client removes their grants; other tenants see nothing', async () => {
    const { tenantId, token, client, graph, userId } = await tenant();
    const grant = (
      await call(t, 'POST', '/v1.0/oauth2PermissionGrants', {
        token,
        body: { clientId: client.id, consentType: 'Principal', principalId: userId, resourceId: graph.id, scope: 'User.Read' },
      })
    ).body;
    expectGraphError(
      await call(t, 'GET', `/v1.0/oauth2PermissionGrants/${grant.id}`, { token: application(t, ADMIN, { tenantId: randomUUID() }) }),
      404,
      'Request_ResourceNotFound',
    );
    expect((await call(t, 'DELETE', `/v1.0/users/${userId}`, { token })).status).toBe(204);
    expectGraphError(await call(t, 'GET', `/v1.0/oauth2PermissionGrants/${grant.id}`, { token }), 404, 'Request_ResourceNotFound');
    expect(tenantId).toBeTruthy();
  });

  it('permissions: reading with Directory.Read.All; writing needs DelegatedPermissionGrant.ReadWrite.All (and a role, delegated)', async () => {
    const { tenantId, client, graph } = await tenant();
    const body = { clientId: client.id, consentType: 'AllPrincipals', resourceId: graph.id, scope: 'User.Read' };
    expect((await call(t, 'GET', '/v1.0/oauth2PermissionGrants', { token: application(t, ['Directory.Read.All'], { tenantId }) })).status).toBe(200);
    expectGraphError(
      await call(t, 'POST', '/v1.0/oauth2PermissionGrants', { token: application(t, ['Directory.ReadWrite.All'], { tenantId }), body }),
      403,
      'Authorization_RequestDenied',
    );
    expectGraphError(
      await call(t, 'POST', '/v1.0/oauth2PermissionGrants', { token: delegated(t, ['DelegatedPermissionGrant.ReadWrite.All'], [], { tenantId }), body }),
      403,
      'Authorization_RequestDenied',
    );
    expect(
      (
        await call(t, 'POST', '/v1.0/oauth2PermissionGrants', {
          token: delegated(t, ['DelegatedPermissionGrant.ReadWrite.All'], ['Cloud Application Administrator'], { tenantId }),
          body,
        })
      ).status,
    ).toBe(201);
  });
});
