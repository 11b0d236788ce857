import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application, delegated } from './support/tokens.js';

/**
 * Beta `POST /identity/conditionalAccess/evaluate` (What If, issue #14): the sign-in evaluator answers which policies
 * apply, with Graph's whatIfAnalysisResult shape and its permission table; bad bodies are 400, never 500.
 */
const CA = '/identity/conditionalAccess';
const EVALUATE = `/beta${CA}/evaluate`;
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const APP = '8a1e3f0c-1c4b-4c0e-9b8e-3f0f7d3b9a11';

describe('What If: POST /beta/identity/conditionalAccess/evaluate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function tenant() {
    const tenantId = randomUUID();
    const admin = application(
      t,
      [
        'Policy.ReadWrite.ConditionalAccess',
        'Policy.Read.All',
        'AuthenticationContext.ReadWrite.All',
        'RoleManagement.ReadWrite.Directory',
        'User.ReadWrite.All',
      ],
      { tenantId },
    );
    const policy = async (displayName: string, over: { state?: string; conditions?: Record<string, unknown> } = {}) => {
      const res = await call(t, 'POST', `/v1.0${CA}/policies`, {
        token: admin,
        body: {
          displayName,
          state: over.state ?? 'enabled',
          conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] }, ...over.conditions },
          grantControls: { operator: 'OR', builtInControls: ['mfa'] },
        },
      });
      expect({ status: res.status, error: res.body?.error }).toEqual({ status: 201, error: undefined });
      return res.body.id as string;
    };
    return { tenantId, admin, policy };
  }

  const body = (extra: Record<string, unknown> = {}) => ({
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: '15dc174b-f34c-4588-ac45-61d6e05dce93' },
    signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: [APP] },
    signInConditions: { clientAppType: 'browser', ipAddress: '40.77.182.32', country: 'US', devicePlatform: 'android' },
    ...extra,
  });

  it('answers every policy with policyApplies and analysisReasons; appliedPoliciesOnly keeps the ones that apply', async () => {
    const { admin, policy } = await tenant();
    const all = await policy('All users, all apps');
    const location = await call(t, 'POST', `/v1.0${CA}/namedLocations`, {
      token: admin,
      body: {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        displayName: 'Office',
        isTrusted: true,
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '40.77.0.0/16' }],
      },
    });
    expect(location.status).toBe(201);
    const office = await policy('From the office', { conditions: { locations: { includeLocations: [location.body.id] } } });
    const desktop = await policy('Desktop clients', { conditions: { clientAppTypes: ['mobileAppsAndDesktopClients'] } });
    const otherApp = await policy('Another app', { conditions: { applications: { includeApplications: [randomUUID()] } } });
    const disabled = await policy('Disabled', { state: 'disabled' });
    const reportOnly = await policy('Report-only', { state: 'enabledForReportingButNotEnforced' });

    const res = await call(t, 'POST', EVALUATE, { token: admin, body: body() });
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toBe(`${t.url}/beta/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)`);
    const byId = new Map((res.body.value as { id: string; policyApplies: boolean; analysisReasons: string }[]).map((r) => [r.id, r]));
    expect(byId.size).toBe(6);
    expect(byId.get(all)).toMatchObject({
      displayName: 'All users, all apps',
      state: 'enabled',
      policyApplies: true,
      analysisReasons: 'notSet',
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    });
    expect(byId.get(office)).toMatchObject({ policyApplies: true, analysisReasons: 'notSet' });
    expect(byId.get(desktop)).toMatchObject({ policyApplies: false, analysisReasons: 'clientApps' });
    expect(byId.get(otherApp)).toMatchObject({ policyApplies: false, analysisReasons: 'application' });
    expect(byId.get(disabled)).toMatchObject({ policyApplies: false, analysisReasons: 'policyNotEnabled' });
    expect(byId.get(reportOnly)).toMatchObject({ policyApplies: true, analysisReasons: 'notSet' });

    const elsewhere = await call(t, 'POST', EVALUATE, {
      token: admin,
      body: body({ appliedPoliciesOnly: true, signInConditions: { clientAppType: 'mobileAppsAndDesktopClients', ipAddress: '10.0.0.1' } }),
    });
    expect(elsewhere.status).toBe(200);
    expect((elsewhere.body.value as { id: string }[]).map((r) => r.id).sort()).toEqual([all, desktop, reportOnly].sort());
    expect(elsewhere.body.value.every((r: { policyApplies: boolean }) => r.policyApplies)).toBe(true);
  });

  it('users by role, and an authentication context', async () => {
    const { admin, policy } = await tenant();
    const ctx = await call(t, 'PATCH', `/v1.0${CA}/authenticationContextClassReferences/c3`, {
      token: admin,
      body: { displayName: 'Sensitive', isAvailable: true },
    });
    expect([200, 201, 204]).toContain(ctx.status);
    const readers = await policy('Global readers', { conditions: { users: { includeRoles: [GLOBAL_READER] } } });
    const sensitive = await policy('Context c3', { conditions: { applications: { includeAuthenticationContextClassReferences: ['c3'] } } });
    const user = await call(t, 'POST', '/v1.0/users', {
      token: admin,
      body: {
        accountEnabled: true,
        displayName: 'Reader',
        mailNickname: 'reader',
        userPrincipalName: `reader${randomUUID().slice(0, 6)}@contoso.test`,
        passwordProfile: { password: 'Str0ng!Passw0rd' },
      },
    });
    expect(user.status).toBe(201);
    const identity = { '@odata.type': '#microsoft.graph.userSignIn', userId: user.body.id };
    const before = await call(t, 'POST', EVALUATE, { token: admin, body: body({ signInIdentity: identity, appliedPoliciesOnly: true }) });
    expect((before.body.value as { id: string }[]).map((r) => r.id)).not.toContain(readers);
    const role = await call(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', {
      token: admin,
      body: { principalId: user.body.id, roleDefinitionId: GLOBAL_READER, directoryScopeId: '/' },
    });
    expect(role.status).toBe(201);
    const after = await call(t, 'POST', EVALUATE, { token: admin, body: body({ signInIdentity: identity, appliedPoliciesOnly: true }) });
    expect((after.body.value as { id: string }[]).map((r) => r.id)).toContain(readers);
    expect((after.body.value as { id: string }[]).map((r) => r.id)).not.toContain(sensitive);
    const context = await call(t, 'POST', EVALUATE, {
      token: admin,
      body: body({
        signInIdentity: identity,
        signInContext: { '@odata.type': '#microsoft.graph.authContext', authenticationContextValue: 'c3' },
        appliedPoliciesOnly: true,
      }),
    });
    expect(context.status).toBe(200);
    expect((context.body.value as { id: string }[]).map((r) => r.id)).toEqual([sensitive]);
  });

  it('permissions: Policy.Read.All, Policy.Read.ConditionalAccess or the write permission; delegated needs a CA read role; v1.0 has no route', async () => {
    const tenantId = randomUUID();
    for (const scope of ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess']) {
      expect((await call(t, 'POST', EVALUATE, { token: application(t, [scope], { tenantId }), body: body() })).status).toBe(200);
    }
    const denied = await call(t, 'POST', EVALUATE, { token: application(t, ['User.Read.All'], { tenantId }), body: body() });
    expect({ status: denied.status, code: denied.body.error.code }).toEqual({ status: 403, code: 'AccessDenied' });
    expect((await call(t, 'POST', EVALUATE, { token: delegated(t, ['Policy.Read.All'], ['Global Reader'], { tenantId }), body: body() })).status).toBe(200);
    expect((await call(t, 'POST', EVALUATE, { token: delegated(t, ['Policy.Read.All'], [], { tenantId }), body: body() })).status).toBe(403);
    expect((await call(t, 'POST', `/v1.0${CA}/evaluate`, { token: application(t, ['Policy.Read.All'], { tenantId }), body: body() })).status).not.toBe(200);
  });

  it.each([
    ['no body fields', {}],
    ['an array', []],
    ['an unknown top-level property', { ...body(), extra: 1 }],
    ['no signInIdentity', { ...body(), signInIdentity: undefined }],
    ['an identity without a type', { ...body(), signInIdentity: { userId: '15dc174b-f34c-4588-ac45-61d6e05dce93' } }],
    ['a user id that is not a GUID', { ...body(), signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: 'x' } }],
    [
      'an unknown context type',
      { ...body(), signInContext: { '@odata.type': '#microsoft.graph.userActionContext', userAction: 'registerSecurityInformation' } },
    ],
    ['empty includeApplications', { ...body(), signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: [] } }],
    ['a bad context value', { ...body(), signInContext: { '@odata.type': '#microsoft.graph.authContext', authenticationContextValue: 'x9' } }],
    ['a bad client app type', { ...body(), signInConditions: { clientAppType: 'fax' } }],
    ['a bad IP address', { ...body(), signInConditions: { ipAddress: '999.1.1.1' } }],
    ['a bad country', { ...body(), signInConditions: { country: 'USA' } }],
    ['an unknown condition', { ...body(), signInConditions: { weather: 'rain' } }],
    ['appliedPoliciesOnly not a Boolean', { ...body(), appliedPoliciesOnly: 'yes' }],
  ])('400 BadRequest for %s', async (_name, sent) => {
    const res = await call(t, 'POST', EVALUATE, { token: application(t, ['Policy.Read.All'], { tenantId: randomUUID() }), body: sent });
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 400, code: 'BadRequest' });
  });
});
