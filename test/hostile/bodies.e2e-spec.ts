import { randomUUID } from 'node:crypto';
import { EMAIL_ID, PASSWORD_ID, PHONE } from '../authentication-helpers.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { enableTap } from '../support/methods-policy.js';
import { CA, create, ipLocationBody, policyBody } from '../support/conditional-access.js';
import { call } from '../support/http.js';
import { delegated } from '../support/tokens.js';
import { writeRoutes, type WriteRoute } from './write-routes.js';

/**
 * Hostile request bodies against EVERY write route of the app (read from its route table): each
 * class must get a Graph-shaped 4xx and write nothing (docs/choices.md "Hostile bodies").
 */
const TIMEOUT = 600_000; // generous: the machine is shared and loaded

const ADMIN = { objectId: randomUUID(), userPrincipalName: 'hostile-admin@contoso.test' };
const SCOPES = [
  'User.ReadWrite.All',
  'Directory.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Policy.ReadWrite.AuthenticationMethod',
  'Application.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'DelegatedPermissionGrant.ReadWrite.All',
  'RoleManagement.ReadWrite.Directory',
];
const ACCR = '/identity/conditionalAccess/authenticationContextClassReferences';
const RESOURCE_ACTIONS = '/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions';
let upnCounter = 0;
const AAGUID = '90a3ccdf-635c-4729-a248-9b709135078f';
/** The three paths of the custom strengths (beta's plural navigation included), unversioned. */
const STRENGTH_BASES = [`${CA}/authenticationStrength/policies`, `${CA}/authenticationStrengths/policies`, '/policies/authenticationStrengthPolicies'];
const fidoConfiguration = () => ({
  '@odata.type': '#microsoft.graph.fido2CombinationConfiguration',
  allowedAAGUIDs: [AAGUID],
  appliesToCombinations: ['fido2'],
});
const strengthBodies = (): Record<string, () => Record<string, unknown>> =>
  Object.fromEntries(
    STRENGTH_BASES.flatMap((base) => [
      [
        `POST ${base}`,
        () => ({
          displayName: `Hostile ${randomUUID().slice(0, 8)}`,
          description: 'Keys',
          allowedCombinations: ['fido2'],
          combinationConfigurations: [fidoConfiguration()],
        }),
      ],
      [`PATCH ${base}/:id`, () => ({ displayName: `Hostile ${randomUUID().slice(0, 8)}`, description: 'Keys' })],
      [`POST ${base}/:id/updateAllowedCombinations`, () => ({ allowedCombinations: ['fido2', 'windowsHelloForBusiness'] })],
      [`POST ${base}/:id/combinationConfigurations`, fidoConfiguration],
      [`PATCH ${base}/:id/combinationConfigurations/:configurationId`, fidoConfiguration],
    ]),
  );
const policyPatch = () => ({
  displayName: 'Hostile',
  state: 'enabledForReportingButNotEnforced',
  conditions: { clientAppTypes: ['all'], users: { includeUsers: ['All'] } },
  grantControls: { operator: 'OR', builtInControls: ['mfa'] },
});
const caBodies = (): Record<string, () => Record<string, unknown>> => ({
  ...Object.fromEntries(
    [`${CA}/policies`, '/policies/conditionalAccessPolicies'].flatMap((base) => [
      [`POST ${base}`, () => policyBody()],
      [`PATCH ${base}/:id`, policyPatch],
    ]),
  ),
  [`POST ${CA}/namedLocations`]: () => ipLocationBody(),
  [`PATCH ${CA}/namedLocations/:id`]: () => ipLocationBody({ displayName: 'Hostile' }),
  [`POST ${CA}/deletedItems/policies/:id/restore`]: () => ({}),
  [`POST ${CA}/deletedItems/namedLocations/:id/restore`]: () => ({}),
  [`POST ${CA}/evaluate`]: () => ({
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: randomUUID() },
    signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: ['00000003-0000-0000-c000-000000000000'] },
    signInConditions: { clientAppType: 'browser', ipAddress: '40.77.182.32', country: 'US', devicePlatform: 'android' },
    appliedPoliciesOnly: true,
  }),
  ...strengthBodies(),
});

