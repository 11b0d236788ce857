import { ConfidentialClientApplication, CryptoProvider, PublicClientApplication } from '@azure/msal-node';
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { claimsOf, expectSts, msalNetworkClient, tlsCall, tokenRequest } from './support/identity-platform.js';
import { cookieOf, flowTokenOf, PASSWORD, postStep, rawFetch, signInOverHttp, signInTenant } from './support/sign-in.js';
import { startTlsTestApp, type TlsTestApp } from './support/tls.js';

/**
 * The authorize endpoint, the sign-in page and the authorization-code grant with PKCE (issue #14, DECISIONS §10):
 * msal-node's public and confidential clients with the page driven in headless Chromium, then the hostile cases over
 * plain HTTP (replay, PKCE, unregistered redirect URIs never redirected to, CSRF, escaping).
 */
const { Client } = pg;
const TIMEOUT = 180_000;
/** The app's redirect URI: a tiny local server that records what reached it (set in beforeAll). */
let CALLBACK = '';

describe('identity platform: authorize, the sign-in page, authorization code + PKCE', () => {
  let t: TlsTestApp;
  let browser: Browser;
  let callbackServer: Server;
  const reached: string[] = [];
  beforeAll(async () => {
    t = await startTlsTestApp();
    browser = await launchChromium();
    callbackServer = createServer((req, res) => {
      reached.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in');
    });
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    CALLBACK = `http://localhost:${(callbackServer.address() as { port: number }).port}/cb`;
  }, TIMEOUT);
  afterAll(async () => {
    await new Promise((resolve) => callbackServer?.close(resolve));
    await browser?.close();
    await t?.close();
  }, TIMEOUT);

  const msalSystem = () => ({ networkClient: msalNetworkClient(t) });
  const knownAuthorities = () => [new URL(t.url).host];

  /** Opens `url` in Chromium, signs in on the page, and answers the URL the browser was sent to at the redirect URI. */
  async function signInInBrowser(url: string, loginfmt: string, passwd: string): Promise<URL> {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      await page.goto(url);
      await page.fill('input[name="loginfmt"]', loginfmt);
      await page.fill('input[name="passwd"]', passwd);
      await Promise.all([page.waitForURL(`${CALLBACK}**`), page.click('#idSIButton9')]);
      return new URL(page.url());
    } finally {
      await context.close();
    }
  }

  it(
    'msal-node PublicClientApplication: getAuthCodeUrl with PKCE, the page in Chromium, acquireTokenByCode, /me, silent refresh',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { publicClient: [CALLBACK] });
      const pca = new PublicClientApplication({ auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: knownAuthorities() }, system: msalSystem() });
      const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
      const url = await pca.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: CALLBACK, codeChallenge: challenge, codeChallengeMethod: 'S256', state: 'st-1', nonce: 'n-1' });
      const back = await signInInBrowser(url, user.userPrincipalName, PASSWORD);
      expect(back.searchParams.get('state')).toBe('st-1');
      const code = back.searchParams.get('code')!;
      expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const result = await pca.acquireTokenByCode({ code, codeVerifier: verifier, redirectUri: CALLBACK, scopes: ['User.Read'] });
      expect(result.account?.username).toBe(user.userPrincipalName);
      expect(claimsOf(result.accessToken)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: tenantId, oid: user.id, scp: 'User.Read', amr: ['pwd'], appid: app.appId, appidacr: '0', idtyp: 'user' });
      expect(claimsOf(result.idToken)).toMatchObject({ aud: app.appId, oid: user.id, nonce: 'n-1' });
      const me = await tlsCall(t, 'GET', '/v1.0/me', result.accessToken);
      expect({ status: me.status, id: me.body.id }).toEqual({ status: 200, id: user.id });

      const again = await pca.acquireTokenSilent({ account: result.account!, scopes: ['User.Read'], forceRefresh: true });
      expect(again.accessToken).not.toBe(result.accessToken);
      expect((await tlsCall(t, 'GET', '/v1.0/me', again.accessToken)).status).toBe(200);
    },
    TIMEOUT,
  );

  it(
    'msal-node ConfidentialClientApplication (web redirect URI, secret) with PKCE; form_post delivers the code too',
    async () => {
      const { tenantId, app, admin, user } = await signInTenant(t, { web: [CALLBACK] });
      const secret = (await tlsCall(t, 'POST', `/v1.0/applications/${app.id}/addPassword`, admin, { passwordCredential: {} })).body.secretText as string;
      const cca = new ConfidentialClientApplication({ auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, clientSecret: secret, knownAuthorities: knownAuthorities() }, system: msalSystem() });
      const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
      const url = await cca.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: CALLBACK, codeChallenge: challenge, codeChallengeMethod: 'S256' });
      const back = await signInInBrowser(url, user.userPrincipalName, PASSWORD);
      const result = await cca.acquireTokenByCode({ code: back.searchParams.get('code')!, codeVerifier: verifier, redirectUri: CALLBACK, scopes: ['User.Read'] });
      expect(claimsOf(result.accessToken)).toMatchObject({ oid: user.id, appidacr: '1' });
      expect((await tlsCall(t, 'GET', '/v1.0/me', result.accessToken)).status).toBe(200);

      // form_post, without a browser: a page whose form posts code and state to the redirect URI.
      const posted = await signInOverHttp(t, `/${tenantId}/oauth2/v2.0/authorize?client_id=${app.appId}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=User.Read&response_mode=form_post&state=s%22x`, user.userPrincipalName, PASSWORD);
      expect(posted.status).toBe(200);
      expect(posted.text).toContain(`<form method="post" action="${CALLBACK}">`);
      expect(posted.text).toContain('name="state" value="s&quot;x"');
      const code = /name="code" value="([^"]+)"/.exec(posted.text)![1];
      // A web code needs the client's credential: without it 7000218, with it the tokens.
      expectSts(t, await tokenRequest(t, tenantId, { grant_type: 'authorization_code', client_id: app.appId, code, redirect_uri: CALLBACK, scope: 'User.Read' }), 401, 'invalid_client', 7000218);
      const ok = await tokenRequest(t, tenantId, { grant_type: 'authorization_code', client_id: app.appId, client_secret: secret, code, redirect_uri: CALLBACK, scope: 'User.Read' });
      expect(ok.status).toBe(200);
    },
    TIMEOUT,
  );
});
