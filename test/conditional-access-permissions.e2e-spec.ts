import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, countryLocationBody, policyBody } from './support/conditional-access.js';
import { call } from './support/http.js';
import { describePermissionMatrix, type Attempt, type RouteCase } from './support/permission-matrix.js';
import { application } from './support/tokens.js';

jest.setTimeout(120_000);

/*
 * Who may call each route of the Conditional Access root, written out again from DECISIONS §7 and
 * graph-spec-ca-root §A.5 (not imported from src/): one sufficient permission, never a combination.
 * Each route is tried with a different sufficient permission and role, so every one of them is used.
 */
const CA_READ_SCOPES = ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'];
const CA_WRITE_SCOPES = ['Policy.ReadWrite.ConditionalAccess'];
const CA_READ_ROLES = [
  'Global Reader',
  'Security Reader',
  'Security Administrator',
  'Conditional Access Administrator',
  'Global Secure Access Administrator',
  'Global Administrator',
];
const CA_WRITE_ROLES = ['Security Administrator', 'Conditional Access Administrator', 'Global Administrator'];
const STRENGTH_READ_SCOPES = [...CA_READ_SCOPES, 'Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod'];
const STRENGTH_WRITE_SCOPES = ['Policy.ReadWrite.ConditionalAccess', 'Policy.ReadWrite.AuthenticationMethod'];
const STRENGTH_READ_ROLES = [...CA_READ_ROLES, 'Authentication Policy Administrator'];
const STRENGTH_WRITE_ROLES = [...CA_WRITE_ROLES, 'Authentication Policy Administrator'];

let t: TestApp;
let n = 0;
const pick = <T>(list: readonly T[]) => list[n++ % list.length];

type Kind = 'caRead' | 'caWrite' | 'strengthRead' | 'strengthWrite';
function access(kind: Kind): Pick<RouteCase, 'delegated' | 'application' | 'deniedCode'> {
  const scopes = { caRead: CA_READ_SCOPES, caWrite: CA_WRITE_SCOPES, strengthRead: STRENGTH_READ_SCOPES, strengthWrite: STRENGTH_WRITE_SCOPES }[kind];
  const roles = { caRead: CA_READ_ROLES, caWrite: CA_WRITE_ROLES, strengthRead: STRENGTH_READ_ROLES, strengthWrite: STRENGTH_WRITE_ROLES }[kind];
  // Near misses: a read permission for a write, the other workload's permission for a read.
  const insufficient = {
    caRead: 'Policy.Read.AuthenticationMethod',
    caWrite: 'Policy.Read.ConditionalAccess',
    strengthRead: 'AuthenticationContext.ReadWrite.All',
    strengthWrite: 'Policy.Read.All',
  }[kind];
  return {
    delegated: { scopes: [pick(scopes)], roles: [pick(roles)], insufficientScope: insufficient },
    application: { roles: [pick(scopes)], insufficientRole: insufficient },
    deniedCode: kind.startsWith('ca') ? 'AccessDenied' : undefined,
  };
}