const METHODS_POLICY = '/policies/authenticationMethodsPolicy';
const methodsPolicyBodies = (): Record<string, () => Record<string, unknown>> => ({
  [`PATCH ${METHODS_POLICY}`]: () => ({
    reconfirmationInDays: 30,
    policyMigrationState: 'migrationComplete',
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 2,
        state: 'default',
        excludeTargets: [],
        includeTargets: [{ id: 'all_users', targetType: 'group' }],
      },
    },
  }),
  [`POST ${METHODS_POLICY}/authenticationMethodConfigurations`]: () => ({
    '@odata.type': '#microsoft.graph.externalAuthenticationMethodConfiguration',
    displayName: 'Hostile MFA',
    state: 'enabled',
    appId: randomUUID(),
    openIdConnectSetting: { clientId: 'hostile', discoveryUrl: 'https://hostile.example/.well-known/openid-configuration' },
    includeTargets: [{ id: 'all_users', targetType: 'group', isRegistrationRequired: false }],
  }),
  [`PATCH ${METHODS_POLICY}/authenticationMethodConfigurations/:id`]: () => ({
    '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
    state: 'enabled',
    defaultLifetimeInMinutes: 60,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLength: 8,
    isUsableOnce: false,
    includeTargets: [{ id: 'all_users', targetType: 'group', isRegistrationRequired: false }],
  }),
});

/** A body each write route accepts; hostile bodies are built on it. Keys: route without version, `{u}` for both user forms. */
const VALID: Record<string, () => Record<string, unknown>> = {
  'POST /users': () => {
    const n = `h${++upnCounter}${randomUUID().slice(0, 6)}`;
    return {
      accountEnabled: true,
      displayName: `Hostile ${n}`,
      mailNickname: n,
      userPrincipalName: `${n}@contoso.test`,
      passwordProfile: { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: false },
      givenName: 'Hos',
      surname: 'Tile',
      mail: `${n}@mail.contoso.test`,
    };
  },
  'PATCH /users/:user': () => ({
    accountEnabled: false,
    displayName: 'Changed',
    mailNickname: 'changed',
    userPrincipalName: `c${++upnCounter}@contoso.test`,
    givenName: 'G',
    surname: 'S',
    mail: 'changed@mail.contoso.test',
    passwordProfile: { password: 'N3w!Passw0rd', forceChangePasswordNextSignIn: true, forceChangePasswordNextSignInWithMfa: false },
  }),
  'PATCH /users(userPrincipalName=:user': () => VALID['PATCH /users/:user'](),
  'PATCH /me': () => ({ officeLocation: '18/2111', jobTitle: 'Tester', businessPhones: ['+1 425 555 0109'] }),
  'POST /me/revokeSignInSessions': () => ({}),
  'POST /users/:user/revokeSignInSessions': () => ({}),
  'POST /users(userPrincipalName=:user/revokeSignInSessions': () => ({}),
  'POST /directoryObjects/getByIds': () => ({ ids: [randomUUID()], types: ['user'] }),
  'POST /users/getByIds': () => ({ ids: [randomUUID()], types: ['user'] }),
  'POST /directoryObjects/validateProperties': () => ({ entityType: 'Group', displayName: 'Hostile', mailNickname: 'hostile' }),
  'POST /users/validateProperties': () => ({ entityType: 'Group', displayName: 'Hostile', mailNickname: 'hostile' }),
  'POST {u}/methods/:methodId/enableSmsSignIn': () => ({}),
  'POST {u}/methods/:methodId/disableSmsSignIn': () => ({}),
  'POST {u}': () => ({ '@odata.type': '#microsoft.graph.authentication' }),
  'PATCH {u}/signInPreferences': () => ({ isSystemPreferredAuthenticationMethodEnabled: false, userPreferredMethodForSecondaryAuthentication: 'sms' }),
  'PATCH {u}/requirements': () => ({ perUserMfaState: 'enforced' }),
  'POST {u}/emailMethods': () => ({ emailAddress: 'hostile@contoso.test' }),
  'PATCH {u}/emailMethods/:methodId': () => ({ emailAddress: 'changed@contoso.test' }),
  'POST {u}/phoneMethods': () => ({ phoneNumber: '+1 5555550199', phoneType: 'office' }),
  'PATCH {u}/phoneMethods/:methodId': () => ({ phoneNumber: '+1 5555550198' }),
  'POST {u}/phoneMethods/:methodId/enableSmsSignIn': () => ({}),
  'POST {u}/phoneMethods/:methodId/disableSmsSignIn': () => ({}),
  'POST {u}/temporaryAccessPassMethods': () => ({ lifetimeInMinutes: 60 }),
  'POST {u}/methods/:methodId/resetPassword': () => ({ newPassword: 'Xy7!abcdEFgh' }),
  // Free-form inner bodies are the inner route's to judge (test/batch.e2e-spec.ts); here the batch's own shape.
  'POST /$batch': () => ({ requests: [{ id: '1', method: 'GET', url: '/users', headers: { ConsistencyLevel: 'eventual' }, dependsOn: [] }] }),
  [`POST ${ACCR}`]: () => ({ id: 'c5', displayName: 'Hostile', isAvailable: true }),
  [`PATCH ${ACCR}`]: () => ({ id: 'c6', description: 'Hostile' }),
  [`PATCH ${ACCR}/:id`]: () => ({ displayName: 'Hostile', isAvailable: false }),
  [`PATCH ${RESOURCE_ACTIONS}/:id`]: () => ({ authenticationContextId: null }),
  ...caBodies(),
  ...methodsPolicyBodies(),
  ...directoryBodies(),
};

