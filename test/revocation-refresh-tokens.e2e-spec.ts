import { PublicClientApplication, ServerError } from '@azure/msal-node';
import pg from 'pg';
import { claimsOf, expectSts, msalNetworkClient, tlsCall, tokenRequest } from './support/identity-platform.js';
import { PASSWORD, signInTenant } from './support/sign-in.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * revokeSignInSessions "invalidates all the refresh tokens issued to applications for a user" (Graph's page;
 * DECISIONS §9: every token of the user issued before the revocation): a refresh token from before is refused with
 * Entra's AADSTS50173, so a client that follows the nbf challenge must sign in again; one issued after is fine.
 * Refresh tokens are issued and revocations kept in whole seconds: the tests backdate the tokens' `issued_at` by a
 * minute instead of waiting (as `issuedSecondsAgo` does for access tokens).
 */
const { Client } = pg;

describe('revoked sessions: refresh tokens', () => {
  let t: TlsTestApp;
  let db: InstanceType<typeof Client>;
  beforeAll(async () => {
    t = await startTlsTestApp();
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const tenant = () =>
    signInTenant(t, {
      displayName: 'Console',
      isFallbackPublicClient: true,
      consent: 'User.Read User.ReadWrite.All',
      adminPermissions: ['User.RevokeSessions.All'],
    });
  const backdate = (tenantId: string) =>
    db.query(`UPDATE identity_platform_refresh_tokens SET issued_at = issued_at - interval '60 seconds' WHERE tenant_id = $1`, [tenantId]);

  it('revokeSignInSessions: a refresh token issued before is refused (50173); a new sign-in refreshes again', async () => {
    const { tenantId, admin, app, user, passwordGrant } = await tenant();
    const redeem = (refreshToken: string) => tokenRequest(t, tenantId, { grant_type: 'refresh_token', client_id: app.appId, refresh_token: refreshToken });
    const signIn = await passwordGrant(user.userPrincipalName);
    expect(signIn.status).toBe(200);
    await backdate(tenantId);
    // Before the revocation an old refresh token is good.
    const refreshed = await redeem(signIn.body.refresh_token);
    expect(refreshed.status).toBe(200);
    await backdate(tenantId);

    expect((await tlsCall(t, 'POST', `/v1.0/users/${user.id}/revokeSignInSessions`, admin)).status).toBe(200);
    const refused = await redeem(refreshed.body.refresh_token);
    expectSts(t, refused, 400, 'invalid_grant', 50173);
    expect(refused.body.error_description).toMatch(
      /^AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed\. .*The grant was issued on '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z' and the TokensValidFrom date \(before which tokens are not valid\) for this user is '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z'\./,
    );

    const again = await passwordGrant(user.userPrincipalName);
    expect(again.status).toBe(200);
    const next = await redeem(again.body.refresh_token);
    expect(next.status).toBe(200);
    expect((await tlsCall(t, 'GET', '/v1.0/me', next.body.access_token)).status).toBe(200);
  });

  it('a user who revokes their own sessions (/me) loses their refresh tokens too', async () => {
    const { tenantId, app, user, passwordGrant } = await tenant();
    const signIn = await passwordGrant(user.userPrincipalName, { scope: 'User.Read User.ReadWrite.All offline_access' });
    expect(signIn.status).toBe(200);
    await backdate(tenantId);
    expect((await tlsCall(t, 'POST', '/v1.0/me/revokeSignInSessions', signIn.body.access_token)).status).toBe(200);
    const refused = await tokenRequest(t, tenantId, { grant_type: 'refresh_token', client_id: app.appId, refresh_token: signIn.body.refresh_token });
    expectSts(t, refused, 400, 'invalid_grant', 50173);
  });

  it('a refresh token from before the account was disabled stays refused once it is enabled again', async () => {
    const { tenantId, admin, app, user, passwordGrant } = await tenant();
    const signIn = await passwordGrant(user.userPrincipalName);
    await backdate(tenantId);
    expect((await tlsCall(t, 'PATCH', `/v1.0/users/${user.id}`, admin, { accountEnabled: false })).status).toBe(204);
    expect((await tlsCall(t, 'PATCH', `/v1.0/users/${user.id}`, admin, { accountEnabled: true })).status).toBe(204);
    const refused = await tokenRequest(t, tenantId, { grant_type: 'refresh_token', client_id: app.appId, refresh_token: signIn.body.refresh_token });
    expectSts(t, refused, 400, 'invalid_grant', 50173);
  });

  it('msal-node: after a revocation the silent refresh fails with 50173 (a new sign-in is needed)', async () => {
    const { tenantId, admin, app, user } = await tenant();
    const pca = new PublicClientApplication({
      auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: [new URL(t.url).host], clientCapabilities: ['cp1'] },
      system: { networkClient: msalNetworkClient(t) },
    });
    const first = await pca.acquireTokenByUsernamePassword({ scopes: ['User.Read'], username: user.userPrincipalName, password: PASSWORD });
    expect(claimsOf(first!.accessToken).xms_cc).toEqual(['cp1']);
    await backdate(tenantId);
    const silent = await pca.acquireTokenSilent({ account: first!.account!, scopes: ['User.Read'], forceRefresh: true });
    expect((await tlsCall(t, 'GET', '/v1.0/me', silent.accessToken)).status).toBe(200);
    await backdate(tenantId);

    expect((await tlsCall(t, 'POST', `/v1.0/users/${user.id}/revokeSignInSessions`, admin)).status).toBe(200);
    const failure = await pca.acquireTokenSilent({ account: first!.account!, scopes: ['User.Read'], forceRefresh: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Entra sends no suberror with 50173 (azure-cli#16745): MSAL reports a ServerError; the client signs in again.
    expect(failure).toBeInstanceOf(ServerError);
    expect({ code: (failure as ServerError).errorCode, message: (failure as ServerError).errorMessage }).toEqual({
      code: 'invalid_grant',
      message: expect.stringMatching(/Description: AADSTS50173: The provided grant has expired due to it being revoked/),
    });
  });
});
