import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call, type JsonResponse } from './support/http.js';
import { application, delegated } from './support/tokens.js';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const USER_READ_ALL = 'df021288-bdef-4463-88db-98f22de89214';
/** Graph's table: AppRoleAssignment.ReadWrite.All together with Application.Read.All (or Directory.Read.All). */
const GRANT = ['AppRoleAssignment.ReadWrite.All', 'Application.Read.All', 'Application.ReadWrite.All'];

function expectGraphError(res: JsonResponse, status: number, code: string, message?: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (message) expect(res.body.error.message).toMatch(message);
}

describe('app role assignments (application permissions)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** A tenant with a client app's principal and Microsoft Graph's. */
  async function tenant() {
    const tenantId = randomUUID();
    const token = application(t, GRANT, { tenantId });
    const app = (await call(t, 'POST', '/v1.0/applications', { token, body: { displayName: 'Daemon' } })).body;
    const client = (await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: app.appId } })).body;
    const graph = (await call(t, 'GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, { token })).body.value[0];
    return { tenantId, token, client, graph };
  }

  it("grants one of Graph's app roles (201) and lists it from both sides", async () => {
    const { token, client, graph } = await tenant();
    const body = { principalId: client.id, resourceId: graph.id, appRoleId: USER_READ_ALL };
    const res = await call(t, 'POST', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, { token, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      '@odata.context': `${t.url}/v1.0/$metadata#servicePrincipals('${client.id}')/appRoleAssignments/$entity`,
      principalId: client.id,
      principalType: 'ServicePrincipal',
      principalDisplayName: 'Daemon',
      resourceId: graph.id,
      resourceDisplayName: 'Microsoft Graph',
      appRoleId: USER_READ_ALL,
    });
    expect(res.headers.get('location')).toBe(`${t.url}/v1.0/servicePrincipals/${client.id}/appRoleAssignments/${res.body.id}`);

    const held = await call(t, 'GET', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, { token });
    expect(held.body.value.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    const grantedTo = await call(t, 'GET', `/beta/servicePrincipals/${graph.id}/appRoleAssignedTo?$filter=principalId eq ${client.id}`, { token });
    expect(grantedTo.body.value).toEqual([expect.objectContaining({ id: res.body.id, creationTimestamp: expect.any(String) })]);
    const one = await call(t, 'GET', `/v1.0/servicePrincipals/${graph.id}/appRoleAssignedTo/${res.body.id}`, { token });
    expect(one.body.id).toBe(res.body.id);
    const count = await fetch(`${t.url}/v1.0/servicePrincipals/${client.id}/appRoleAssignments/$count`, { headers: { authorization: `Bearer ${token}` } });
    expect(await count.text()).toBe('1');

    expectGraphError(
      await call(t, 'POST', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, { token, body }),
      400,
      'Request_BadRequest',
      /already exists/,
    );
    expect((await call(t, 'DELETE', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments/${res.body.id}`, { token })).status).toBe(204);
    expect((await call(t, 'GET', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, { token })).body.value).toEqual([]);
    expectGraphError(
      await call(t, 'DELETE', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments/${res.body.id}`, { token }),
      404,
      'Request_ResourceNotFound',
    );
  });

  it('refuses a role the resource does not define, and a body naming another principal', async () => {
    const { token, client, graph } = await tenant();
    expectGraphError(
      await call(t, 'POST', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, {
        token,
        body: { principalId: client.id, resourceId: graph.id, appRoleId: randomUUID() },
      }),
      400,
      'Request_BadRequest',
      /Permission being assigned was not found/,
    );
    expectGraphError(
      await call(t, 'POST', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, {
        token,
        body: { principalId: graph.id, resourceId: graph.id, appRoleId: USER_READ_ALL },
      }),
      400,
      'Request_BadRequest',
      /principalId/,
    );
    expectGraphError(
      await call(t, 'POST', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, {
        token,
        body: { principalId: client.id, resourceId: randomUUID(), appRoleId: USER_READ_ALL },
      }),
      404,
      'Request_ResourceNotFound',
    );
  });

  it("grants an app's own role through appRoleAssignedTo", async () => {
    const { token, client } = await tenant();
    const roleId = randomUUID();
    const api = (
      await call(t, 'POST', '/v1.0/applications', {
        token,
        body: { displayName: 'API', appRoles: [{ id: roleId, allowedMemberTypes: ['Application'], value: 'Jobs.Run' }] },
      })
    ).body;
    const apiSp = (await call(t, 'POST', '/v1.0/servicePrincipals', { token, body: { appId: api.appId } })).body;
    const res = await call(t, 'POST', `/v1.0/servicePrincipals/${apiSp.id}/appRoleAssignedTo`, {
      token,
      body: { principalId: client.id, resourceId: apiSp.id, appRoleId: roleId },
    });
    expect(res.status).toBe(201);
    expect(res.body['@odata.context']).toBe(`${t.url}/v1.0/$metadata#servicePrincipals('${apiSp.id}')/appRoleAssignedTo/$entity`);
    // Deleting the API's registration removes its principal and so the assignment.
    expect((await call(t, 'DELETE', `/v1.0/applications/${api.id}`, { token })).status).toBe(204);
    expect((await call(t, 'GET', `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`, { token })).body.value).toEqual([]);
  });

  it("needs AppRoleAssignment.ReadWrite.All with a read permission; Graph's roles need Privileged Role Administrator", async () => {
    const { tenantId, client, graph } = await tenant();
    const body = { principalId: client.id, resourceId: graph.id, appRoleId: USER_READ_ALL };
    const path = `/v1.0/servicePrincipals/${client.id}/appRoleAssignments`;
    expectGraphError(
      await call(t, 'POST', path, { token: application(t, ['AppRoleAssignment.ReadWrite.All'], { tenantId }), body }),
      403,
      'Authorization_RequestDenied',
    );
    expectGraphError(
      await call(t, 'POST', path, { token: application(t, ['Application.ReadWrite.All'], { tenantId }), body }),
      403,
      'Authorization_RequestDenied',
    );
    const scopes = ['AppRoleAssignment.ReadWrite.All', 'Directory.Read.All'];
    expectGraphError(
      await call(t, 'POST', path, { token: delegated(t, scopes, ['Cloud Application Administrator'], { tenantId }), body }),
      403,
      'Authorization_RequestDenied',
    );
    expect((await call(t, 'POST', path, { token: delegated(t, scopes, ['Privileged Role Administrator'], { tenantId }), body })).status).toBe(201);
    expectGraphError(
      await call(t, 'GET', path, { token: application(t, ['Application.Read.All'], { tenantId: randomUUID() }) }),
      404,
      'Request_ResourceNotFound',
    );
  });
});