/** The directory objects the directory routes' path parameters and bodies name (set in beforeAll). */
const directory = { application: '', servicePrincipal: '', graphPrincipal: '', grant: '' };
const USER_ADMINISTRATOR_ROLE = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';

/** The directory sign-in reads (issue #14). `addKey`'s proof is never valid here: the target app has no certificate. */
function directoryBodies(): Record<string, () => Record<string, unknown>> {
  const assignment = () => ({ principalId: directory.servicePrincipal, resourceId: directory.graphPrincipal, appRoleId: USER_READ_ALL_ROLE });
  return {
    'POST /servicePrincipals/:id/appRoleAssignments': assignment,
    'POST /oauth2PermissionGrants': () => ({
      clientId: directory.servicePrincipal,
      consentType: 'AllPrincipals',
      resourceId: directory.graphPrincipal,
      scope: 'User.Read',
    }),
    'PATCH /oauth2PermissionGrants/:id': () => ({ scope: 'openid User.Read' }),
    'POST /roleManagement/directory/roleAssignments': () => ({
      principalId: directory.servicePrincipal,
      roleDefinitionId: USER_ADMINISTRATOR_ROLE,
      directoryScopeId: '/',
    }),
    'POST /servicePrincipals/:id/appRoleAssignedTo': () => ({ ...assignment(), resourceId: directory.servicePrincipal }),
    'POST /applications': () => ({ displayName: 'Hostile app', signInAudience: 'AzureADMyOrg', spa: { redirectUris: ['http://localhost:3000'] } }),
    'PATCH /applications/:id': () => ({ displayName: 'Hostile app', web: { redirectUris: ['https://contoso.example/cb'] } }),
    'POST /applications/:id/addPassword': () => ({ passwordCredential: { displayName: 'Hostile' } }),
    'POST /applications/:id/removePassword': () => ({ keyId: randomUUID() }),
    'POST /applications/:id/addKey': () => ({
      keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: 'MIIB' },
      passwordCredential: null,
      proof: 'e30.e30.sig',
    }),
    'POST /applications/:id/removeKey': () => ({ keyId: randomUUID(), proof: 'e30.e30.sig' }),
    'POST /servicePrincipals': () => ({ appId: randomUUID(), accountEnabled: true, tags: ['Hostile'] }),
    'PATCH /servicePrincipals/:id': () => ({ accountEnabled: true, tags: ['Hostile'] }),
  };
}

/** Properties of those bodies that `null` clears (graph/validation/presence.ts): the null class leaves them out. */
const NULLABLE: Record<string, string[]> = {
  'POST /users': ['givenName', 'surname', 'mail'],
  'PATCH /users/:user': ['givenName', 'surname', 'mail'],
  'PATCH /users(userPrincipalName=:user': ['givenName', 'surname', 'mail'],
  'PATCH /me': ['officeLocation', 'jobTitle'],
  'PATCH {u}/signInPreferences': ['userPreferredMethodForSecondaryAuthentication'],
  [`POST ${ACCR}`]: ['displayName'],
  [`PATCH ${ACCR}`]: ['description'],
  [`PATCH ${ACCR}/:id`]: ['displayName'],
  'POST /applications/:id/addPassword': ['passwordCredential', 'passwordCredential.displayName'],
  [`PATCH ${RESOURCE_ACTIONS}/:id`]: ['authenticationContextId'],
  ...Object.fromEntries(
    STRENGTH_BASES.flatMap((base) => [
      [`POST ${base}`, ['description']],
      [`PATCH ${base}/:id`, ['description']],
    ]),
  ),
  // Graph's metadata: `operator` is the one nullable property of conditionalAccessGrantControls.
  ...Object.fromEntries(
    [`${CA}/policies`, '/policies/conditionalAccessPolicies'].flatMap((base) => [
      [`POST ${base}`, ['grantControls.operator']],
      [`PATCH ${base}/:id`, ['grantControls.operator']],
    ]),
  ),
};

