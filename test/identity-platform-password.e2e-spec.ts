import { PublicClientApplication } from '@azure/msal-node';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { claimsOf, expectSts, msalNetworkClient, tlsCall, tokenRequest } from './support/identity-platform.js';
import { PASSWORD, signInTenant } from './support/sign-in.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * `grant_type=password` (resource-owner password credentials, issue #14) through msal-node's PublicClientApplication
 * over HTTPS, then Entra's refusals: bad password 50126, disabled 50057, password to change 50055, no consent 65001,
 * a confidential app without its secret 7000218.
 */
const { Client } = pg;
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const USER_ROLE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

describe('identity platform: resource-owner password grant', () => {
  let t: TlsTestApp;
  beforeAll(async () => {
    t = await startTlsTestApp();
  });
  afterAll(() => t?.close());

  /** A tenant with a public client (consented `User.Read`, `Application.Read.All` for everyone) and a Global Reader. */
  const tenant = (options: { publicClient?: boolean; consent?: string | null } = {}) =>
    signInTenant(t, {
      displayName: 'Console',
      isFallbackPublicClient: options.publicClient ?? true,
      consent: options.consent === undefined ? 'User.Read Application.Read.All' : options.consent,
      userRoles: [GLOBAL_READER],
    });

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

  it('msal-node acquireTokenSilent with forceRefresh redeems the refresh token', async () => {
    const { tenantId, app, user } = await tenant();
    const pca = new PublicClientApplication({
      auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host] },
      system: { networkClient: msalNetworkClient(t) },
    });
    const first = await pca.acquireTokenByUsernamePassword({ scopes: ['User.Read'], username: user.userPrincipalName, password: PASSWORD });
    const again = await pca.acquireTokenSilent({ account: first!.account!, scopes: ['User.Read'], forceRefresh: true });
    expect(again.accessToken).not.toBe(first!.accessToken);
    expect(claimsOf(again.accessToken)).toMatchObject({ oid: user.id, scp: 'User.Read' });
    expect((await tlsCall(t, 'GET', '/v1.0/me', again.accessToken)).status).toBe(200);
  });

  it('refresh tokens rotate: single-use, bound to the client, stored as SHA-256 only', async () => {
    const { tenantId, app, user } = await tenant();
    const other = await tenant();
    const signIn = await tokenRequest(t, tenantId, {
      grant_type: 'password',
      client_id: app.appId,
      username: user.userPrincipalName,
      password: PASSWORD,
      scope: 'User.Read offline_access',
    });
    const first = signIn.body.refresh_token as string;
    // `0.<tenant>.<32 random bytes>`: the tenant travels in the value (for /common), as in Entra's.
    expect(first).toMatch(/^0\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const redeem = (token: string, clientId = app.appId, at = tenantId) =>
      tokenRequest(t, at, { grant_type: 'refresh_token', client_id: clientId, refresh_token: token });
    const second = await redeem(first);
    expect(second.status).toBe(200);
    expect(claimsOf(second.body.access_token)).toMatchObject({ oid: user.id, scp: 'User.Read' });
    expect(second.body.refresh_token).not.toBe(first);
    expectSts(t, await redeem(first), 400, 'invalid_grant', 70000);
    // Another tenant's client at its own endpoint: unknown there (and the token stays redeemable by its owner).
    expectSts(t, await redeem(second.body.refresh_token, other.app.appId, other.tenantId), 400, 'invalid_grant', 70000);
    expectSts(t, await redeem('not-a-token'), 400, 'invalid_grant', 70000);
    expect((await redeem(second.body.refresh_token)).status).toBe(200);
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    try {
      const rows = (
        await pg.query('SELECT token_hash, used_at FROM identity_platform_refresh_tokens WHERE tenant_id = $1 ORDER BY used_at NULLS LAST', [tenantId])
      ).rows;
      expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(first).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(first);
      expect(rows.filter((r) => r.used_at === null)).toHaveLength(1);
    } finally {
      await pg.end();
    }
  });

  it('`/.default` gives every consented scope', async () => {
    const { tenantId, app, user } = await tenant();
    const res = await tokenRequest(t, tenantId, {
      grant_type: 'password',
      client_id: app.appId,
      username: user.userPrincipalName,
      password: PASSWORD,
      scope: 'https://graph.microsoft.com/.default',
    });
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
    const form = {
      grant_type: 'password',
      client_id: confidential.app.appId,
      scope: 'User.Read',
      username: confidential.user.userPrincipalName,
      password: PASSWORD,
    };
    expectSts(t, await tokenRequest(t, confidential.tenantId, form), 401, 'invalid_client', 7000218);
    const secret = (await tlsCall(t, 'POST', `/v1.0/applications/${confidential.app.id}/addPassword`, confidential.admin, { passwordCredential: {} })).body
      .secretText;
    const ok = await tokenRequest(t, confidential.tenantId, { ...form, client_secret: secret });
    expect(ok.status).toBe(200);
    expect(claimsOf(ok.body.access_token).appidacr).toBe('1');
    const unconsented = await tenant({ consent: null });
    expectSts(
      t,
      await tokenRequest(t, unconsented.tenantId, {
        grant_type: 'password',
        client_id: unconsented.app.appId,
        scope: 'User.Read',
        username: unconsented.user.userPrincipalName,
        password: PASSWORD,
      }),
      400,
      'invalid_grant',
      65001,
    );
  });
});
