import { createSign, randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { generate } from 'selfsigned';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { describePermissionMatrix, type Attempt, type RouteCase } from './support/permission-matrix.js';
import { application } from './support/tokens.js';

jest.setTimeout(120_000);

/*
 * Who may call each route of the directory sign-in reads (issue #14), written out again from Graph's permission
 * tables (microsoft-graph-docs-contrib `*-permissions.md`), not imported from src/. Each route is tried with a
 * different sufficient permission and role, so every one of them is used.
 */
const APP_READ = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const APP_READ_AS_APP = ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All'];
const APP_CREATE = ['AppRegistration.Create', 'Application.ReadWrite.All'];
const APP_CREATE_AS_APP = ['AppRegistration.Create', 'Application.ReadWrite.All'];
const APP_CREATE_ROLES = ['Application Developer', 'Cloud Application Administrator', 'Application Administrator', 'Global Administrator'];
const APP_WRITE = ['Application.ReadWrite.All'];
const APP_WRITE_ROLES = ['Cloud Application Administrator', 'Application Administrator', 'Global Administrator'];
const SP_WRITE = ['Application.ReadWrite.All', 'Directory.ReadWrite.All'];
const GRANT_PAIRS = [
  ['AppRoleAssignment.ReadWrite.All', 'Application.Read.All'],
  ['AppRoleAssignment.ReadWrite.All', 'Directory.Read.All'],
];
const GRANT_ROLES = ['Cloud Application Administrator', 'Application Administrator', 'Privileged Role Administrator', 'Global Administrator'];
const CONSENT_READ = ['DelegatedPermissionGrant.Read.All', 'Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];
const CONSENT_WRITE = ['DelegatedPermissionGrant.ReadWrite.All'];
const ROLES_READ = [
  'RoleManagement.Read.Directory',
  'Directory.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'Directory.ReadWrite.All',
  'RoleManagement.Read.All',
];
const ROLES_WRITE = ['RoleManagement.ReadWrite.Directory'];
const ROLES_WRITE_ROLES = ['Privileged Role Administrator', 'Global Administrator'];

let t: TestApp;
let n = 0;
const pick = <T>(list: readonly T[]) => list[n++ % list.length];

type Kind = 'appRead' | 'appCreate' | 'appWrite' | 'spRead' | 'spWrite' | 'grantRead' | 'grant' | 'consentRead' | 'consentWrite' | 'rolesRead' | 'rolesWrite';
function access(kind: Kind): Pick<RouteCase, 'delegated' | 'application'> {
  const read = (scopes: readonly string[], asApp: readonly string[], insufficient: string) => ({
    delegated: { scopes: [pick(scopes)], roles: [], insufficientScope: insufficient },
    application: { roles: [pick(asApp)], insufficientRole: insufficient },
  });
  const write = (
    scopes: readonly (string | readonly string[])[],
    asApp: readonly (string | readonly string[])[],
    roles: readonly string[],
    insufficient: string,
  ) => ({
    delegated: { scopes: [pick(scopes)].flat(), roles: [pick(roles)], insufficientScope: insufficient },
    application: { roles: [pick(asApp)].flat(), insufficientRole: insufficient },
  });
  switch (kind) {
    case 'appRead':
    case 'spRead':
    case 'grantRead':
      return read(APP_READ, APP_READ_AS_APP, 'User.Read.All');
    case 'appCreate':
      return write(APP_CREATE, APP_CREATE_AS_APP, APP_CREATE_ROLES, 'Application.Read.All');
    case 'appWrite':
      return write(APP_WRITE, APP_WRITE, APP_WRITE_ROLES, 'Directory.ReadWrite.All');
    case 'spWrite':
      return write(SP_WRITE, SP_WRITE, APP_WRITE_ROLES, 'Application.Read.All');
    case 'grant':
      // Graph's own app roles: only Privileged Role Administrator may grant them, delegated.
      return write(GRANT_PAIRS, GRANT_PAIRS, ['Privileged Role Administrator', 'Global Administrator'], 'AppRoleAssignment.ReadWrite.All');
    case 'consentRead':
      return read(CONSENT_READ, CONSENT_READ, 'Application.Read.All');
    case 'consentWrite':
      return write(CONSENT_WRITE, CONSENT_WRITE, GRANT_ROLES, 'Directory.ReadWrite.All');
    case 'rolesRead':
      return read(ROLES_READ, ROLES_READ, 'Application.Read.All');
    case 'rolesWrite':
      return write(ROLES_WRITE, ROLES_WRITE, ROLES_WRITE_ROLES, 'Directory.ReadWrite.All');
  }
}

/** Tenant A's administrator, preparing the data a call needs. */
const ADMIN = [
  'Application.ReadWrite.All',
  'Application.Read.All',
  'AppRoleAssignment.ReadWrite.All',
  'DelegatedPermissionGrant.ReadWrite.All',
  'RoleManagement.ReadWrite.Directory',
  'User.ReadWrite.All',
];
const admin = () => application(t, ADMIN);
async function post(path: string, body: unknown): Promise<Record<string, any>> {
  const res = await call(t, 'POST', path, { token: admin(), body });
  if (res.status !== 201 && res.status !== 200) throw new Error(`setup failed: ${path} ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const app = () => post('/v1.0/applications', { displayName: 'Matrix app' });
const principal = async () => post('/v1.0/servicePrincipals', { appId: (await app()).appId });
let graphPrincipalId = '';
const graphPrincipal = async () =>
  (graphPrincipalId ||= (await call(t, 'GET', "/v1.0/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'", { token: admin() })).body
    .value[0].id);
const USER_READ_ALL = 'df021288-bdef-4463-88db-98f22de89214';
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const assignment = async () => {
  const sp = await principal();
  const a = await post(`/v1.0/servicePrincipals/${sp.id}/appRoleAssignments`, {
    principalId: sp.id,
    resourceId: await graphPrincipal(),
    appRoleId: USER_READ_ALL,
  });
  return { sp: sp.id as string, id: a.id as string };
};
const grant = async () =>
  post('/v1.0/oauth2PermissionGrants', {
    clientId: (await principal()).id,
    consentType: 'AllPrincipals',
    resourceId: await graphPrincipal(),
    scope: 'User.Read',
  });
const roleAssignment = async () =>
  post('/v1.0/roleManagement/directory/roleAssignments', { principalId: (await principal()).id, roleDefinitionId: USER_ADMINISTRATOR, directoryScopeId: '/' });

/** One certificate for every addKey attempt: the app's first key and the proof's signer. */
let cert: { der: string; key: string };
function proof(applicationId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: '00000002-0000-0000-c000-000000000000', iss: applicationId, nbf: now - 5, exp: now + 595 })}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(cert.key).toString('base64url')}`;
}
const keyCredential = () => ({ type: 'AsymmetricX509Cert', usage: 'Verify', key: cert.der });
async function appWithKey(): Promise<string> {
  const { id } = await app();
  const res = await call(t, 'PATCH', `/v1.0/applications/${id}`, { token: admin(), body: { keyCredentials: [keyCredential()] } });
  if (res.status !== 204) throw new Error(`setup failed: keyCredentials ${res.status}`);
  return id;
}

const route = (name: string, method: RouteCase['method'], kind: Kind, prepare: () => Promise<Attempt>, success: number, otherTenant: number): RouteCase => ({
  name,
  method,
  prepare,
  success,
  otherTenant,
  ...access(kind),
});

const A = '/v1.0/applications';
const S = '/beta/servicePrincipals';
const G = '/v1.0/oauth2PermissionGrants';
const R = '/v1.0/roleManagement/directory';

const CASES: RouteCase[] = [
  route('/applications', 'GET', 'appRead', async () => ({ path: A }), 200, 200),
  route('/applications/$count', 'GET', 'appRead', async () => ({ path: `${A}/$count` }), 200, 200),
  route('/applications/{id}', 'GET', 'appRead', async () => ({ path: `${A}/${(await app()).id}` }), 200, 404),
  route('/applications', 'POST', 'appCreate', async () => ({ path: A, body: { displayName: 'Created' } }), 201, 201),
  route('/applications/{id}', 'PATCH', 'appWrite', async () => ({ path: `${A}/${(await app()).id}`, body: { notes: 'changed' } }), 204, 404),
  route('/applications/{id}', 'DELETE', 'appWrite', async () => ({ path: `${A}/${(await app()).id}` }), 204, 404),
  route('/applications/{id}/addPassword', 'POST', 'appWrite', async () => ({ path: `${A}/${(await app()).id}/addPassword`, body: {} }), 200, 404),
  route(
    '/applications/{id}/removePassword',
    'POST',
    'appWrite',
    async () => {
      const { id } = await app();
      const { keyId } = await post(`${A}/${id}/addPassword`, {});
      return { path: `${A}/${id}/removePassword`, body: { keyId } };
    },
    204,
    404,
  ),
  route(
    '/applications/{id}/addKey',
    'POST',
    'appWrite',
    async () => {
      const id = await appWithKey();
      return { path: `${A}/${id}/addKey`, body: { keyCredential: keyCredential(), passwordCredential: null, proof: proof(id) } };
    },
    200,
    404,
  ),
  route(
    '/applications/{id}/removeKey',
    'POST',
    'appWrite',
    async () => {
      const id = await appWithKey();
      const [key] = (await call(t, 'GET', `${A}/${id}`, { token: admin() })).body.keyCredentials;
      return { path: `${A}/${id}/removeKey`, body: { keyId: key.keyId, proof: proof(id) } };
    },
    204,
    404,
  ),

  route('/servicePrincipals', 'GET', 'spRead', async () => ({ path: S }), 200, 200),
  route('/servicePrincipals/$count', 'GET', 'spRead', async () => ({ path: `${S}/$count` }), 200, 200),
  route('/servicePrincipals/{id}', 'GET', 'spRead', async () => ({ path: `${S}/${(await principal()).id}` }), 200, 404),
  route('/servicePrincipals', 'POST', 'spWrite', async () => ({ path: S, body: { appId: (await app()).appId } }), 201, 400),
  route('/servicePrincipals/{id}', 'PATCH', 'spWrite', async () => ({ path: `${S}/${(await principal()).id}`, body: { notes: 'changed' } }), 204, 404),
  route('/servicePrincipals/{id}', 'DELETE', 'spWrite', async () => ({ path: `${S}/${(await principal()).id}` }), 204, 404),

  route(
    '/servicePrincipals/{id}/appRoleAssignments',
    'GET',
    'grantRead',
    async () => ({ path: `${S}/${(await assignment()).sp}/appRoleAssignments` }),
    200,
    404,
  ),
  route(
    '/servicePrincipals/{id}/appRoleAssignments/$count',
    'GET',
    'grantRead',
    async () => ({ path: `${S}/${(await assignment()).sp}/appRoleAssignments/$count` }),
    200,
    404,
  ),
  route(
    '/servicePrincipals/{id}/appRoleAssignments/{id}',
    'GET',
    'grantRead',
    async () => {
      const a = await assignment();
      return { path: `${S}/${a.sp}/appRoleAssignments/${a.id}` };
    },
    200,
    404,
  ),
  route(
    '/servicePrincipals/{id}/appRoleAssignments',
    'POST',
    'grant',
    async () => {
      const sp = (await principal()).id;
      return { path: `${S}/${sp}/appRoleAssignments`, body: { principalId: sp, resourceId: await graphPrincipal(), appRoleId: USER_READ_ALL } };
    },
    201,
    404,
  ),
  route(
    '/servicePrincipals/{id}/appRoleAssignments/{id}',
    'DELETE',
    'grant',
    async () => {
      const a = await assignment();
      return { path: `${S}/${a.sp}/appRoleAssignments/${a.id}` };
    },
    204,
    404,
  ),
  route('/servicePrincipals/{id}/appRoleAssignedTo', 'GET', 'grantRead', async () => ({ path: `${S}/${await graphPrincipal()}/appRoleAssignedTo` }), 200, 404),
  route(
    '/servicePrincipals/{id}/appRoleAssignedTo/$count',
    'GET',
    'grantRead',
    async () => ({ path: `${S}/${await graphPrincipal()}/appRoleAssignedTo/$count` }),
    200,
    404,
  ),
  route(
    '/servicePrincipals/{id}/appRoleAssignedTo/{id}',
    'GET',
    'grantRead',
    async () => ({ path: `${S}/${await graphPrincipal()}/appRoleAssignedTo/${(await assignment()).id}` }),
    200,
    404,
  ),
  route(
    '/servicePrincipals/{id}/appRoleAssignedTo',
    'POST',
    'grant',
    async () => {
      const sp = (await principal()).id;
      const graph = await graphPrincipal();
      return { path: `${S}/${graph}/appRoleAssignedTo`, body: { principalId: sp, resourceId: graph, appRoleId: USER_READ_ALL } };
    },
    201,
    404,
  ),
  route(
    '/servicePrincipals/{id}/appRoleAssignedTo/{id}',
    'DELETE',
    'grant',
    async () => ({ path: `${S}/${await graphPrincipal()}/appRoleAssignedTo/${(await assignment()).id}` }),
    204,
    404,
  ),

  route('/oauth2PermissionGrants', 'GET', 'consentRead', async () => ({ path: G }), 200, 200),
  route('/oauth2PermissionGrants/$count', 'GET', 'consentRead', async () => ({ path: `${G}/$count` }), 200, 200),
  route('/oauth2PermissionGrants/{id}', 'GET', 'consentRead', async () => ({ path: `${G}/${(await grant()).id}` }), 200, 404),
  route(
    '/oauth2PermissionGrants',
    'POST',
    'consentWrite',
    async () => ({
      path: G,
      body: { clientId: (await principal()).id, consentType: 'AllPrincipals', resourceId: await graphPrincipal(), scope: 'openid' },
    }),
    201,
    404,
  ),
  route(
    '/oauth2PermissionGrants/{id}',
    'PATCH',
    'consentWrite',
    async () => ({ path: `${G}/${(await grant()).id}`, body: { scope: 'openid User.Read' } }),
    204,
    404,
  ),
  route('/oauth2PermissionGrants/{id}', 'DELETE', 'consentWrite', async () => ({ path: `${G}/${(await grant()).id}` }), 204, 404),

  route('/roleManagement/directory/roleDefinitions', 'GET', 'rolesRead', async () => ({ path: `${R}/roleDefinitions` }), 200, 200),
  route('/roleManagement/directory/roleDefinitions/$count', 'GET', 'rolesRead', async () => ({ path: `${R}/roleDefinitions/$count` }), 200, 200),
  route('/roleManagement/directory/roleDefinitions/{id}', 'GET', 'rolesRead', async () => ({ path: `${R}/roleDefinitions/${USER_ADMINISTRATOR}` }), 200, 200),
  route('/roleManagement/directory/roleAssignments', 'GET', 'rolesRead', async () => ({ path: `${R}/roleAssignments` }), 200, 200),
  route('/roleManagement/directory/roleAssignments/$count', 'GET', 'rolesRead', async () => ({ path: `${R}/roleAssignments/$count` }), 200, 200),
  route(
    '/roleManagement/directory/roleAssignments/{id}',
    'GET',
    'rolesRead',
    async () => ({ path: `${R}/roleAssignments/${(await roleAssignment()).id}` }),
    200,
    404,
  ),
  route(
    '/roleManagement/directory/roleAssignments',
    'POST',
    'rolesWrite',
    async () => ({
      path: `${R}/roleAssignments`,
      body: { principalId: (await principal()).id, roleDefinitionId: USER_ADMINISTRATOR, directoryScopeId: '/' },
    }),
    201,
    404,
  ),
  route(
    '/roleManagement/directory/roleAssignments/{id}',
    'DELETE',
    'rolesWrite',
    async () => ({ path: `${R}/roleAssignments/${(await roleAssignment()).id}` }),
    204,
    404,
  ),
];

describe('directory sign-in reads: permission matrix (issue #14)', () => {
  beforeAll(async () => {
    t = await startTestApp();
    const pems = await generate([{ name: 'commonName', value: 'matrix' }], { keySize: 2048, algorithm: 'sha256' });
    cert = { der: pems.cert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), key: pems.private };
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  it('a pair entry needs both permissions: AppRoleAssignment.ReadWrite.All alone cannot grant', async () => {
    const a = await assignment();
    const res = await call(t, 'POST', `${S}/${a.sp}/appRoleAssignments`, {
      token: application(t, ['AppRoleAssignment.ReadWrite.All']),
      body: { principalId: a.sp, resourceId: await graphPrincipal(), appRoleId: randomUUID() },
    });
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 403, code: 'Authorization_RequestDenied' });
  });

  describePermissionMatrix(() => t, CASES);
});