/** Routes where the caller may not write for themself: guards answer 403 before the body's properties are read. */
const SELF_FORBIDDEN =
  /^\/me\/authentication\/(phoneMethods|emailMethods|temporaryAccessPassMethods)(\/:methodId)?$|^\/me\/authentication\/methods\/:methodId\/resetPassword$/;

interface Target {
  label: string;
  method: string;
  path: string;
  key: string;
  selfForbidden: boolean;
}

interface HostileRequest {
  note: string;
  body: string | Buffer;
  contentType?: string;
}

/**
 * Each class: the bodies it sends to a route (built from the route's valid body), and whether the
 * JSON parser refuses it (before any guard: 400 everywhere) or the validation pipe (after the guards).
 */
interface HostileClass {
  name: string;
  stage: 'parser' | 'pipe';
  bodies(valid: Record<string, unknown>, routeKey: string): HostileRequest[];
}

const json = (value: unknown) => JSON.stringify(value);
const nest = (open: string, close: string, depth: number, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);
/** `{"k0":0,"k1":0,...}`: about 10 bytes a key. */
const manyKeys = (count: number, extra: Record<string, unknown> = {}) => {
  const parts = Object.entries(extra).map(([k, v]) => `${json(k)}:${json(v)}`);
  for (let i = 0; i < count; i++) parts.push(`"k${i.toString(36)}":0`);
  return `{${parts.join(',')}}`;
};
/** The valid body's first string property (or a made-up one) with `value` as raw JSON text. */
const withRawString = (valid: Record<string, unknown>, raw: string) => {
  const key = Object.keys(valid).find((k) => typeof valid[k] === 'string') ?? 'displayName';
  return json({ ...valid, [key]: '\u0001' }).replace('"\\u0001"', raw);
};

