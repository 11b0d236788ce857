import { PublicClientApplication } from '@azure/msal-node';
import { randomUUID } from 'node:crypto';
import { claimsOf, expectSts, msalNetworkClient, tlsCall, tokenRequest } from './support/identity-platform.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';
import { application } from './support/tokens.js';

/**
 * `grant_type=password` (resource-owner password credentials, issue #14) through msal-node's PublicClientApplication
 * over HTTPS, then Entra's refusals: bad password 50126, disabled 50057, password to change 50055, no consent 65001,
 * a confidential app without its secret 7000218.
 */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const USER_ROLE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';
const PASSWORD = 'Str0ng!Passw0rd';

describe('identity platform: resource-owner password grant', () => {
  let t: TlsTestApp;
  beforeAll(async () => {
    t = await startTlsTestApp();
  });
  afterAll(() => t?.close());

  /** A tenant with a public client (consented `User.Read`, `Application.Read.All` for everyone) and a Global Reader. */
  async function tenant(options: { publicClient?: boolean; consent?: string | null } = {}) {
    const tenantId = randomUUID();
    const admin = application(t, ['Application.ReadWrite.All', 'Application.Read.All', 'User.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All', 'RoleManagement.ReadWrite.Directory'], { tenantId });
    const app = (await tlsCall(t, 'POST', '/v1.0/applications', admin, { displayName: 'Console', isFallbackPublicClient: options.publicClient ?? true })).body;
    const client = (await tlsCall(t, 'POST', '/v1.0/servicePrincipals', admin, { appId: app.appId })).body;
    const graph = (await tlsCall(t, 'GET', `/v1.0/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'`, admin)).body.value[0];
    if (options.consent !== null) {
      const grant = await tlsCall(t, 'POST', '/v1.0/oauth2PermissionGrants', admin, { clientId: client.id, consentType: 'AllPrincipals', resourceId: graph.id, scope: options.consent ?? 'User.Read Application.Read.All' });
      expect(grant.status).toBe(201);
    }
    const newUser = async (extra: Record<string, unknown> = {}) => {
      const n = `u${randomUUID().slice(0, 8)}`;
      const res = await tlsCall(t, 'POST', '/v1.0/users', admin, {
        accountEnabled: true,
        displayName: `User ${n}`,
        mailNickname: n,
        userPrincipalName: `${n}@contoso.test`,
        passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: false },
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; userPrincipalName: string; displayName: string };
    };
    const user = await newUser();
    const role = await tlsCall(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', admin, { principalId: user.id, roleDefinitionId: GLOBAL_READER, directoryScopeId: '/' });
    expect(role.status).toBe(201);
    return { tenantId, admin, app, client, user, newUser };
  }

  it('msal-node PublicClientApplication.acquireTokenByUsernamePassword: a delegated token our Graph routes accept', async () => {
    const { tenantId, app, user } = await tenant();
    const pca = new PublicClientApplication({
      auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host] },
      system: { networkClient: msalNetworkClient(t) },
    });
    const result = await pca.acquireTokenByUsernamePassword({ scopes: ['User.Read'], username: user.userPrincipalName, password: PASSWORD });
    expect(result?.account?.username).toBe(user.userPrincipalName);
    expect(result?.account?.localAccountId).toBe(user.id);
    const claims = claimsOf(result!.accessToken);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: tenantId,
      oid: user.id,
      idtyp: 'user',
      amr: ['pwd'],
      scp: 'User.Read',
      upn: user.userPrincipalName,
      name: user.displayName,
      appid: app.appId,
      appidacr: '0',
      ver: '2.0',
    });
    expect([...claims.wids].sort()).toEqual([GLOBAL_READER, USER_ROLE].sort());
    expect(claimsOf(result!.idToken)).toMatchObject({ aud: app.appId, oid: user.id, preferred_username: user.userPrincipalName });
    const me = await tlsCall(t, 'GET', '/v1.0/me', result!.accessToken);
    expect({ status: me.status, id: me.body.id }).toEqual({ status: 200, id: user.id });
    // Application.Read.All was consented but not asked for: not in this token.
    expect((await tlsCall(t, 'GET', '/v1.0/applications', result!.accessToken)).status).toBe(403);
  });

  it('`/.default` gives every consented scope', async () => {
    const { tenantId, app, user } = await tenant();
    const res = await tokenRequest(t, tenantId, { grant_type: 'password', client_id: app.appId, username: user.userPrincipalName, password: PASSWORD, scope: 'https://graph.microsoft.com/.default' });
    expect(res.status).toBe(200);
    expect(claimsOf(res.body.access_token).scp).toBe('User.Read Application.Read.All');
    expect(res.body.id_token).toBeUndefined();
    expect((await tlsCall(t, 'GET', '/v1.0/applications', res.body.access_token)).status).toBe(200);
  });

  it("refuses with Entra's numbers", async () => {
    const { tenantId, app, user, newUser } = await tenant();
    const form = { grant_type: 'password', client_id: app.appId, scope: 'openid User.Read', username: user.userPrincipalName, password: PASSWORD };
    expectSts(t, await tokenRequest(t, tenantId, { ...form, password: 'wrong' }), 400, 'invalid_grant', 50126);
    expectSts(t, await tokenRequest(t, tenantId, { ...form, username: 'nobody@contoso.test' }), 400, 'invalid_grant', 50126);
    const disabled = await newUser({ accountEnabled: false });
    expectSts(t, await tokenRequest(t, tenantId, { ...form, username: disabled.userPrincipalName }), 400, 'invalid_grant', 50057);
    // A disabled account is told only to whoever knows its password.
    expectSts(t, await tokenRequest(t, tenantId, { ...form, username: disabled.userPrincipalName, password: 'wrong' }), 400, 'invalid_grant', 50126);
    const mustChange = await newUser({ passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: true } });
    expectSts(t, await tokenRequest(t, tenantId, { ...form, username: mustChange.userPrincipalName }), 400, 'invalid_grant', 50055);
    expectSts(t, await tokenRequest(t, tenantId, { ...form, scope: 'openid Mail.Send' }), 400, 'invalid_grant', 65001);
    expectSts(t, await tokenRequest(t, tenantId, { ...form, scope: 'Not.A.Permission' }), 400, 'invalid_scope', 70011);
    expectSts(t, await tokenRequest(t, tenantId, { ...form, scope: 'api://other/read' }), 400, 'invalid_resource', 500011);
    const { password: _omitted, ...withoutPassword } = form;
    expectSts(t, await tokenRequest(t, tenantId, withoutPassword), 400, 'invalid_request', 900144);
    // The same user at another tenant's endpoint: the client is unknown there.
    const other = await tenant();
    expectSts(t, await tokenRequest(t, other.tenantId, form), 400, 'unauthorized_client', 700016);
  });

  it('a client without "Allow public client flows" must authenticate (7000218); with no consent at all, 65001', async () => {
    const confidential = await tenant({ publicClient: false });
    const form = { grant_type: 'password', client_id: confidential.app.appId, scope: 'User.Read', username: confidential.user.userPrincipalName, password: PASSWORD };
    expectSts(t, await tokenRequest(t, confidential.tenantId, form), 401, 'invalid_client', 7000218);
    const secret = (await tlsCall(t, 'POST', `/v1.0/applications/${confidential.app.id}/addPassword`, confidential.admin, { passwordCredential: {} })).body.secretText;
    const ok = await tokenRequest(t, confidential.tenantId, { ...form, client_secret: secret });
    expect(ok.status).toBe(200);
    expect(claimsOf(ok.body.access_token).appidacr).toBe('1');
    const unconsented = await tenant({ consent: null });
    expectSts(
      t,
      await tokenRequest(t, unconsented.tenantId, { grant_type: 'password', client_id: unconsented.app.appId, scope: 'User.Read', username: unconsented.user.userPrincipalName, password: PASSWORD }),
      400,
      'invalid_grant',
      65001,
    );
  });
});
