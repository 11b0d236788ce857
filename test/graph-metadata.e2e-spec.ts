import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { AuthenticationFixturesService } from '../src/authentication/fixtures/authentication-fixtures.service.js';
import { EMAIL_ID, PASSWORD_ID, PHONE } from './authentication-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { checkGraphBody, GRAPH_TYPES, type Version } from './support/graph-metadata.js';
import { call } from './support/http.js';
import { delegated, TENANT_B } from './support/tokens.js';

jest.setTimeout(120_000);

/** The committed example fixture: one user with a method of every family. */
const ADELE = { id: '6e7b768e-07e2-4810-8459-485f84f8f204', upn: 'AdeleV@contoso.com' };
const TAP = '6f1967b7-15e8-4935-ac26-d50770ed07a7';
const FIXTURE_IDS: Record<string, string> = {
  'user-id': ADELE.id,
  userPrincipalName: ADELE.upn,
  'authenticationMethod-id': PHONE.mobile,
  'phoneAuthenticationMethod-id': PHONE.mobile,
  'emailAuthenticationMethod-id': EMAIL_ID,
  'passwordAuthenticationMethod-id': PASSWORD_ID,
  'temporaryAccessPassAuthenticationMethod-id': TAP,
  'fido2AuthenticationMethod-id': 'a0f1c2d3-0000-4000-8000-000000000001',
  'microsoftAuthenticatorAuthenticationMethod-id': 'a0f1c2d3-0000-4000-8000-000000000002',
  'windowsHelloForBusinessAuthenticationMethod-id': 'a0f1c2d3-0000-4000-8000-000000000003',
  'platformCredentialAuthenticationMethod-id': 'a0f1c2d3-0000-4000-8000-000000000004',
  'softwareOathAuthenticationMethod-id': 'a0f1c2d3-0000-4000-8000-000000000005',
  // None can exist yet (no external provider in the tenant policy): the get is a 404.
  'externalAuthenticationMethod-id': '00000000-0000-4000-8000-0000000000ee',
  'authenticationContextClassReference-id': 'c1',
};

/**
 * Graph GET paths of our families that this service does not serve (README, "What is implemented").
 * Everything else Graph lists under users, authentication and ACR is exercised below.
 */