const CLASSES: HostileClass[] = [
  {
    name: 'objects nested 20,000 deep',
    stage: 'parser',
    bodies: () => [{ note: 'deep', body: `{"a":${nest('{"a":', '}', 20_000)}}` }],
  },
  {
    name: 'arrays nested 50,000 deep, and 2,000 deep (4 kB)',
    stage: 'parser',
    bodies: (valid) => [
      { note: '50k in a property', body: json({ ...valid, x: 0 }).replace('"x":0', `"x":${nest('[', ']', 50_000)}`) },
      { note: '2k in a property', body: json({ ...valid, x: 0 }).replace('"x":0', `"x":${nest('[', ']', 2_000)}`) },
      { note: '2k as the body', body: nest('[', ']', 2_000) },
      { note: '33 levels', body: json({ ...valid, x: 0 }).replace('"x":0', `"x":${nest('{"y":', '}', 32)}`) },
    ],
  },
  {
    name: 'bodies that are not a JSON object',
    stage: 'parser',
    bodies: () => ['null', '[]', '[{}]', '"x"', '42', 'true', ' null '].map((body) => ({ note: body, body })),
  },
  {
    name: '95,000 keys (1 MB, under the body limit)',
    stage: 'parser',
    bodies: (valid) => [
      { note: '95k keys in one object', body: manyKeys(95_000, valid) },
      {
        note: '95k keys in objects of 900',
        body: json({ ...valid, x: 0 }).replace('"x":0', `"x":[${Array.from({ length: 106 }, () => manyKeys(900)).join(',')}]`),
      },
    ],
  },
  {
    name: 'invalid UTF-8',
    stage: 'parser',
    bodies: (valid) =>
      [
        [0xff, 0xfe],
        [0xc0, 0xaf], // overlong '/'
        [0xed, 0xa0, 0x80], // an encoded surrogate
        [0xe2, 0x82], // truncated sequence
      ].map((bytes) => {
        const [head, tail] = withRawString(valid, '"\u0001"').split('\u0001');
        return { note: bytes.map((b) => b.toString(16)).join(' '), body: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]) };
      }),
  },
  {
    name: 'a charset other than UTF-8',
    stage: 'parser',
    bodies: (valid) =>
      ['iso-8859-1', '"latin1"', 'utf-16', 'us-ascii', 'windows-1252'].map((charset) => ({
        note: charset,
        body: json(valid),
        contentType: `application/json; charset=${charset}`,
      })),
  },
  {
    name: 'lone surrogate escapes',
    stage: 'parser',
    bodies: (valid) => [
      { note: 'high', body: withRawString(valid, '"a\\ud800"') },
      { note: 'low', body: withRawString(valid, '"\\uDC00b"') },
      { note: 'reversed pair', body: withRawString(valid, '"\\udc00\\ud800"') },
      { note: 'in a key', body: `{"\\ud800":1}` },
    ],
  },
  {
    name: 'a property repeated in one object',
    stage: 'parser',
    bodies: (valid) => {
      const [key] = Object.keys(valid);
      if (key === undefined) return [{ note: 'a', body: '{"a":1,"a":1}' }];
      return [{ note: key, body: `{${json(key)}:${json(valid[key])},${json(valid).slice(1)}` }];
    },
  },
  {
    name: 'unknown properties, whatever their name',
    stage: 'pipe',
    bodies: (valid) => [
      ...['prototype', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'createdDateTime', 'x\u0000', ''].map((name) => ({
        note: name,
        // Built as text: an object literal with `__proto__` would set a prototype instead of a key.
        body: json(valid).replace(/}$/, `${Object.keys(valid).length ? ',' : ''}${json(name)}:{"x":1}}`),
      })),
      ...Object.keys(valid)
        .filter((k) => valid[k] !== null && typeof valid[k] === 'object' && !Array.isArray(valid[k]))
        .flatMap((k) =>
          ['prototype', '__proto__', 'constructor', 'unknown'].map((name) => ({
            note: `${k}.${name}`,
            body: json(valid).replace(`${json(k)}:{`, `${json(k)}:{${json(name)}:1,`),
          })),
        ),
      { note: '990 unknown keys (under the parser bound of 1,000 per object)', body: manyKeys(990 - Object.keys(valid).length, valid) },
    ],
  },
  {
    name: 'NUL characters in string values',
    stage: 'pipe',
    bodies: (valid) => [
      ...stringPaths(valid).map((path) => ({
        note: path.join('.'),
        body: json(setAt(valid, path, (v) => `${String(v).slice(0, 3)}\u0000${String(v).slice(3)}`)),
      })),
    ],
  },
  {
    name: 'malformed JSON',
    stage: 'parser',
    bodies: (valid) => [
      { note: 'truncated', body: json(valid).slice(0, -1) },
      { note: 'trailing comma', body: json(valid).replace(/}$/, ',}') },
      { note: 'single quotes', body: `{'a':'b'}` },
      { note: 'two values', body: `${json(valid)}${json(valid)}` },
      { note: 'a comment', body: `/* x */${json(valid)}` },
    ],
  },
  {
    name: 'a value of the wrong JSON type on every property',
    stage: 'pipe',
    bodies: (valid) => leafPaths(valid).map((path) => ({ note: path.join('.'), body: json(setAt(valid, path, otherType)) })),
  },
  {
    name: 'null on properties that are never null',
    stage: 'pipe',
    bodies: (valid, routeKey) =>
      leafPaths(valid)
        .filter((path) => !(NULLABLE[routeKey] ?? []).includes(path.join('.')))
        .map((path) => ({ note: path.join('.'), body: json(setAt(valid, path, () => null)) })),
  },
];

function leafPaths(value: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(value).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? [[...prefix, k], ...leafPaths(v as Record<string, unknown>, [...prefix, k])] : [[...prefix, k]],
  );
}
function stringPaths(value: Record<string, unknown>): string[][] {
  return leafPaths(value).filter((path) => typeof path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value) === 'string');
}
function setAt(value: Record<string, unknown>, path: string[], f: (old: unknown) => unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const next = rest.length ? setAt(value[head] as Record<string, unknown>, rest, f) : f(value[head]);
  // Arrays stay arrays: an element is changed in place, not the array turned into an object.
  if (Array.isArray(value)) return Object.assign([...value], { [head]: next }) as unknown as Record<string, unknown>;
  return { ...value, [head]: next };
}
/** A JSON value of another type than `v`. */
const otherType = (v: unknown): unknown => (typeof v === 'string' ? 1 : typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v) ? 'x' : ['x']);

