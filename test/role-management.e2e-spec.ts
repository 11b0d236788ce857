import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call, type JsonResponse } from './support/http.js';
import { application, delegated } from './support/tokens.js';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const WRITE = ['RoleManagement.ReadWrite.Directory', 'User.ReadWrite.All', 'Application.ReadWrite.All'];

function expectGraphError(res: JsonResponse, status: number, code: string, message?: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (message) expect(res.body.error.message).toMatch(message);
}

describe('/roleManagement/directory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  describe('roleDefinitions (built-in roles)', () => {
    it('lists the built-in roles with their template ids; filters, selects and counts', async () => {
      const token = application(t, ['RoleManagement.Read.Directory'], { tenantId: randomUUID() });
      const all = await call(t, 'GET', '/v1.0/roleManagement/directory/roleDefinitions', { token });
      expect(all.status).toBe(200);
      expect(all.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#roleManagement/directory/roleDefinitions`);
      expect(all.body.value.length).toBeGreaterThan(100);
      const ga = await call(t, 'GET', "/v1.0/roleManagement/directory/roleDefinitions?$filter=displayName eq 'Global Administrator'", { token });
      expect(ga.body.value).toEqual([
        expect.objectContaining({ id: GLOBAL_ADMIN, templateId: GLOBAL_ADMIN, displayName: 'Global Administrator', isBuiltIn: true, isEnabled: true }),
      ]);
      const one = await call(t, 'GET', `/beta/roleManagement/directory/roleDefinitions/${USER_ADMIN}?$select=id,displayName`, { token });
      expect(one.body).toEqual({
        '@odata.context': `${t.url}/beta/$metadata#roleManagement/directory/roleDefinitions(id,displayName)/$entity`,
        id: USER_ADMIN,
        displayName: 'User Administrator',
      });
      const count = await fetch(`${t.url}/v1.0/roleManagement/directory/roleDefinitions/$count?$filter=startswith(displayName,'Security')`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(Number(await count.text())).toBeGreaterThanOrEqual(3);
      expectGraphError(await call(t, 'GET', `/v1.0/roleManagement/directory/roleDefinitions/${randomUUID()}`, { token }), 404, 'Request_ResourceNotFound');
      expectGraphError(await call(t, 'POST', '/v1.0/roleManagement/directory/roleDefinitions', { token, body: {} }), 405, 'Request_BadRequest');
    });
  });

  describe('roleAssignments', () => {
    async function tenant() {
      const tenantId = randomUUID();
      const token = application(t, WRITE, { tenantId });
      const n = randomUUID().slice(0, 8);
      const user = await call(t, 'POST', '/v1.0/users', {
        token,
        body: {
          accountEnabled: true,
          displayName: 'Megan',
          mailNickname: `m${n}`,
          userPrincipalName: `m${n}@contoso.test`,
          passwordProfile: { password: 'Str0ng!Passw0rd' },
        },
      });
      return { tenantId, token, userId: user.body.id as string };
    }

    it('assigns a role to a user (201), lists, filters, gets and deletes it', async () => {
      const { tenantId, token, userId } = await tenant();
      const res = await call(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', {
        token,
        body: { '@odata.type': '#microsoft.graph.unifiedRoleAssignment', principalId: userId, roleDefinitionId: USER_ADMIN, directoryScopeId: '/' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        '@odata.context': `${t.url}/v1.0/$metadata#roleManagement/directory/roleAssignments/$entity`,
        id: expect.any(String),
        principalId: userId,
        principalOrganizationId: tenantId,
        directoryScopeId: '/',
        roleDefinitionId: USER_ADMIN,
        appScopeId: null,
        condition: null,
      });
      expect(res.headers.get('location')).toBe(`${t.url}/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`);
      const mine = await call(t, 'GET', `/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${userId}'`, { token });
      expect(mine.body.value.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
      const beta = await call(t, 'GET', `/beta/roleManagement/directory/roleAssignments/${res.body.id}`, { token });
      expect(beta.body).toMatchObject({ resourceScope: '/', directoryScopeId: '/' });
      expectGraphError(
        await call(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', {
          token,
          body: { principalId: userId, roleDefinitionId: USER_ADMIN, directoryScopeId: '/' },
        }),
        400,
        'Request_BadRequest',
        /conflicting object/,
      );
      expect((await call(t, 'DELETE', `/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`, { token })).status).toBe(204);
      expectGraphError(await call(t, 'GET', `/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`, { token }), 404, 'Request_ResourceNotFound');
    });

    it('assigns a role to a service principal; deleting the principal removes it', async () => {
      const { token } = await tenant();
      const app = (await call(t, 'POST', '/v1.0/applications', { token, body: { displayName: 'Automation' } })).body;
      const sp = (await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: app.appId } })).body;
      const res = await call(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', {
        token,
        body: { principalId: sp.id, roleDefinitionId: GLOBAL_ADMIN, directoryScopeId: '/' },
      });
      expect(res.status).toBe(201);
      expect((await call(t, 'DELETE', `/v1.0/servicePrincipals/${sp.id}`, { token })).status).toBe(204);
      expectGraphError(await call(t, 'GET', `/v1.0/roleManagement/directory/roleAssignments/${res.body.id}`, { token }), 404, 'Request_ResourceNotFound');
    });

    it('refuses unknown roles and principals, other scopes, PATCH; needs Privileged Role Administrator when delegated', async () => {
      const { tenantId, token, userId } = await tenant();
      const post = (body: Record<string, unknown>, as = token) => call(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', { token: as, body });
      expectGraphError(await post({ principalId: userId, roleDefinitionId: randomUUID(), directoryScopeId: '/' }), 404, 'Request_ResourceNotFound');
      expectGraphError(await post({ principalId: randomUUID(), roleDefinitionId: USER_ADMIN, directoryScopeId: '/' }), 404, 'Request_ResourceNotFound');
      expectGraphError(
        await post({ principalId: userId, roleDefinitionId: USER_ADMIN, directoryScopeId: '/administrativeUnits/x' }),
        400,
        'Request_BadRequest',
        /directoryScopeId/,
      );
      expectGraphError(await post({ principalId: userId, roleDefinitionId: USER_ADMIN }), 400, 'Request_BadRequest', /directoryScopeId/);
      const body = { principalId: userId, roleDefinitionId: USER_ADMIN, directoryScopeId: '/' };
      expectGraphError(
        await post(body, delegated(t, ['RoleManagement.ReadWrite.Directory'], ['User Administrator'], { tenantId })),
        403,
        'Authorization_RequestDenied',
      );
      expectGraphError(await post(body, application(t, ['Directory.ReadWrite.All'], { tenantId })), 403, 'Authorization_RequestDenied');
      const created = await post(body, delegated(t, ['RoleManagement.ReadWrite.Directory'], ['Privileged Role Administrator'], { tenantId }));
      expect(created.status).toBe(201);
      expectGraphError(
        await call(t, 'PATCH', `/v1.0/roleManagement/directory/roleAssignments/${created.body.id}`, { token, body: {} }),
        405,
        'Request_BadRequest',
      );
      expectGraphError(
        await call(t, 'GET', `/v1.0/roleManagement/directory/roleAssignments/${created.body.id}`, { token: application(t, WRITE, { tenantId: randomUUID() }) }),
        404,
        'Request_ResourceNotFound',
      );
    });
  });
});
