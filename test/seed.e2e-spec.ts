import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase } from './support/database.js';
import { call } from './support/http.js';
import { claimsOf, msalNetworkClient, tlsCall } from './support/identity-platform.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { application } from './support/tokens.js';

/**
 * SEED_FILE (issue #14 part 5, DECISIONS §10): the shipped example loads at start, every kind reads back through
 * Graph, MSAL gets tokens with the seeded secret and the seeded password, a second start on the same database
 * changes nothing, and a bad file stops the start with one line naming the entry, having written nothing.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'seed.json');
const SEED = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
const TENANT: string = SEED.tenants[0].id;
const [ADMIN, USER] = SEED.tenants[0].users;
const [DAEMON, PUBLIC] = SEED.tenants[0].applications;
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const POLICY_READ_ALL = '246dd0d5-5bd0-4def-940b-0421030a5b68';
const READ_ROLES = [
  'Application.Read.All',
  'AuthenticationContext.Read.All',
  'Directory.Read.All',
  'Policy.Read.All',
  'RoleManagement.Read.Directory',
  'User.Read.All',
];
const TIMEOUT = 300_000;

/** Everything the seed wrote, as Graph serves it. */
async function snapshot(t: TestApp | TlsTestApp, get: (path: string) => Promise<{ status: number; body: any }>) {
  const read = async (path: string) => {
    const res = await get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.body;
  };
  const apps = (await read('/v1.0/applications')).value;
  const sps = (await read('/v1.0/servicePrincipals')).value;
  const daemonSp = sps.find((s: any) => s.appId === DAEMON.appId);
  return {
    users: (await read('/v1.0/users')).value.map((u: any) => [u.id, u.userPrincipalName]),
    roles: (await read('/v1.0/roleManagement/directory/roleAssignments')).value.map((r: any) => [r.principalId, r.roleDefinitionId]),
    apps: apps.map((a: any) => [a.id, a.appId, a.displayName, a.isFallbackPublicClient ?? null, a.passwordCredentials.map((c: any) => c.keyId)]),
    sps: sps.map((s: any) => [s.id, s.appId]).sort(),
    appRoles: daemonSp ? (await read(`/v1.0/servicePrincipals/${daemonSp.id}/appRoleAssignments`)).value.map((a: any) => [a.id, a.appRoleId]) : [],
    grants: (await read('/v1.0/oauth2PermissionGrants')).value.map((g: any) => [g.id, g.clientId, g.consentType, g.scope]),
    contexts: (await read('/v1.0/identity/conditionalAccess/authenticationContextClassReferences')).value.map((c: any) => [c.id, c.displayName, c.isAvailable]),
    locations: (await read('/v1.0/identity/conditionalAccess/namedLocations')).value.map((l: any) => [l.id, l.displayName, l.modifiedDateTime]),
    policies: (await read('/v1.0/identity/conditionalAccess/policies')).value.map((p: any) => [p.id, p.displayName, p.state, p.modifiedDateTime]),
  };
}