const NOT_SERVED = [
  /\/device$/, // $expand-only device navigations
  /\/fido2Methods\/creationOptions\(/, // passkey registration
  /\/qrCodePinMethod/,
  /\/hardwareOathMethods/,
  /\/passwordlessMicrosoftAuthenticatorMethods/,
  /\/resourceAccountKeyAuthenticationMethods/,
];

const NOT_FOUND_BY_DESIGN = /\/externalAuthenticationMethods\/\{/;

function getPaths(version: Version): string[] {
  return GRAPH_TYPES[version].paths
    .filter((p) => ['users', 'authentication', 'acr'].includes(p.family) && p.method === 'GET')
    .map((p) => p.path)
    .filter((p) => !NOT_SERVED.some((r) => r.test(p)));
}

const fill = (template: string) =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = FIXTURE_IDS[name];
    if (!value) throw new Error(`no fixture id for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });

describe("every GET of users, authentication and ACR fits Graph's types (both versions, no $select)", () => {
  let t: TestApp;
  let admin: string;
  let adele: string;
  const SCOPES = [
    'User.ReadWrite.All',
    'Directory.ReadWrite.All',
    'UserAuthenticationMethod.ReadWrite.All',
    'Policy.ReadWrite.ConditionalAccess',
    'Policy.Read.All',
  ];
  beforeAll(async () => {
    t = await startTestApp();
    const fixture = JSON.parse(await readFile(new URL('./fixtures/authentication-methods.json', import.meta.url), 'utf8'));
    await t.app.get(AuthenticationFixturesService).load(TENANT_B, fixture);
    admin = delegated(t, SCOPES, ['Global Administrator'], { tenantId: TENANT_B });
    adele = delegated(t, SCOPES, ['Global Administrator'], { tenantId: TENANT_B, objectId: ADELE.id, userPrincipalName: ADELE.upn });
    // An operation (a password reset by someone else) and a context, so their items exist.
    const helpdesk = delegated(t, ['UserAuthenticationMethod.ReadWrite.All'], ['Authentication Administrator'], { tenantId: TENANT_B });
    const reset = await call(t, 'POST', `/v1.0/users/${ADELE.id}/authentication/methods/${PASSWORD_ID}/resetPassword`, { token: helpdesk, body: {} });
    expect(reset.status).toBe(202);
    FIXTURE_IDS['longRunningOperation-id'] = reset.headers.get('location')!.split('/').pop()!;
    const accr = await call(t, 'POST', '/v1.0/identity/conditionalAccess/authenticationContextClassReferences', {
      token: admin,
      body: { id: 'c1', displayName: 'Contoso medium', description: 'Medium', isAvailable: true },
    });
    expect(accr.status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  it('Graph lists the paths this test walks (a sanity check of the description itself)', () => {
    expect(getPaths('v1.0')).toEqual(expect.arrayContaining(['/users', '/users/$count', '/users/delta()', '/me', '/me/authentication/methods']));
    expect(getPaths('beta')).toEqual(expect.arrayContaining(['/me/authentication/signInPreferences', '/users/{user-id}/authentication/requirements']));
  });

  for (const version of ['v1.0', 'beta'] as const) {
    it.each(getPaths(version))(`${version} GET %s`, async (template) => {
      const path = `/${version}${fill(template)}`;
      const res = await call(t, 'GET', path, { token: template.startsWith('/me') ? adele : admin, headers: { ConsistencyLevel: 'eventual' } });
      if (NOT_FOUND_BY_DESIGN.test(template)) {
        expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'itemNotFound']);
        return;
      }
      expect([path, res.status]).toEqual([path, 200]);
      if (template.endsWith('/$count')) {
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(Number.isInteger(res.body)).toBe(true);
        return;
      }
      expect([path, checkGraphBody(version, res.body)]).toEqual([path, []]);
    });
  }

  it('the polymorphic list holds every family, each fitting its type on both versions', async () => {
    for (const version of ['v1.0', 'beta'] as const) {
      const res = await call(t, 'GET', `/${version}/users/${ADELE.id}/authentication/methods`, { token: admin });
      expect(res.body.value).toHaveLength(11);
      expect(checkGraphBody(version, res.body)).toEqual([]);
    }
  });
});

describe('the checker itself', () => {
  const ctx = (version: string, fragment: string) => `https://graph.example/${version}/$metadata#${fragment}`;
  const user = {
    id: '6e7b768e-07e2-4810-8459-485f84f8f204',
    businessPhones: [],
    displayName: 'A',
    givenName: null,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: 'a@contoso.com',
  };
  const tap = {
    id: TAP,
    temporaryAccessPass: null,
    createdDateTime: '2024-01-01T00:00:00Z',
    startDateTime: '2024-01-01T00:00:00Z',
    lifetimeInMinutes: 60,
    isUsableOnce: false,
    isUsable: false,
    methodUsabilityReason: 'Expired',
  };

  it('accepts fitting bodies', () => {
    expect(checkGraphBody('v1.0', { '@odata.context': ctx('v1.0', 'users/$entity'), ...user })).toEqual([]);
    expect(checkGraphBody('v1.0', { '@odata.context': ctx('v1.0', "users('a%40b.com')/authentication/temporaryAccessPassMethods/$entity"), ...tap })).toEqual(
      [],
    );
    expect(checkGraphBody('v1.0', { '@odata.context': ctx('v1.0', 'users(displayName)'), value: [{ id: user.id, displayName: 'A' }] })).toEqual([]);
  });

  it.each([
    ['a missing default property', 'v1.0', { '@odata.context': ctx('v1.0', 'users/$entity'), ...user, businessPhones: undefined }, 'businessPhones: missing'],
    ['a null non-nullable collection', 'v1.0', { '@odata.context': ctx('v1.0', 'users/$entity'), ...user, businessPhones: null }, 'businessPhones is null'],
    ['a property of no type', 'v1.0', { '@odata.context': ctx('v1.0', 'users/$entity'), ...user, nickname: 'x' }, 'nickname: not a property of user'],
    [
      "a property only v1.0's type has, on beta",
      'beta',
      { '@odata.context': ctx('beta', "users('x')/authentication/temporaryAccessPassMethods/$entity"), ...tap, lastUsedDateTime: null },
      'isUsable: not a property of temporaryAccessPassAuthenticationMethod (beta)',
    ],
    [
      "a property only beta's type has, on v1.0",
      'v1.0',
      { '@odata.context': ctx('v1.0', "users('x')/authentication/temporaryAccessPassMethods/$entity"), ...tap, lastUsedDateTime: null },
      'lastUsedDateTime: not a property',
    ],
    [
      'an enum value outside the enum',
      'v1.0',
      {
        '@odata.context': ctx('v1.0', "users('x')/authentication/phoneMethods"),
        value: [{ id: PHONE.mobile, phoneNumber: '+1 1', phoneType: 'pager', smsSignInState: 'ready', createdDateTime: null }],
      },
      "'pager' is not a member",
    ],
    [
      'a wrong primitive',
      'v1.0',
      { '@odata.context': ctx('v1.0', "users('x')/authentication/temporaryAccessPassMethods/$entity"), ...tap, lifetimeInMinutes: '60' },
      'lifetimeInMinutes is not an integer',
    ],
    [
      'an untyped polymorphic item',
      'v1.0',
      { '@odata.context': ctx('v1.0', "users('x')/authentication/methods"), value: [{ id: PASSWORD_ID, password: null, createdDateTime: null }] },
      'abstract type authenticationMethod',
    ],
    ['an unknown context', 'v1.0', { '@odata.context': ctx('v1.0', 'gadgets'), value: [] }, "unknown @odata.context root 'gadgets'"],
    ['no context', 'v1.0', { id: 'x' }, 'no @odata.context'],
  ])('flags %s', (_name, version, body, problem) => {
    expect(checkGraphBody(version as Version, JSON.parse(JSON.stringify(body))).join('\n')).toContain(problem);
  });
});
