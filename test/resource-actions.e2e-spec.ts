import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, expectGraphError } from './support/conditional-access.js';
import { call } from './support/http.js';
import { application, delegated } from './support/tokens.js';

const ACTIONS = '/beta/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions';
const ACCR = `/v1.0${CA}/authenticationContextClassReferences`;
const POLICY_DELETE = 'microsoft.directory-conditionalAccessPolicies-delete-delete';
const SETTABLE = [
  'microsoft.directory-conditionalAccessPolicies-basic-update-patch',
  'microsoft.directory-conditionalAccessPolicies-create-post',
  'microsoft.directory-conditionalAccessPolicies-delete-delete',
  'microsoft.directory-deletedItems-delete-delete',
  'microsoft.directory-namedLocations-basic-update-patch',
  'microsoft.directory-namedLocations-create-post',
  'microsoft.directory-namedLocations-delete-delete',
];

describe('protected actions: beta resourceActions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** An application allowed to manage contexts and bindings, in a tenant of its own. */
  const admin = () => application(t, ['Policy.ReadWrite.ConditionalAccess', 'RoleManagement.ReadWrite.Directory'], { tenantId: randomUUID() });
  const publish = async (token: string, id: string, isAvailable = true) =>
    expect((await call(t, 'PATCH', `${ACCR}/${id}`, { token, body: { isAvailable } })).status).toBe(204);
  const bind = (token: string, action: string, authenticationContextId: string | null) =>
    call(t, 'PATCH', `${ACTIONS}/${action}`, { token, body: { authenticationContextId } });

  it('lists the catalogue in Graph shape; $filter and $select work on it', async () => {
    const token = admin();
    const all = await call(t, 'GET', ACTIONS, { token });
    expect(all.status).toBe(200);
    expect(all.body['@odata.context']).toBe(`${t.url}/beta/$metadata#roleManagement/directory/resourceNamespaces('microsoft.directory')/resourceActions`);
    const deleteAction = all.body.value.find((a: { id: string }) => a.id === POLICY_DELETE);
    expect(deleteAction).toEqual({
      id: POLICY_DELETE,
      name: 'microsoft.directory/conditionalAccessPolicies/delete',
      actionVerb: 'DELETE',
      description: 'Delete Conditional Access policies',
      resourceScopeId: null,
      isPrivileged: false,
      isAuthenticationContextSettable: true,
      authenticationContextId: null,
    });
    const settable = await call(t, 'GET', `${ACTIONS}?$filter=isAuthenticationContextSettable eq true&$select=id,authenticationContextId`, { token });
    expect(settable.status).toBe(200);
    expect(settable.body.value.map((a: { id: string }) => a.id)).toEqual(SETTABLE);
    expect(Object.keys(settable.body.value[0])).toEqual(['id', 'authenticationContextId']);
    expect((await call(t, 'GET', `${ACTIONS}?$filter=nope eq 1`, { token })).status).toBe(400);
  });

  it('is beta only; get answers one action ($select) and 404 for an unknown id', async () => {
    const token = admin();
    expect((await call(t, 'GET', ACTIONS.replace('/beta/', '/v1.0/'), { token })).status).toBe(404);
    const one = await call(t, 'GET', `${ACTIONS}/${POLICY_DELETE}?$select=authenticationContextId,isAuthenticationContextSettable`, { token });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      '@odata.context': `${t.url}/beta/$metadata#roleManagement/directory/resourceNamespaces('microsoft.directory')/resourceActions(authenticationContextId,isAuthenticationContextSettable)/$entity`,
      id: POLICY_DELETE,
      authenticationContextId: null,
      isAuthenticationContextSettable: true,
    });
    expectGraphError(await call(t, 'GET', `${ACTIONS}/microsoft.directory-nothing-here-get`, { token }), 404, 'Request_ResourceNotFound');
  });

  it('binds only a published context of the tenant, on a settable action; null clears', async () => {
    const token = admin();
    expectGraphError(await bind(token, POLICY_DELETE, 'c1'), 400, 'BadRequest', /does not exist/);
    await publish(token, 'c1', false);
    expectGraphError(await bind(token, POLICY_DELETE, 'c1'), 400, 'BadRequest', /not published/);
    await publish(token, 'c1');
    expect((await bind(token, POLICY_DELETE, 'c1')).status).toBe(204);
    expect((await call(t, 'GET', `${ACTIONS}/${POLICY_DELETE.toUpperCase()}`, { token })).body.authenticationContextId).toBe('c1');
    expectGraphError(await bind(token, 'microsoft.directory-conditionalAccessPolicies-standard-read-get', 'c1'), 400, 'BadRequest', /cannot be set/);
    expectGraphError(await bind(token, POLICY_DELETE, 'c26'), 400, 'Request_BadRequest');
    expectGraphError(await call(t, 'PATCH', `${ACTIONS}/${POLICY_DELETE}`, { token, body: { name: 'x' } }), 400, 'Request_BadRequest');
    // Another tenant sees nothing of it.
    expect((await call(t, 'GET', `${ACTIONS}/${POLICY_DELETE}`, { token: admin() })).body.authenticationContextId).toBeNull();
    expect((await bind(token, POLICY_DELETE, null)).status).toBe(204);
    expect((await call(t, 'GET', `${ACTIONS}/${POLICY_DELETE}`, { token })).body.authenticationContextId).toBeNull();
  });

  it('a bound context can be neither unpublished nor deleted (400); once unbound it can', async () => {
    const token = admin();
    await publish(token, 'c2');
    expect((await bind(token, POLICY_DELETE, 'c2')).status).toBe(204);
    expect((await bind(token, SETTABLE[5], 'c2')).status).toBe(204);
    const unpublish = await call(t, 'PATCH', `${ACCR}/c2`, { token, body: { isAvailable: false } });
    expectGraphError(
      unpublish,
      400,
      'BadRequest',
      /^1931: .*'c2' protects resource actions and cannot be unpublished: .*conditionalAccessPolicies-delete-delete/,
    );
    const viaCollection = await call(t, 'PATCH', ACCR, { token, body: { id: 'c2', isAvailable: false } });
    expectGraphError(viaCollection, 400, 'BadRequest', /cannot be unpublished/);
    expectGraphError(await call(t, 'DELETE', `${ACCR}/c2`, { token }), 400, 'BadRequest', /cannot be deleted/);
    expect((await call(t, 'GET', `${ACCR}/c2`, { token })).body.isAvailable).toBe(true);
    // Other changes to a bound context are fine.
    expect((await call(t, 'PATCH', `${ACCR}/c2`, { token, body: { displayName: 'Step-up' } })).status).toBe(204);

    await bind(token, POLICY_DELETE, null);
    await bind(token, SETTABLE[5], null);
    await publish(token, 'c2', false);
    expect((await call(t, 'DELETE', `${ACCR}/c2`, { token })).status).toBe(204);
  });

  it('a bind racing an unpublish of its context: one of them wins, never a bound unpublished context', async () => {
    // (A published context cannot be deleted at all, 403: a delete can only follow an unpublish.)
    const token = admin();
    for (let round = 0; round < 8; round++) {
      const context = `c${round + 1}`;
      const action = SETTABLE[round % SETTABLE.length];
      await publish(token, context);
      const [bound, unpublished] = await Promise.all([
        bind(token, action, context),
        call(t, 'PATCH', `${ACCR}/${context}`, { token, body: { isAvailable: false } }),
      ]);
      expect([bound.status, unpublished.status].sort()).toEqual([204, 400]);
      const state = {
        binding: (await call(t, 'GET', `${ACTIONS}/${action}`, { token })).body.authenticationContextId,
        isAvailable: (await call(t, 'GET', `${ACCR}/${context}`, { token })).body.isAvailable,
      };
      expect(state).toEqual(bound.status === 204 ? { binding: context, isAvailable: true } : { binding: null, isAvailable: false });
      if (bound.status === 204) expect((await bind(token, action, null)).status).toBe(204);
    }
  });

  it('permissions: reads need a RoleManagement read permission, the binding RoleManagement.ReadWrite.Directory and a role', async () => {
    const tenantId = randomUUID();
    expectGraphError(
      await call(t, 'GET', ACTIONS, { token: application(t, ['Policy.ReadWrite.ConditionalAccess'], { tenantId }) }),
      403,
      'Authorization_RequestDenied',
    );
    expect((await call(t, 'GET', ACTIONS, { token: application(t, ['RoleManagement.Read.Directory'], { tenantId }) })).status).toBe(200);
    expectGraphError(await bind(application(t, ['RoleManagement.Read.All'], { tenantId }), POLICY_DELETE, null), 403, 'Authorization_RequestDenied');
    const reader = delegated(t, ['RoleManagement.ReadWrite.Directory'], ['Global Reader'], { tenantId });
    expect((await call(t, 'GET', ACTIONS, { token: reader })).status).toBe(200);
    expectGraphError(await bind(reader, POLICY_DELETE, null), 403, 'Authorization_RequestDenied');
    const pra = delegated(t, ['RoleManagement.ReadWrite.Directory'], ['Privileged Role Administrator'], { tenantId });
    expect((await bind(pra, POLICY_DELETE, null)).status).toBe(204);
  });
});