describe('SEED_FILE: the example seed', () => {
  let t: TlsTestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTlsTestApp({ SEED_FILE: EXAMPLE });
    admin = application(t, READ_ROLES, { tenantId: TENANT });
  }, TIMEOUT);
  afterAll(() => t?.close());

  it(
    'reads back every kind of entry through Graph',
    async () => {
      const s = await snapshot(t, (path) => tlsCall(t, 'GET', path, admin));
      expect(s.users.sort()).toEqual(
        [
          [ADMIN.id, ADMIN.userPrincipalName],
          [USER.id, USER.userPrincipalName],
        ].sort(),
      );
      expect(s.roles).toEqual([[ADMIN.id, GLOBAL_ADMIN]]);
      expect(s.apps.map((a: unknown[]) => a.slice(1, 4)).sort()).toEqual(
        [
          [DAEMON.appId, DAEMON.displayName, null],
          [PUBLIC.appId, PUBLIC.displayName, true],
        ].sort(),
      );
      expect(s.apps.find((a: unknown[]) => a[1] === DAEMON.appId)[4]).toHaveLength(1);
      // The two apps' principals and Microsoft Graph's own.
      expect(s.sps.map((x: string[]) => x[1]).sort()).toEqual([DAEMON.appId, PUBLIC.appId, '00000003-0000-0000-c000-000000000000'].sort());
      expect(s.appRoles.map((a: string[]) => a[1])).toEqual([POLICY_READ_ALL]);
      const publicSp = s.sps.find((x: string[]) => x[1] === PUBLIC.appId)[0];
      expect(s.grants.map((g: string[]) => g.slice(1))).toEqual([[publicSp, 'AllPrincipals', 'User.Read']]);
      expect(s.contexts).toEqual([['c1', 'Sensitive actions', true]]);
      expect(s.locations.map((l: string[]) => l.slice(0, 2))).toEqual([[SEED.tenants[0].namedLocations[0].id, 'Office network']]);
      expect(s.policies.map((p: string[]) => p.slice(0, 3))).toEqual([
        [SEED.tenants[0].conditionalAccessPolicies[0].id, SEED.tenants[0].conditionalAccessPolicies[0].displayName, 'enabledForReportingButNotEnforced'],
      ]);
      const policy = await tlsCall(t, 'GET', `/v1.0/identity/conditionalAccess/policies/${s.policies[0][0]}`, admin);
      expect(policy.body.conditions.locations.excludeLocations).toEqual([SEED.tenants[0].namedLocations[0].id]);
    },
    TIMEOUT,
  );

  it(
    'MSAL: client credentials with the seeded secret give a token with the seeded application permission',
    async () => {
      const cca = new ConfidentialClientApplication({
        auth: { clientId: DAEMON.appId, clientSecret: DAEMON.secrets[0].secretText, authority: `${t.url}/${TENANT}`, knownAuthorities: [new URL(t.url).host] },
        system: { networkClient: msalNetworkClient(t) },
      });
      const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      expect(claimsOf(result!.accessToken)).toMatchObject({ tid: TENANT, appid: DAEMON.appId, roles: ['Policy.Read.All'], idtyp: 'app' });
      expect((await tlsCall(t, 'GET', '/v1.0/identity/conditionalAccess/policies', result!.accessToken)).status).toBe(200);
      // A wrong secret is refused (the seeded one is the only one).
      const wrong = new ConfidentialClientApplication({
        auth: { clientId: DAEMON.appId, clientSecret: 'not-the-seeded-secret-0000', authority: `${t.url}/${TENANT}`, knownAuthorities: [new URL(t.url).host] },
        system: { networkClient: msalNetworkClient(t) },
      });
      await expect(wrong.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })).rejects.toMatchObject({
        errorCode: 'invalid_client',
      });
    },
    TIMEOUT,
  );

  it(
    'MSAL: the seeded password signs the seeded user in through the seeded public client, with its seeded role',
    async () => {
      const pca = new PublicClientApplication({
        auth: { clientId: PUBLIC.appId, authority: `${t.url}/${TENANT}`, knownAuthorities: [new URL(t.url).host] },
        system: { networkClient: msalNetworkClient(t) },
      });
      const user = await pca.acquireTokenByUsernamePassword({
        scopes: ['User.Read'],
        username: USER.userPrincipalName,
        password: USER.passwordProfile.password,
      });
      expect(claimsOf(user!.accessToken)).toMatchObject({ tid: TENANT, oid: USER.id, scp: 'User.Read', appid: PUBLIC.appId });
      const me = await tlsCall(t, 'GET', '/v1.0/me', user!.accessToken);
      expect({ status: me.status, id: me.body.id }).toEqual({ status: 200, id: USER.id });
      const adm = await pca.acquireTokenByUsernamePassword({
        scopes: ['User.Read'],
        username: ADMIN.userPrincipalName,
        password: ADMIN.passwordProfile.password,
      });
      expect(claimsOf(adm!.accessToken).wids).toContain(GLOBAL_ADMIN);
    },
    TIMEOUT,
  );

  it(
    'a second start on the same database changes nothing',
    async () => {
      const before = await snapshot(t, (path) => tlsCall(t, 'GET', path, admin));
      const again = await startTestApp({ SEED_FILE: EXAMPLE }, [], { databaseUrl: t.db.url });
      try {
        const token = application(again, READ_ROLES, { tenantId: TENANT });
        const after = await snapshot(again, (path) => call(again, 'GET', path, { token }));
        expect(after).toEqual(before);
      } finally {
        await again.close();
      }
    },
    TIMEOUT,
  );
});

