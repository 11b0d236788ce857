import { PublicClientApplication } from '@azure/msal-node';
import { randomUUID } from 'node:crypto';
import { claimsOf, msalNetworkClient, tlsCall, tokenRequest } from './support/identity-platform.js';
import { GRAPH_APP_ID, PASSWORD, signInTenant } from './support/sign-in.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * Conditional Access at the token endpoint (issue #14 part 3, DECISIONS §10): the resource-owner password grant and
 * refresh-token redemption run the one evaluator. Block by user, role, app and location (the test client is at
 * 127.0.0.1), report-only recorded and not enforced, MFA → 50076, a context asked for in `claims` → `acrs`.
 */
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const CA = '/v1.0/identity/conditionalAccess';

describe('Conditional Access evaluation at the token endpoint', () => {
  let t: TlsTestApp;
  beforeAll(async () => {
    t = await startTlsTestApp();
  });
  afterAll(() => t?.close());

  async function tenant() {
    const s = await signInTenant(t, {
      displayName: 'Console',
      isFallbackPublicClient: true,
      adminPermissions: ['RoleManagement.ReadWrite.Directory', 'Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All', 'AuthenticationContext.ReadWrite.All'],
    });
    const { admin } = s;
    const policy = async (body: { state?: string; conditions?: Record<string, unknown>; grantControls?: Record<string, unknown> }) => {
      const res = await tlsCall(t, 'POST', `${CA}/policies`, admin, {
        displayName: `Policy ${randomUUID().slice(0, 8)}`,
        state: body.state ?? 'enabled',
        conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] }, ...body.conditions },
        grantControls: body.grantControls ?? { operator: 'OR', builtInControls: ['block'] },
      });
      expect({ status: res.status, error: res.body?.error }).toEqual({ status: 201, error: undefined });
      return res.body as { id: string; displayName: string };
    };
    const ropc = (u: { userPrincipalName: string }, extra: Record<string, string> = {}) => s.passwordGrant(u.userPrincipalName, { form: extra });
    return { ...s, policy, ropc };
  }

  /** Entra's Conditional Access refusal: the usual shape plus `suberror` and the `capolids` claims challenge. */
  function expectCaRefusal(res: { status: number; body: any }, code: number, suberror: string, policyIds: string[]) {
    expect({ status: res.status, error: res.body.error, codes: res.body.error_codes, suberror: res.body.suberror }).toEqual({
      status: 400,
      error: 'invalid_grant',
      codes: [code],
      suberror,
    });
    expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(JSON.parse(res.body.claims)).toEqual({ access_token: { capolids: { essential: true, values: policyIds } } });
    expect(res.body.access_token).toBeUndefined();
  }

  it('a block by user: 53003 for that user, the others sign in', async () => {
    const { user, newUser, policy, ropc } = await tenant();
    const other = await newUser();
    const p = await policy({ conditions: { users: { includeUsers: [user.id] } } });
    const res = await ropc(user);
    expectCaRefusal(res, 53003, 'message_only', [p.id]);
    expect(res.body.error_description).toMatch(
      /^AADSTS53003: Access has been blocked by Conditional Access policies\. The access policy does not allow token issuance\./,
    );
    expect((await ropc(other)).status).toBe(200);
  });

  it('a block by directory role, and one excluding the role', async () => {
    const { admin, user, newUser, policy, ropc } = await tenant();
    const reader = await newUser();
    expect(
      (
        await tlsCall(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', admin, {
          principalId: reader.id,
          roleDefinitionId: GLOBAL_READER,
          directoryScopeId: '/',
        })
      ).status,
    ).toBe(201);
    const p = await policy({ conditions: { users: { includeRoles: [GLOBAL_READER] } } });
    expectCaRefusal(await ropc(reader), 53003, 'message_only', [p.id]);
    expect((await ropc(user)).status).toBe(200);
  });

  it('a block by application: the client app, and Microsoft Graph (the resource) for every client', async () => {
    const first = await tenant();
    const p = await first.policy({ conditions: { applications: { includeApplications: [first.app.appId] } } });
    expectCaRefusal(await first.ropc(first.user), 53003, 'message_only', [p.id]);
    const second = await tenant();
    const other = await second.policy({ conditions: { applications: { includeApplications: [randomUUID()] } } });
    expect(other.id).toBeDefined();
    expect((await second.ropc(second.user)).status).toBe(200);
    const graph = await second.policy({ conditions: { applications: { includeApplications: [GRAPH_APP_ID] } } });
    expectCaRefusal(await second.ropc(second.user), 53003, 'message_only', [graph.id]);
  });

  it('a block by location: a named IP location 127.0.0.0/16 (Graph refuses IPv4 prefixes shorter than /9) holds the test client; excluding it lets the sign-in through', async () => {
    const { admin, user, policy, ropc } = await tenant();
    const loc = await tlsCall(t, 'POST', `${CA}/namedLocations`, admin, {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      displayName: 'Loopback',
      isTrusted: true,
      ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '127.0.0.0/16' }],
    });
    expect(loc.status).toBe(201);
    const away = await policy({ conditions: { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } } });
    expect((await ropc(user)).status).toBe(200);
    const here = await policy({ conditions: { locations: { includeLocations: [loc.body.id] } } });
    expect(away.id).not.toBe(here.id);
    expectCaRefusal(await ropc(user), 53003, 'message_only', [here.id]);
  });

  it('report-only policies are not enforced', async () => {
    const { user, policy, ropc } = await tenant();
    await policy({ state: 'enabledForReportingButNotEnforced' });
    await policy({ state: 'enabledForReportingButNotEnforced', grantControls: { operator: 'OR', builtInControls: ['mfa'] } });
    await policy({ state: 'disabled' });
    const res = await ropc(user);
    expect(res.status).toBe(200);
    expect(claimsOf(res.body.access_token).amr).toEqual(['pwd']);
  });

  it('MFA required: 50076 with basic_action; through MSAL too', async () => {
    const { tenantId, app, user, policy, ropc } = await tenant();
    const p = await policy({ grantControls: { operator: 'OR', builtInControls: ['mfa'] } });
    const res = await ropc(user);
    expectCaRefusal(res, 50076, 'basic_action', [p.id]);
    expect(res.body.error_description).toMatch(
      /^AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'\./,
    );
    const pca = new PublicClientApplication({
      auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host] },
      system: { networkClient: msalNetworkClient(t) },
    });
    const error = await pca.acquireTokenByUsernamePassword({ scopes: ['User.Read'], username: user.userPrincipalName, password: PASSWORD }).then(
      () => null,
      (e: unknown) => e as { errorCode?: string; subError?: string; claims?: string },
    );
    expect(error).toMatchObject({ errorCode: 'invalid_grant', subError: 'basic_action' });
    expect(JSON.parse(error!.claims!)).toEqual({ access_token: { capolids: { essential: true, values: [p.id] } } });
  });

  it('an authentication strength a password cannot meet: 50076', async () => {
    const { user, policy, ropc } = await tenant();
    const p = await policy({ grantControls: { operator: 'OR', authenticationStrength: { id: '00000000-0000-0000-0000-000000000004' } } });
    expectCaRefusal(await ropc(user), 50076, 'basic_action', [p.id]);
  });

  it('a device control cannot be satisfied here: 53003', async () => {
    const { user, policy, ropc } = await tenant();
    const p = await policy({ grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } });
    expectCaRefusal(await ropc(user), 53003, 'message_only', [p.id]);
  });

  it('a context asked for in claims, whose policy asks only for what was done: acrs in the token (MSAL), and xms_cc', async () => {
    const { tenantId, admin, app, user, policy } = await tenant();
    for (const id of ['c1', 'c2']) {
      const res = await tlsCall(t, 'PATCH', `${CA}/authenticationContextClassReferences/${id}`, admin, { displayName: `Context ${id}`, isAvailable: true });
      expect([200, 201, 204]).toContain(res.status);
    }
    // A password-only custom strength for c1; c2 needs MFA.
    const strength = await tlsCall(t, 'POST', `${CA}/authenticationStrength/policies`, admin, { displayName: 'Password', allowedCombinations: ['password'] });
    expect(strength.status).toBe(201);
    await policy({
      conditions: { applications: { includeAuthenticationContextClassReferences: ['c1'] } },
      grantControls: { operator: 'OR', authenticationStrength: { id: strength.body.id } },
    });
    const c2 = await policy({
      conditions: { applications: { includeAuthenticationContextClassReferences: ['c2'] } },
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    });
    const pca = new PublicClientApplication({
      auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host], clientCapabilities: ['cp1'] },
      system: { networkClient: msalNetworkClient(t) },
    });
    const result = await pca.acquireTokenByUsernamePassword({
      scopes: ['User.Read'],
      username: user.userPrincipalName,
      password: PASSWORD,
      claims: JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } }),
    });
    const claims = claimsOf(result!.accessToken);
    expect(claims).toMatchObject({ acrs: ['c1'], amr: ['pwd'], xms_cc: ['cp1'] });
    expect((await tlsCall(t, 'GET', '/v1.0/me', result!.accessToken)).status).toBe(200);
    // Without the claims parameter: no acrs; asking for c2 (MFA): 50076 naming the c2 policy.
    const plain = await tokenRequest(t, tenantId, {
      grant_type: 'password',
      client_id: app.appId,
      username: user.userPrincipalName,
      password: PASSWORD,
      scope: 'User.Read',
    });
    expect(plain.status).toBe(200);
    expect(claimsOf(plain.body.access_token).acrs).toBeUndefined();
    expect(claimsOf(plain.body.access_token).xms_cc).toBeUndefined();
    const both = await tokenRequest(t, tenantId, {
      grant_type: 'password',
      client_id: app.appId,
      username: user.userPrincipalName,
      password: PASSWORD,
      scope: 'User.Read',
      claims: JSON.stringify({ access_token: { acrs: { essential: true, values: ['c1', 'c2'] } } }),
    });
    expectCaRefusal(both, 50076, 'basic_action', [c2.id]);
  });

  it('refresh-token redemption re-evaluates: a block created after the sign-in applies', async () => {
    const { tenantId, app, user, policy, ropc } = await tenant();
    const signIn = await ropc(user);
    expect(signIn.status).toBe(200);
    const redeem = (token: string) => tokenRequest(t, tenantId, { grant_type: 'refresh_token', client_id: app.appId, refresh_token: token });
    const second = await redeem(signIn.body.refresh_token);
    expect(second.status).toBe(200);
    const p = await policy({ conditions: { users: { includeUsers: [user.id] } } });
    expectCaRefusal(await redeem(second.body.refresh_token), 53003, 'message_only', [p.id]);
  });

  it.each([
    ['not JSON', '{acrs'],
    ['an array', '[]'],
    ['a number as the context', '{"access_token":{"acrs":{"essential":true,"value":1}}}'],
    ['values not an array', '{"access_token":{"xms_cc":{"values":"cp1"}}}'],
  ])('a malformed claims parameter (%s): 400 invalid_request, no token', async (_name, claimsParam) => {
    const { user, ropc } = await tenant();
    const res = await ropc(user, { claims: claimsParam });
    expect({ status: res.status, error: res.body.error, codes: res.body.error_codes }).toEqual({ status: 400, error: 'invalid_request', codes: [900144] });
    expect(res.body.access_token).toBeUndefined();
  });
});
