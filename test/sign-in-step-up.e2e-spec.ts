import { CryptoProvider, PublicClientApplication } from '@azure/msal-node';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { claimsOf, msalNetworkClient, tlsCall } from './support/identity-platform.js';
import { PASSWORD, startCallbackServer } from './support/sign-in.js';
import { CA, loopTenant } from './support/step-up-loop.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * The full MSAL step-up loop (issue #14 part 3, #15): creating a named location is bound to authentication context c1,
 * a policy requires MFA for c1. msal-node's PublicClientApplication (`clientCapabilities: ['cp1']`) signs in through
 * our authorize endpoint and page in headless Chromium (password only), calls the protected Graph route, gets the 401
 * claims challenge, asks again with those claims, signs in with password + Temporary Access Pass, and the new token
 * (`acrs: ["c1"]`) passes. The sign-in logs show both sign-ins with the policy's result.
 */
const TIMEOUT = 240_000;
const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';
const RESOURCE_ACTIONS = '/beta/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions';
const CREATE_LOCATION = 'microsoft.directory-namedLocations-create-post';
const CA_ADMINISTRATOR = 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9';
const SCOPE = 'Policy.ReadWrite.ConditionalAccess';

describe('the MSAL step-up loop through our own sign-in page', () => {
  let t: TlsTestApp;
  let browser: Browser;
  let callback: Awaited<ReturnType<typeof startCallbackServer>>;
  let CALLBACK = '';
  beforeAll(async () => {
    t = await startTlsTestApp();
    browser = await launchChromium();
    callback = await startCallbackServer();
    CALLBACK = callback.url;
  }, TIMEOUT);
  afterAll(async () => {
    await callback?.close();
    await browser?.close();
    await t?.close();
  }, TIMEOUT);

  /** Opens the authorize URL in Chromium: password, then (when asked) the TAP; answers the code at the redirect URI. */
  async function signInInBrowser(url: string, loginfmt: string, tap?: string): Promise<{ code: string; askedForTap: boolean }> {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      await page.goto(url);
      await page.fill('input[name="loginfmt"]', loginfmt);
      await page.fill('input[name="passwd"]', PASSWORD);
      await Promise.all([page.waitForLoadState('load'), page.click('#idSIButton9')]);
      let askedForTap = false;
      if (!page.url().startsWith(CALLBACK)) {
        await page.waitForSelector('input[name="otc"]');
        askedForTap = (await page.getAttribute('#idDiv_SAOTCC_Description', 'data-method')) === 'temporaryAccessPass';
        await page.fill('input[name="otc"]', tap ?? '');
        await Promise.all([page.waitForURL(`${CALLBACK}**`), page.click('#idSIButton9')]);
      }
      await page.waitForURL(`${CALLBACK}**`);
      const code = new URL(page.url()).searchParams.get('code');
      if (!code) throw new Error(`no code: ${page.url()}`);
      return { code, askedForTap };
    } finally {
      await context.close();
    }
  }

  it(
    'cp1 token → 401 claims challenge → getAuthCodeUrl({claims}) → password + TAP → acquireTokenByCode({claims}) → acrs c1 → the call passes',
    async () => {
      const x = await loopTenant(t, CALLBACK, { consent: `User.Read ${SCOPE}` });
      // The user administers Conditional Access; creating a named location needs context c1; c1 needs MFA.
      const role = await tlsCall(t, 'POST', '/v1.0/roleManagement/directory/roleAssignments', x.caAdmin, {
        principalId: x.user.id,
        roleDefinitionId: CA_ADMINISTRATOR,
        directoryScopeId: '/',
      });
      expect(role.status).toBe(201);
      expect((await tlsCall(t, 'PATCH', `${ACCR}/c1`, x.caAdmin, { displayName: 'Sensitive changes', isAvailable: true })).status).toBe(204);
      expect((await tlsCall(t, 'PATCH', `${RESOURCE_ACTIONS}/${CREATE_LOCATION}`, x.caAdmin, { authenticationContextId: 'c1' })).status).toBe(204);
      const policy = await x.policy({ conditions: { applications: { includeAuthenticationContextClassReferences: ['c1'] } } });
      await x.enableTap();
      const tap = await x.addTap(x.user.id, true);

      const pca = new PublicClientApplication({
        auth: { clientId: x.app.appId, authority: `${t.url}/${x.tenantId}`, knownAuthorities: [new URL(t.url).host], clientCapabilities: ['cp1'] },
        system: { networkClient: msalNetworkClient(t) },
      });
      const crypto = new CryptoProvider();

      // 1. An ordinary sign-in: the c1 policy does not apply, the password is enough.
      const first = await crypto.generatePkceCodes();
      const firstUrl = await pca.getAuthCodeUrl({ scopes: [SCOPE], redirectUri: CALLBACK, codeChallenge: first.challenge, codeChallengeMethod: 'S256' });
      const signedIn = await signInInBrowser(firstUrl, x.user.userPrincipalName);
      expect(signedIn.askedForTap).toBe(false);
      const plain = await pca.acquireTokenByCode({ code: signedIn.code, codeVerifier: first.verifier, redirectUri: CALLBACK, scopes: [SCOPE] });
      expect(claimsOf(plain.accessToken)).toMatchObject({ oid: x.user.id, amr: ['pwd'], xms_cc: ['cp1'] });
      expect(claimsOf(plain.accessToken).acrs).toBeUndefined();

      // 2. The protected call: Graph's claims challenge.
      const location = {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        displayName: 'Office',
        isTrusted: false,
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
      };
      const refused = await fetch(`${t.url}${CA}/namedLocations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${plain.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(location),
        dispatcher: t.dispatcher,
      } as RequestInit);
      expect(refused.status).toBe(401);
      const challenge = refused.headers.get('www-authenticate') ?? '';
      expect(challenge).toContain('error="insufficient_claims"');
      const claims = Buffer.from(/claims="([^"]+)"/.exec(challenge)![1], 'base64').toString('utf8');
      expect(JSON.parse(claims)).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } });

      // 3. MSAL asks again with the claims: the page wants the second factor; the new token carries acrs c1.
      const second = await crypto.generatePkceCodes();
      const stepUpUrl = await pca.getAuthCodeUrl({
        scopes: [SCOPE],
        redirectUri: CALLBACK,
        claims,
        codeChallenge: second.challenge,
        codeChallengeMethod: 'S256',
      });
      const steppedUp = await signInInBrowser(stepUpUrl, x.user.userPrincipalName, tap);
      expect(steppedUp.askedForTap).toBe(true);
      const strong = await pca.acquireTokenByCode({ code: steppedUp.code, codeVerifier: second.verifier, redirectUri: CALLBACK, scopes: [SCOPE], claims });
      const strongClaims = claimsOf(strong.accessToken);
      expect(strongClaims).toMatchObject({ oid: x.user.id, acrs: ['c1'], xms_cc: ['cp1'] });
      expect(strongClaims.amr).toEqual(expect.arrayContaining(['mfa']));

      // 4. The retry passes.
      const created = await tlsCall(t, 'POST', `${CA}/namedLocations`, strong.accessToken, location);
      expect({ status: created.status, error: created.body?.error }).toEqual({ status: 201, error: undefined });

      // The sign-in logs: the first sign-in (policy not applied), the step-up (policy satisfied, password + TAP).
      const logs = (await x.signIns()).filter((l) => l.isInteractive && l.status.errorCode === 0 && l.clientAppUsed === 'Browser');
      expect(logs).toHaveLength(2);
      const [stepUpLog, firstLog] = logs;
      expect(stepUpLog).toMatchObject({
        authenticationRequirement: 'multiFactorAuthentication',
        authenticationMethodsUsed: ['Password', 'Temporary Access Pass'],
        conditionalAccessStatus: 'success',
      });
      expect(stepUpLog.appliedConditionalAccessPolicies).toEqual([expect.objectContaining({ id: policy.id, result: 'success' })]);
      expect(firstLog).toMatchObject({ authenticationRequirement: 'singleFactorAuthentication', authenticationMethodsUsed: ['Password'] });
      expect(firstLog.appliedConditionalAccessPolicies).toEqual([expect.objectContaining({ id: policy.id, result: 'notApplied' })]);
    },
    TIMEOUT,
  );
});
