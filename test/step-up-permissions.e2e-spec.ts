import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { describePermissionMatrix, type RouteCase } from './support/permission-matrix.js';
import { RESOURCE_ACTIONS } from './support/step-up.js';
import { application } from './support/tokens.js';

/**
 * Who may call the routes of issue #15, restated from Graph's pages (unifiedrbacresourceaction-get/-list,
 * user-revokesigninsessions) and docs/choices.md (the undocumented PATCH), independently of src/.
 */
let t: TestApp;

async function newUser(): Promise<string> {
  const n = randomUUID().slice(0, 8);
  const res = await call(t, 'POST', '/v1.0/users', {
    token: application(t, ['User.ReadWrite.All']),
    body: {
      accountEnabled: true,
      displayName: n,
      mailNickname: `s${n}`,
      userPrincipalName: `s${n}@contoso.test`,
      passwordProfile: { password: 'Str0ng!Passw0rd' },
    },
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status}`);
  return res.body.id;
}

const ACTION = `${RESOURCE_ACTIONS}/microsoft.directory-namedLocations-delete-delete`;
const ACTIONS_READ = {
  delegated: { scopes: ['RoleManagement.Read.Directory'], roles: ['Global Reader'], insufficientScope: 'Policy.Read.All' },
  application: { roles: ['RoleManagement.Read.Directory'], insufficientRole: 'Policy.ReadWrite.ConditionalAccess' },
} as const;
const REVOKE = ['User.RevokeSessions.All'];

const CASES: RouteCase[] = [
  { name: 'resourceActions', method: 'GET', prepare: async () => ({ path: RESOURCE_ACTIONS }), success: 200, ...ACTIONS_READ, otherTenant: 200 },
  { name: 'resourceActions/{id}', method: 'GET', prepare: async () => ({ path: ACTION }), success: 200, ...ACTIONS_READ, otherTenant: 200 },
  {
    name: 'resourceActions/{id}',
    method: 'PATCH',
    prepare: async () => ({ path: ACTION, body: { authenticationContextId: null } }),
    success: 204,
    delegated: { scopes: ['RoleManagement.ReadWrite.Directory'], roles: ['Privileged Role Administrator'], insufficientScope: 'RoleManagement.Read.All' },
    application: { roles: ['RoleManagement.ReadWrite.Directory'], insufficientRole: 'RoleManagement.Read.Directory' },
    otherTenant: 204,
  },
  {
    name: '/users/{id}/revokeSignInSessions',
    method: 'POST',
    prepare: async () => ({ path: `/v1.0/users/${await newUser()}/revokeSignInSessions` }),
    success: 200,
    delegated: { scopes: REVOKE, roles: ['Helpdesk Administrator'], insufficientScope: 'User.Read.All' },
    application: { roles: REVOKE, insufficientRole: 'User.Read.All' },
    otherTenant: 404,
  },
  {
    name: '/me/revokeSignInSessions',
    method: 'POST',
    prepare: async () => ({ path: '/beta/me/revokeSignInSessions' }),
    success: 200,
    delegated: { scopes: REVOKE, roles: [], insufficientScope: 'User.Read' },
    application: { me: REVOKE },
    otherTenant: 200,
  },
];

describe('permission matrix (protected actions, revoked sessions)', () => {
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  describePermissionMatrix(() => t, CASES);
});