describe('hostile request bodies on every write route', () => {
  let t: TestApp;
  let token: string;
  let targets: Target[];
  let targetUserId: string;
  let targetUpn: string;
  /** The CA objects the CA routes' path parameters name. */
  const ca = { policy: '', location: '', strength: '', configuration: '', deletedPolicy: '', deletedLocation: '' };

  /** Everything a write route could change, read back. */
  async function state(): Promise<unknown> {
    const u = `/beta/users/${targetUserId}/authentication`;
    const paths = [
      '/v1.0/users?$top=999',
      `/v1.0/users/${targetUserId}`,
      '/v1.0/me',
      ...[u, '/beta/me/authentication'].flatMap((base) =>
        ['', '/methods', '/phoneMethods', '/emailMethods', '/temporaryAccessPassMethods', '/signInPreferences', '/requirements', '/operations'].map(
          (rest) => base + rest,
        ),
      ),
      `/v1.0${ACCR}`,
      `/beta${METHODS_POLICY}`,
      '/v1.0/applications?$top=999',
      '/v1.0/servicePrincipals?$top=999',
      `/v1.0/servicePrincipals/${directory.servicePrincipal}/appRoleAssignments`,
      '/v1.0/oauth2PermissionGrants?$top=999',
      '/v1.0/roleManagement/directory/roleAssignments?$top=999',
      // Strengths are an unpaged in-memory list (no $top); the others page.
      `/beta${CA}/authenticationStrength/policies`,
      ...['policies', 'namedLocations', 'deletedItems/policies', 'deletedItems/namedLocations'].map((rest) => `/beta${CA}/${rest}?$top=999`),
    ];
    const strengths = await call(t, 'GET', `/beta${CA}/authenticationStrength/policies`, { token });
    expect(strengths.status).toBe(200);
    const custom = (strengths.body.value as { id: string; policyType: string }[]).filter((s) => s.policyType === 'custom');
    expect(custom.length).toBeGreaterThan(0);
    for (const { id } of custom) paths.push(`/beta${CA}/authenticationStrength/policies/${id}/combinationConfigurations`);
    const all = await Promise.all(paths.map(async (path) => [path, await call(t, 'GET', path, { token })] as const));
    // The CA lists must be read, not refused: a refusal would compare equal and prove nothing.
    expect(all.filter(([path, res]) => path.includes(CA) && res.status !== 200).map(([path, res]) => [path, res.status])).toEqual([]);
    // An error's innerError differs per request; its status and code are what matter.
    return Object.fromEntries(all.map(([path, res]) => [path, { status: res.status, body: res.status < 400 ? res.body : res.body?.error?.code }]));
  }

  beforeAll(async () => {
    t = await startTestApp();
    await enableTap(t);
    token = delegated(t, SCOPES, ['Global Administrator'], ADMIN);
    const user = await call(t, 'POST', '/v1.0/users', { token, body: VALID['POST /users']() });
    expect(user.status).toBe(201);
    targetUserId = user.body.id;
    targetUpn = user.body.userPrincipalName;
    const base = `/v1.0/users/${targetUserId}/authentication`;
    expect((await call(t, 'POST', `${base}/phoneMethods`, { token, body: { phoneNumber: '+1 5555551234', phoneType: 'mobile' } })).status).toBe(201);
    expect((await call(t, 'POST', `${base}/emailMethods`, { token, body: { emailAddress: 'target@contoso.test' } })).status).toBe(201);
    expect((await call(t, 'PATCH', `/v1.0${ACCR}/c7`, { token, body: { displayName: 'Existing' } })).status).toBe(204);
    expect((await call(t, 'GET', '/beta/me/authentication', { token })).status).toBe(200);

    const caBase = `/v1.0${CA}`;
    ca.policy = await create(t, token, `${caBase}/policies`, policyBody());
    ca.location = await create(t, token, `${caBase}/namedLocations`, ipLocationBody());
    ca.strength = await create(t, token, `${caBase}/authenticationStrength/policies`, {
      displayName: 'Hostile target',
      allowedCombinations: ['fido2', 'windowsHelloForBusiness'],
    });
    ca.configuration = await create(t, token, `${caBase}/authenticationStrength/policies/${ca.strength}/combinationConfigurations`, fidoConfiguration());
    ca.deletedPolicy = await create(t, token, `${caBase}/policies`, policyBody());
    ca.deletedLocation = await create(t, token, `${caBase}/namedLocations`, ipLocationBody({ displayName: 'Deleted office' }));
    expect((await call(t, 'DELETE', `${caBase}/policies/${ca.deletedPolicy}`, { token })).status).toBe(204);
    expect((await call(t, 'DELETE', `${caBase}/namedLocations/${ca.deletedLocation}`, { token })).status).toBe(204);

    directory.application = await create(t, token, '/v1.0/applications', { displayName: 'Hostile target' });
    const appId = (await call(t, 'GET', `/v1.0/applications/${directory.application}`, { token })).body.appId;
    directory.servicePrincipal = await create(t, token, '/v1.0/servicePrincipals', { appId });
    directory.graphPrincipal = (
      await call(t, 'GET', "/v1.0/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'", { token })
    ).body.value[0].id;
    directory.grant = await create(t, token, '/v1.0/oauth2PermissionGrants', VALID['POST /oauth2PermissionGrants']());

    targets = writeRoutes(t).map((route) => toTarget(route, targetUserId));
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  function toTarget(route: WriteRoute, userId: string): Target {
    const unversioned = route.pattern.replace(/^\/(v1\.0|beta)/, '');
    const key = `${route.method} ${unversioned.replace(/^\/(me|users\/:user)\/authentication/, '{u}')}`;
    const path = route.pattern
      .replace('(userPrincipalName=:user', `(userPrincipalName='${targetUpn}')`)
      .replace(':user', userId)
      .replace(/methods\/:methodId\/(enable|disable)SmsSignIn/, `methods/${PHONE.mobile}/$1SmsSignIn`)
      .replace(/phoneMethods\/:methodId/, `phoneMethods/${PHONE.mobile}`)
      .replace(/emailMethods\/:methodId/, `emailMethods/${EMAIL_ID}`)
      .replace(/methods\/:methodId/, `methods/${PASSWORD_ID}`)
      .replace(/deletedItems\/policies\/:id/, `deletedItems/policies/${ca.deletedPolicy}`)
      .replace(/deletedItems\/namedLocations\/:id/, `deletedItems/namedLocations/${ca.deletedLocation}`)
      .replace(/(conditionalAccess\/policies|conditionalAccessPolicies)\/:id/, `$1/${ca.policy}`)
      .replace(/namedLocations\/:id/, `namedLocations/${ca.location}`)
      .replace(/(authenticationStrengths?\/policies|authenticationStrengthPolicies)\/:id/, `$1/${ca.strength}`)
      .replace(':configurationId', ca.configuration)
      .replace(/authenticationMethodConfigurations\/:id$/, 'authenticationMethodConfigurations/TemporaryAccessPass')
      .replace(/^(\/(?:v1\.0|beta)\/applications)\/:id/, `$1/${directory.application}`)
      .replace(/^(\/(?:v1\.0|beta)\/servicePrincipals)\/:id/, `$1/${directory.servicePrincipal}`)
      .replace(/^(\/(?:v1\.0|beta)\/oauth2PermissionGrants)\/:id/, `$1/${directory.grant}`)
      .replace(/resourceActions\/:id$/, 'resourceActions/microsoft.directory-namedLocations-create-post')
      .replace(/:id$/, 'c7');
    return { label: `${route.method} ${route.pattern}`, method: route.method, path, key, selfForbidden: SELF_FORBIDDEN.test(unversioned) };
  }

  it('knows a valid body for every write route of the app (a new route must join the corpus)', () => {
    expect(targets.length).toBeGreaterThan(30);
    expect(targets.filter((r) => !VALID[r.key]).map((r) => r.label)).toEqual([]);
    expect(targets.filter((r) => r.path.includes(':')).map((r) => r.label)).toEqual([]);
  });

  it.each(CLASSES.map((c) => [c.name, c] as const))(
    '%s: Graph-shaped 4xx on every write route, nothing written',
    async (_name, hostile) => {
      const before = await state();
      const failures: unknown[] = [];
      const jobs = targets.flatMap((target) =>
        hostile.bodies(VALID[target.key](), target.key).map((request) => async () => {
          const expected = hostile.stage === 'pipe' && target.selfForbidden ? 403 : 400;
          const res = await fetch(t.url + target.path, {
            method: target.method,
            headers: { authorization: `Bearer ${token}`, 'content-type': request.contentType ?? 'application/json' },
            body: request.body,
          });
          const text = await res.text();
          let body: { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } } | undefined;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          const requestId = res.headers.get('request-id');
          const ok =
            res.status === expected &&
            typeof body?.error?.code === 'string' &&
            typeof body.error.message === 'string' &&
            body.error.message.length > 0 &&
            !!requestId &&
            body.error.innerError?.['request-id'] === requestId;
          if (!ok) failures.push({ route: target.label, body: request.note.slice(0, 60), expected, status: res.status, response: text.slice(0, 300) });
        }),
      );
      await runPool(jobs, 6);
      expect(failures).toEqual([]);
      expect(await state()).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'keeps answering while 1 MB many-key bodies arrive: each one a 400 naming the bound (refused while parsing), /health 200',
    async () => {
      const body = manyKeys(95_000, { id: 'c9' });
      const hostile = Array.from({ length: 12 }, () => call(t, 'POST', `/v1.0${ACCR}`, { token, body }));
      const health = call(t, 'GET', '/health');
      const results = await Promise.all(hostile);
      expect((await health).status).toBe(200);
      for (const res of results) {
        expect([res.status, res.body.error.code, res.body.error.message]).toEqual([
          400,
          'BadRequest',
          'An object in the JSON payload has more than the limit of 1000 properties.',
        ]);
      }
      expect((await call(t, 'GET', `/v1.0${ACCR}/c9`, { token })).status).toBe(404);
    },
    TIMEOUT,
  );

  it(
    'UTF-8 declared any way, a byte order mark, and no body at all still work',
    async () => {
      for (const [contentType, id] of [
        ['application/json; charset=utf-8', 'c11'],
        ['application/json;charset="UTF-8"', 'c12'],
        ['application/json; charset=utf8', 'c13'],
      ] as const) {
        const res = await fetch(`${t.url}/v1.0${ACCR}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
          body: json({ id, displayName: 'Zoë ✓ 𝄞' }),
        });
        expect([contentType, res.status]).toEqual([contentType, 201]);
        expect(((await res.json()) as { displayName: string }).displayName).toBe('Zoë ✓ 𝄞');
      }
      const bom = await fetch(`${t.url}/v1.0${ACCR}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json({ id: 'c14', displayName: '\ud83d\ude00 pair' }))]),
      });
      expect(bom.status).toBe(201);
      expect(((await bom.json()) as { displayName: string }).displayName).toBe('😀 pair');
      // An escaped surrogate PAIR is one character, not a lone surrogate.
      const pair = await call(t, 'PATCH', `/v1.0${ACCR}/c14`, { token, body: '{"description":"\\ud83d\\ude00"}' });
      expect(pair.status).toBe(204);
      expect((await call(t, 'GET', `/v1.0${ACCR}/c14`, { token })).body.description).toBe('😀');
      // SDKs send bodiless actions with a JSON content type.
      const empty = await call(t, 'POST', `/v1.0/users/${targetUserId}/authentication/phoneMethods/${PHONE.mobile}/disableSmsSignIn`, {
        token,
        body: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(empty.status).toBe(204);
    },
    TIMEOUT,
  );

  it(
    'null clears exactly the nullable properties; omitted ones keep their values',
    async () => {
      const user = await call(t, 'POST', '/v1.0/users', { token, body: { ...VALID['POST /users'](), surname: 'Vance', mail: 'm@contoso.test' } });
      expect(user.status).toBe(201);
      const patch = await call(t, 'PATCH', `/v1.0/users/${user.body.id}`, { token, body: { givenName: null, surname: null, mail: null } });
      expect(patch.status).toBe(204);
      const got = await call(t, 'GET', `/v1.0/users/${user.body.id}`, { token });
      expect(got.body).toMatchObject({ givenName: null, surname: null, mail: null, accountEnabled: true, displayName: user.body.displayName });
      for (const property of ['accountEnabled', 'displayName', 'userPrincipalName', 'mailNickname', 'passwordProfile']) {
        const res = await call(t, 'PATCH', `/v1.0/users/${user.body.id}`, { token, body: { [property]: null } });
        expect([property, res.status, res.body.error.message]).toEqual([property, 400, `Invalid value specified for property '${property}': cannot be null`]);
      }
      expect((await call(t, 'GET', `/v1.0/users/${user.body.id}`, { token })).body).toEqual(got.body);
    },
    TIMEOUT,
  );

  // Last: it writes. Without it a corpus body the route refuses would make every class pass for the wrong reason.
  it(
    'the valid bodies of the Conditional Access and authentication methods policy routes are accepted as they are',
    async () => {
      const results: unknown[] = [];
      for (const target of targets.filter((r) => (r.key.includes(CA) && !r.key.includes(ACCR)) || r.key.includes(' /policies/'))) {
        const res = await call(t, target.method, target.path, { token, body: VALID[target.key]() });
        results.push({ route: target.label, status: res.status, error: res.body?.error?.message });
        // A restore empties the deleted item: delete it again for the other version.
        const restored = /deletedItems\/(policies|namedLocations)\/([^/]+)\/restore$/.exec(target.path);
        if (restored) expect((await call(t, 'DELETE', `/v1.0${CA}/${restored[1]}/${restored[2]}`, { token })).status).toBe(204);
      }
      expect(results.filter((r) => !/^2/.test(String((r as { status: number }).status)))).toEqual([]);
      // Policies 8, named locations 4, restores 4, What If 1 (beta only), strengths 25 (three paths, beta-only plural), the authentication methods policy 6.
      expect(results.length).toBe(48);
    },
    TIMEOUT,
  );
});

async function runPool(jobs: (() => Promise<void>)[], size: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}