/** Tenant A's administrator, preparing the data a call needs. */
const admin = () => application(t, ['Policy.ReadWrite.ConditionalAccess']);
async function created(path: string, body: unknown): Promise<string> {
  const res = await call(t, 'POST', path, { token: admin(), body });
  if (res.status !== 201) throw new Error(`setup failed: ${path} ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
const policy = () => created(`/v1.0${CA}/policies`, policyBody());
const location = () => created(`/v1.0${CA}/namedLocations`, countryLocationBody());
/** Tenant A may hold 15 custom strengths: the matrix makes many, so earlier ones go first. */
async function clearStrengths(): Promise<void> {
  const list = await call(t, 'GET', `/v1.0${CA}/authenticationStrength/policies?$filter=policyType eq 'custom'`, { token: admin() });
  for (const s of list.body.value) await call(t, 'DELETE', `/v1.0${CA}/authenticationStrength/policies/${s.id}`, { token: admin() });
}
async function strength(): Promise<string> {
  await clearStrengths();
  return created(`/v1.0${CA}/authenticationStrength/policies`, { displayName: 'S', allowedCombinations: ['password,sms'] });
}
async function deleted(kind: 'policies' | 'namedLocations'): Promise<string> {
  const id = kind === 'policies' ? await policy() : await location();
  await call(t, 'DELETE', `/v1.0${CA}/${kind}/${id}`, { token: admin() });
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

const P = `/v1.0${CA}/policies`;
const L = `/beta${CA}/namedLocations`;
const D = `/v1.0${CA}/deletedItems`;
const S = `/v1.0${CA}/authenticationStrength/policies`;
const MFA = '00000000-0000-0000-0000-000000000002';

const CASES: RouteCase[] = [
  route('/conditionalAccess/policies', 'GET', 'caRead', async () => ({ path: P }), 200, 200),
  route('/policies/conditionalAccessPolicies (alias)', 'GET', 'caRead', async () => ({ path: '/beta/policies/conditionalAccessPolicies' }), 200, 200),
  route('/conditionalAccess/policies/$count', 'GET', 'caRead', async () => ({ path: `${P}/$count` }), 200, 200),
  route('/conditionalAccess/policies/{id}', 'GET', 'caRead', async () => ({ path: `${P}/${await policy()}` }), 200, 404),
  route('/conditionalAccess/policies', 'POST', 'caWrite', async () => ({ path: P, body: policyBody() }), 201, 201),
  route('/conditionalAccess/policies/{id}', 'PATCH', 'caWrite', async () => ({ path: `${P}/${await policy()}`, body: { state: 'disabled' } }), 204, 404),
  route('/conditionalAccess/policies/{id}', 'DELETE', 'caWrite', async () => ({ path: `${P}/${await policy()}` }), 204, 404),
  route('/conditionalAccess/namedLocations', 'GET', 'caRead', async () => ({ path: L }), 200, 200),
  route('/conditionalAccess/namedLocations/$count', 'GET', 'caRead', async () => ({ path: `${L}/$count` }), 200, 200),
  route('/conditionalAccess/namedLocations/{id}', 'GET', 'caRead', async () => ({ path: `${L}/${await location()}` }), 200, 404),
  route('/conditionalAccess/namedLocations', 'POST', 'caWrite', async () => ({ path: L, body: countryLocationBody() }), 201, 201),
  route(
    '/conditionalAccess/namedLocations/{id}',
    'PATCH',
    'caWrite',
    async () => ({ path: `${L}/${await location()}`, body: { '@odata.type': '#microsoft.graph.countryNamedLocation', displayName: 'x' } }),
    204,
    404,
  ),
  route('/conditionalAccess/namedLocations/{id}', 'DELETE', 'caWrite', async () => ({ path: `${L}/${await location()}` }), 204, 404),
  route('/conditionalAccess/templates', 'GET', 'caRead', async () => ({ path: `/v1.0${CA}/templates` }), 200, 200),
  route('/conditionalAccess/templates/{id}', 'GET', 'caRead', async () => ({ path: `/beta${CA}/templates/c7503427-338e-4c5e-902d-abe252abfb43` }), 200, 200),
  route('/conditionalAccess/deletedItems/policies', 'GET', 'caRead', async () => ({ path: `${D}/policies` }), 200, 200),
  route('/conditionalAccess/deletedItems/policies/{id}', 'GET', 'caRead', async () => ({ path: `${D}/policies/${await deleted('policies')}` }), 200, 404),
  route(
    '/conditionalAccess/deletedItems/policies/{id}/restore',
    'POST',
    'caWrite',
    async () => ({ path: `${D}/policies/${await deleted('policies')}/restore` }),
    200,
    404,
  ),
  route('/conditionalAccess/deletedItems/policies/{id}', 'DELETE', 'caWrite', async () => ({ path: `${D}/policies/${await deleted('policies')}` }), 204, 404),
  route('/conditionalAccess/deletedItems/namedLocations', 'GET', 'caRead', async () => ({ path: `${D}/namedLocations` }), 200, 200),
  route(
    '/conditionalAccess/deletedItems/namedLocations/{id}',
    'GET',
    'caRead',
    async () => ({ path: `${D}/namedLocations/${await deleted('namedLocations')}` }),
    200,
    404,
  ),
  route(
    '/conditionalAccess/deletedItems/namedLocations/{id}/restore',
    'POST',
    'caWrite',
    async () => ({ path: `${D}/namedLocations/${await deleted('namedLocations')}/restore` }),
    200,
    404,
  ),
  route(
    '/conditionalAccess/deletedItems/namedLocations/{id}',
    'DELETE',
    'caWrite',
    async () => ({ path: `${D}/namedLocations/${await deleted('namedLocations')}` }),
    204,
    404,
  ),
  route('/conditionalAccess (not readable)', 'GET', 'caRead', async () => ({ path: `/v1.0${CA}` }), 405, 405),

  route('/authenticationStrength/policies', 'GET', 'strengthRead', async () => ({ path: S }), 200, 200),
  route(
    '/policies/authenticationStrengthPolicies (alias)',
    'GET',
    'strengthRead',
    async () => ({ path: '/beta/policies/authenticationStrengthPolicies' }),
    200,
    200,
  ),
  route('/authenticationStrength/policies/$count', 'GET', 'strengthRead', async () => ({ path: `${S}/$count` }), 200, 200),
  route('/authenticationStrength/policies/{built-in}', 'GET', 'strengthRead', async () => ({ path: `${S}/${MFA}` }), 200, 200),
  route('/authenticationStrength/policies/{custom}', 'GET', 'strengthRead', async () => ({ path: `${S}/${await strength()}` }), 200, 404),
  route(
    '/authenticationStrength/policies',
    'POST',
    'strengthWrite',
    async () => (await clearStrengths(), { path: S, body: { displayName: 'x', allowedCombinations: ['fido2'] } }),
    201,
    201,
  ),
  route(
    '/authenticationStrength/policies/{id}',
    'PATCH',
    'strengthWrite',
    async () => ({ path: `${S}/${await strength()}`, body: { displayName: 'y' } }),
    204,
    404,
  ),
  route('/authenticationStrength/policies/{id}', 'DELETE', 'strengthWrite', async () => ({ path: `${S}/${await strength()}` }), 204, 404),
  route(
    '/authenticationStrength/policies/{id}/updateAllowedCombinations',
    'POST',
    'strengthWrite',
    async () => ({ path: `${S}/${await strength()}/updateAllowedCombinations`, body: { allowedCombinations: ['fido2'] } }),
    200,
    404,
  ),
  route('/authenticationStrength/policies/{id}/usage', 'GET', 'strengthRead', async () => ({ path: `${S}/${await strength()}/usage` }), 200, 404),
  route(
    '/authenticationStrength/policies/{id}/combinationConfigurations',
    'GET',
    'strengthRead',
    async () => ({ path: `${S}/${await strength()}/combinationConfigurations` }),
    200,
    404,
  ),
  route(
    '/authenticationStrength/authenticationMethodModes',
    'GET',
    'strengthRead',
    async () => ({ path: `/v1.0${CA}/authenticationStrength/authenticationMethodModes` }),
    200,
    200,
  ),
  route('/authenticationStrength/combinations', 'GET', 'strengthRead', async () => ({ path: `/beta${CA}/authenticationStrength/combinations` }), 200, 200),
];

describe('Conditional Access root: permission matrix (DECISIONS §7)', () => {
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  it("refuses with Graph's message for each workload", async () => {
    const ca = await call(t, 'GET', P, { token: application(t, ['Policy.Read.AuthenticationMethod']) });
    expect(ca.body.error).toMatchObject({
      code: 'AccessDenied',
      message: 'You cannot perform the requested operation, required scopes are missing in the token.',
    });
    const strengths = await call(t, 'POST', S, { token: application(t, ['Policy.Read.All']), body: { displayName: 'x', allowedCombinations: ['fido2'] } });
    expect({ status: strengths.status, code: strengths.body.error.code }).toEqual({ status: 403, code: 'Authorization_RequestDenied' });
  });

  describePermissionMatrix(() => t, CASES);
});
