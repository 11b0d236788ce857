import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { CONFIGURATIONS, METHODS_POLICY, policyAdmin, TAP_TYPE } from './support/methods-policy.js';
import { describePermissionMatrix, type RouteCase } from './support/permission-matrix.js';
import { delegated } from './support/tokens.js';

jest.setTimeout(120_000);

/*
 * Who may call the authentication methods policy, written out again from DECISIONS §8 and
 * graph-spec-ca-root §6.5 (not imported from src/): reads take Policy.Read.AuthenticationMethod,
 * Policy.ReadWrite.AuthenticationMethod or Policy.Read.All (Global Reader or Authentication Policy
 * Administrator); writes take Policy.ReadWrite.AuthenticationMethod (Authentication Policy Administrator).
 * 403 is Authorization_RequestDenied. Each route is tried with another sufficient permission and role.
 */
const READ_SCOPES = ['Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'];
const WRITE_SCOPES = ['Policy.ReadWrite.AuthenticationMethod'];
const READ_ROLES = ['Global Reader', 'Authentication Policy Administrator', 'Global Administrator'];
const WRITE_ROLES = ['Authentication Policy Administrator', 'Global Administrator'];

let t: TestApp;
let n = 0;
const pick = <T>(list: readonly T[]) => list[n++ % list.length];

function access(kind: 'read' | 'write'): Pick<RouteCase, 'delegated' | 'application'> {
  const scopes = kind === 'read' ? READ_SCOPES : WRITE_SCOPES;
  const roles = kind === 'read' ? READ_ROLES : WRITE_ROLES;
  // Near misses: the Conditional Access permission for a read, a read permission for a write.
  const insufficient = kind === 'read' ? 'Policy.Read.ConditionalAccess' : pick(['Policy.Read.AuthenticationMethod', 'Policy.Read.All']);
  return {
    delegated: { scopes: [pick(scopes)], roles: [pick(roles)], insufficientScope: insufficient },
    application: { roles: [pick(scopes)], insufficientRole: insufficient },
  };
}

const route = (
  name: string,
  method: RouteCase['method'],
  kind: 'read' | 'write',
  prepare: RouteCase['prepare'],
  success: number,
  otherTenant: number,
): RouteCase => ({
  name,
  method,
  prepare,
  success,
  otherTenant,
  ...access(kind),
});

const EXTERNAL = () => ({
  '@odata.type': '#microsoft.graph.externalAuthenticationMethodConfiguration',
  displayName: 'Adatum MFA',
  appId: '6ce1a1c8-0e4d-4ab0-a5a9-5a4c2b8c2a7e',
  openIdConnectSetting: { clientId: 'adatum', discoveryUrl: 'https://adatum.example/.well-known/openid-configuration' },
});
async function external(): Promise<string> {
  const res = await call(t, 'POST', `/v1.0${CONFIGURATIONS}`, { token: policyAdmin(t), body: EXTERNAL() });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const CASES: RouteCase[] = [
  route('/policies/authenticationMethodsPolicy', 'GET', 'read', async () => ({ path: `/v1.0${METHODS_POLICY}` }), 200, 200),
  route(
    '/policies/authenticationMethodsPolicy',
    'PATCH',
    'write',
    async () => ({ path: `/beta${METHODS_POLICY}`, body: { reconfirmationInDays: 30 } }),
    200,
    200,
  ),
  route('/policies/authenticationMethodsPolicy/authenticationMethodConfigurations', 'GET', 'read', async () => ({ path: `/v1.0${CONFIGURATIONS}` }), 200, 200),
  route(
    '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$count',
    'GET',
    'read',
    async () => ({ path: `/beta${CONFIGURATIONS}/$count` }),
    200,
    200,
  ),
  route(
    '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations',
    'POST',
    'write',
    async () => ({ path: `/v1.0${CONFIGURATIONS}`, body: EXTERNAL() }),
    201,
    201,
  ),
  route('…/authenticationMethodConfigurations/{built-in}', 'GET', 'read', async () => ({ path: `/beta${CONFIGURATIONS}/Sms` }), 200, 200),
  route('…/authenticationMethodConfigurations/{external}', 'GET', 'read', async () => ({ path: `/v1.0${CONFIGURATIONS}/${await external()}` }), 200, 404),
  route(
    '…/authenticationMethodConfigurations/{built-in}',
    'PATCH',
    'write',
    async () => ({ path: `/v1.0${CONFIGURATIONS}/TemporaryAccessPass`, body: { '@odata.type': TAP_TYPE, defaultLength: 10 } }),
    204,
    204,
  ),
  route(
    '…/authenticationMethodConfigurations/{external}',
    'PATCH',
    'write',
    async () => ({ path: `/v1.0${CONFIGURATIONS}/${await external()}`, body: { '@odata.type': EXTERNAL()['@odata.type'], state: 'enabled' } }),
    204,
    404,
  ),
  route('…/authenticationMethodConfigurations/{built-in}', 'DELETE', 'write', async () => ({ path: `/v1.0${CONFIGURATIONS}/Voice` }), 204, 204),
  route('…/authenticationMethodConfigurations/{external}', 'DELETE', 'write', async () => ({ path: `/beta${CONFIGURATIONS}/${await external()}` }), 204, 404),
];

describe('authentication methods policy: permission matrix (DECISIONS §8)', () => {
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  describePermissionMatrix(() => t, CASES);

  describe('directory roles: a read role does not write, other roles do not read', () => {
    const WRITE_SCOPE = ['Policy.ReadWrite.AuthenticationMethod'];
    it.each([
      ['PATCH', METHODS_POLICY, { reconfirmationInDays: 7 }],
      ['PATCH', `${CONFIGURATIONS}/TemporaryAccessPass`, { '@odata.type': TAP_TYPE, state: 'enabled' }],
      ['DELETE', `${CONFIGURATIONS}/Sms`, undefined],
      ['POST', CONFIGURATIONS, EXTERNAL()],
    ])('a Global Reader holding the write scope: %s %s is 403 and writes nothing', async (method, path, body) => {
      const before = await call(t, 'GET', `/beta${METHODS_POLICY}`, { token: policyAdmin(t) });
      const res = await call(t, method, `/v1.0${path}`, { token: delegated(t, WRITE_SCOPE, ['Global Reader']), body });
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'Authorization_RequestDenied' });
      expect((await call(t, 'GET', `/beta${METHODS_POLICY}`, { token: policyAdmin(t) })).body).toEqual(before.body);
    });

    it.each(['Authentication Administrator', 'Conditional Access Administrator', 'Security Reader'])(
      'a delegated %s with the read scope is 403 on a read',
      async (role) => {
        const res = await call(t, 'GET', `/v1.0${METHODS_POLICY}`, { token: delegated(t, ['Policy.Read.AuthenticationMethod'], [role]) });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'Authorization_RequestDenied' });
      },
    );
  });
});