describe('SEED_FILE: strengths and method configurations', () => {
  const STRENGTH = '55555555-6666-4777-8888-999999999999';
  let t: TestApp;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-kinds-'));
    const seed = structuredClone(SEED);
    const tenant = seed.tenants[0];
    tenant.authenticationStrengthPolicies = [
      { id: STRENGTH, displayName: 'Phishing-resistant or password+SMS', allowedCombinations: ['fido2', 'password, sms'] },
    ];
    tenant.conditionalAccessPolicies.push({
      displayName: 'Strength for c1',
      state: 'enabled',
      conditions: { clientAppTypes: ['all'], applications: { includeAuthenticationContextClassReferences: ['c1'] }, users: { includeUsers: ['All'] } },
      grantControls: { operator: 'OR', authenticationStrength: { id: STRENGTH } },
    });
    tenant.authenticationMethodConfigurations = [
      {
        id: 'TemporaryAccessPass',
        '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
        state: 'enabled',
        defaultLifetimeInMinutes: 120,
      },
    ];
    file = join(dir, 'seed.json');
    await writeFile(file, JSON.stringify(seed));
    t = await startTestApp({ SEED_FILE: file });
  }, TIMEOUT);
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'reads them back through Graph, and a second start changes nothing',
    async () => {
      const token = application(t, ['Policy.Read.All'], { tenantId: TENANT });
      const read = async () => {
        const strength = await call(t, 'GET', `/v1.0/identity/conditionalAccess/authenticationStrength/policies/${STRENGTH}`, { token });
        const tap = await call(t, 'GET', '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass', { token });
        const policies = await call(t, 'GET', '/v1.0/identity/conditionalAccess/policies', { token });
        expect([strength.status, tap.status, policies.status]).toEqual([200, 200, 200]);
        return { strength: strength.body, tap: tap.body, policies: policies.body.value };
      };
      const first = await read();
      expect(first.strength).toMatchObject({ id: STRENGTH, policyType: 'custom', allowedCombinations: ['fido2', 'password,sms'] });
      expect(first.tap).toMatchObject({ state: 'enabled', defaultLifetimeInMinutes: 120 });
      const byStrength = first.policies.find((p: any) => p.displayName === 'Strength for c1');
      expect(byStrength.grantControls.authenticationStrength.id).toBe(STRENGTH);
      expect(first.policies).toHaveLength(2);
      const again = await startTestApp({ SEED_FILE: file }, [], { databaseUrl: t.db.url });
      await again.close();
      expect(await read()).toEqual(first);
    },
    TIMEOUT,
  );
});

describe('SEED_FILE: bad files stop the start with one line, having written nothing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cases: [string, string | ((seed: any) => unknown), RegExp][] = [
    ['a missing file', '', /^SEED_FILE \S+missing\.json: cannot be read \(ENOENT\)$/],
    ['bad JSON', '{"tenants": [', /^SEED_FILE \S+\.json: not valid JSON \(.+\)$/],
    ['an unknown key', (s) => ({ ...s, tenants: [{ ...s.tenants[0], groups: [] }] }), /^SEED_FILE tenants\[0\]\.groups: unknown key \(expected id, users, /],
    [
      'a bad entry in a nested list (after a good one)',
      (s) => ({ ...s, tenants: [{ ...s.tenants[0], users: [s.tenants[0].users[0], { ...s.tenants[0].users[1], userPrincipalName: 'no-domain' }] }] }),
      /^SEED_FILE tenants\[0\]\.users\[1\]\.userPrincipalName: \w+: .*userPrincipalName/,
    ],
    [
      'an unknown application permission',
      (s) => ({
        ...s,
        tenants: [{ ...s.tenants[0], applications: [{ ...s.tenants[0].applications[0], applicationPermissions: ['Policy.Read.Everything'] }] }],
      }),
      /^SEED_FILE tenants\[0\]\.applications\[0\]\.applicationPermissions\[0\]: "Policy\.Read\.Everything" is not an application permission/,
    ],
    [
      'a secret too short to be one',
      (s) => ({ ...s, tenants: [{ ...s.tenants[0], applications: [{ ...s.tenants[0].applications[0], secrets: [{ secretText: 'short' }] }] }] }),
      /^SEED_FILE tenants\[0\]\.applications\[0\]\.secrets\[0\]\.secretText: must be 16 to 256/,
    ],
    [
      'an invalid policy (after valid users and apps)',
      (s) => ({ ...s, tenants: [{ ...s.tenants[0], conditionalAccessPolicies: [{ ...s.tenants[0].conditionalAccessPolicies[0], state: 'sometimes' }] }] }),
      /^SEED_FILE tenants\[0\]\.conditionalAccessPolicies\[0\](\.state)?: .*state/,
    ],
  ];

  it.each(cases)(
    '%s',
    async (name, content, expected) => {
      const file = join(dir, content === '' ? 'missing.json' : `${name.replace(/\W+/g, '-')}.json`);
      if (typeof content === 'string' && content !== '') await writeFile(file, content);
      if (typeof content === 'function') await writeFile(file, JSON.stringify(content(structuredClone(SEED))));
      const db = await createTestDatabase();
      try {
        const error = await startTestApp({ SEED_FILE: file }, [], { databaseUrl: db.url }).then(
          async (t) => {
            await t.close();
            return null;
          },
          (e: Error) => e,
        );
        expect(error?.message).toMatch(expected);
        expect(error!.message.split('\n')).toHaveLength(1);
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          const counts = await client.query(
            `SELECT (SELECT count(*) FROM users WHERE tenant_id = $1)::int AS users, (SELECT count(*) FROM directory_applications WHERE tenant_id = $1)::int AS apps`,
            [TENANT],
          );
          expect(counts.rows[0]).toEqual({ users: 0, apps: 0 });
        } finally {
          await client.end();
        }
      } finally {
        await db.drop();
      }
    },
    TIMEOUT,
  );
});
