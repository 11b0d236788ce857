import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call, type JsonResponse } from './support/http.js';
import { application, delegated, TENANT_A, TENANT_B } from './support/tokens.js';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const WRITE = ['Application.ReadWrite.All'];

function expectGraphError(res: JsonResponse, status: number, code: string, message?: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (message) expect(res.body.error.message).toMatch(message);
}

describe('/servicePrincipals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const writer = (tenantId = randomUUID()) => application(t, WRITE, { tenantId });
  async function app(token: string, body: Record<string, unknown> = {}) {
    const res = await call(t, 'POST', '/v1.0/applications', { token, body: { displayName: 'Contoso API', ...body } });
    expect(res.status).toBe(201);
    return res.body as { id: string; appId: string };
  }

  describe("Microsoft Graph's own principal", () => {
    it('is in every tenant, with its real app-role and delegated-scope ids', async () => {
      const token = writer();
      const res = await call(t, 'GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, { token });
      expect(res.status).toBe(200);
      expect(res.body.value).toHaveLength(1);
      const graph = res.body.value[0];
      expect(graph).toMatchObject({ appId: GRAPH_APP_ID, displayName: 'Microsoft Graph', servicePrincipalType: 'Application', accountEnabled: true });
      const role = (name: string) => graph.appRoles.find((r: { value: string }) => r.value === name);
      const scope = (name: string) => graph.oauth2PermissionScopes.find((s: { value: string }) => s.value === name);
      expect(role('User.Read.All')).toMatchObject({ id: 'df021288-bdef-4463-88db-98f22de89214', allowedMemberTypes: ['Application'], isEnabled: true });
      expect(role('Application.ReadWrite.All').id).toBe('1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9');
      expect(scope('User.Read').id).toBe('e1fe6dd8-ba31-4d61-89e7-88639da4683d');
      expect(scope('openid').id).toBe('37f7f235-527c-4136-accd-4a02d197296e');
      expect(graph.appRoles.length).toBeGreaterThan(250);

      const again = await call(t, 'GET', `/v1.0/servicePrincipals/${graph.id}`, { token });
      expect(again.body.id).toBe(graph.id);
      const beta = await call(t, 'GET', `/beta/servicePrincipals/${graph.id}`, { token });
      expect(beta.body.publishedPermissionScopes.length).toBe(graph.oauth2PermissionScopes.length);
      expect(beta.body).not.toHaveProperty('oauth2PermissionScopes');
    });

    it('has a stable id per tenant and cannot be deleted', async () => {
      const tid = randomUUID();
      const token = writer(tid);
      const first = (await call(t, 'GET', '/v1.0/servicePrincipals', { token })).body.value;
      const second = (await call(t, 'GET', '/v1.0/servicePrincipals', { token })).body.value;
      expect(first.map((s: { id: string }) => s.id)).toEqual(second.map((s: { id: string }) => s.id));
      expectGraphError(await call(t, 'DELETE', `/v1.0/servicePrincipals/${first[0].id}`, { token }), 400, 'Request_BadRequest');
      const other = (await call(t, 'GET', '/v1.0/servicePrincipals', { token: writer() })).body.value;
      expect(other[0].id).not.toBe(first[0].id);
    });
  });

  describe("principals of the tenant's applications", () => {
    it("creates one per app (201), showing the app's roles and redirect URIs; a second is 400", async () => {
      const token = writer();
      const roleId = randomUUID();
      const registration = await app(token, {
        web: { redirectUris: ['https://contoso.example/cb'] },
        appRoles: [{ id: roleId, allowedMemberTypes: ['Application'], value: 'Tasks.Read', displayName: 'Read tasks', isEnabled: true }],
        identifierUris: ['api://contoso'],
      });
      const res = await call(t, 'POST', '/v1.0/servicePrincipals', {
        token,
        body: { appId: registration.appId, tags: ['WindowsAzureActiveDirectoryIntegratedApp'] },
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`${t.url}/v1.0/servicePrincipals/${res.body.id}`);
      expect(res.body).toMatchObject({
        appId: registration.appId,
        displayName: 'Contoso API',
        appDisplayName: 'Contoso API',
        replyUrls: ['https://contoso.example/cb'],
        servicePrincipalNames: [registration.appId, 'api://contoso'],
        tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
        appRoles: [expect.objectContaining({ id: roleId, value: 'Tasks.Read', origin: 'Application' })],
      });
      expectGraphError(
        await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: registration.appId } }),
        400,
        'Request_BadRequest',
        /already exists/,
      );
      expectGraphError(
        await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: randomUUID() } }),
        400,
        'Request_BadRequest',
        /does not reference a valid application/,
      );
    });

    it('PATCH is 204; renaming the app renames its principal; deleting the app deletes it', async () => {
      const token = writer();
      const registration = await app(token);
      const sp = (await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: registration.appId } })).body;
      expect((await call(t, 'PATCH', `/v1.0/servicePrincipals/${sp.id}`, { token, body: { appRoleAssignmentRequired: true, notes: 'n' } })).status).toBe(204);
      expect((await call(t, 'PATCH', `/v1.0/applications/${registration.id}`, { token, body: { displayName: 'Renamed' } })).status).toBe(204);
      const got = (await call(t, 'GET', `/v1.0/servicePrincipals/${sp.id}`, { token })).body;
      expect(got).toMatchObject({ appRoleAssignmentRequired: true, notes: 'n', displayName: 'Renamed', appDisplayName: 'Renamed' });
      expectGraphError(await call(t, 'PATCH', `/v1.0/servicePrincipals/${sp.id}`, { token, body: { appId: randomUUID() } }), 400, 'Request_BadRequest');
      expect((await call(t, 'DELETE', `/v1.0/applications/${registration.id}`, { token })).status).toBe(204);
      expectGraphError(await call(t, 'GET', `/v1.0/servicePrincipals/${sp.id}`, { token }), 404, 'Request_ResourceNotFound');
    });

    it('DELETE is 204; lists filter, select, count and page', async () => {
      const token = writer();
      for (const name of ['a1', 'a2', 'b1']) {
        const registration = await app(token, { displayName: name });
        expect((await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: registration.appId } })).status).toBe(201);
      }
      const page = await call(t, 'GET', "/v1.0/servicePrincipals?$filter=startswith(displayName,'a')&$select=id,displayName&$top=1&$count=true", { token });
      expect(page.body['@odata.count']).toBe(2);
      expect(page.body.value).toHaveLength(1);
      expect(Object.keys(page.body.value[0])).toEqual(['id', 'displayName']);
      const next = await call(t, 'GET', page.body['@odata.nextLink'].slice(t.url.length), { token });
      expect(next.body.value).toHaveLength(1);
      const count = await fetch(`${t.url}/v1.0/servicePrincipals/$count`, { headers: { authorization: `Bearer ${token}` } });
      expect(await count.text()).toBe('4');
      const b1 = (await call(t, 'GET', "/v1.0/servicePrincipals?$filter=displayName eq 'b1'", { token })).body.value[0];
      expect((await call(t, 'DELETE', `/v1.0/servicePrincipals/${b1.id}`, { token })).status).toBe(204);
      expectGraphError(await call(t, 'GET', `/v1.0/servicePrincipals/${b1.id}`, { token }), 404, 'Request_ResourceNotFound');
    });
  });

  describe('permissions and isolation', () => {
    it('another tenant sees nothing; readers cannot write; delegated writers need a role', async () => {
      const token = writer(TENANT_A);
      const registration = await app(token);
      const sp = (await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: registration.appId } })).body;
      expectGraphError(await call(t, 'GET', `/v1.0/servicePrincipals/${sp.id}`, { token: writer(TENANT_B) }), 404, 'Request_ResourceNotFound');
      const reader = application(t, ['Application.Read.All'], { tenantId: TENANT_A });
      expect((await call(t, 'GET', `/v1.0/servicePrincipals/${sp.id}`, { token: reader })).status).toBe(200);
      expectGraphError(await call(t, 'PATCH', `/v1.0/servicePrincipals/${sp.id}`, { token: reader, body: { notes: 'x' } }), 403, 'Authorization_RequestDenied');
      expectGraphError(
        await call(t, 'PATCH', `/v1.0/servicePrincipals/${sp.id}`, { token: delegated(t, WRITE, [], { tenantId: TENANT_A }), body: { notes: 'x' } }),
        403,
        'Authorization_RequestDenied',
      );
      expect(
        (
          await call(t, 'PATCH', `/v1.0/servicePrincipals/${sp.id}`, {
            token: delegated(t, WRITE, ['Application Administrator'], { tenantId: TENANT_A }),
            body: { notes: 'x' },
          })
        ).status,
      ).toBe(204);
    });
  });
});
