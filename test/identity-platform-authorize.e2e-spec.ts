import { ConfidentialClientApplication, CryptoProvider, PublicClientApplication } from '@azure/msal-node';
import { createHash } from 'node:crypto';
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
      const pca = new PublicClientApplication({
        auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, knownAuthorities: knownAuthorities() },
        system: msalSystem(),
      });
      const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
      const url = await pca.getAuthCodeUrl({
        scopes: ['User.Read'],
        redirectUri: CALLBACK,
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
        state: 'st-1',
        nonce: 'n-1',
      });
      const back = await signInInBrowser(url, user.userPrincipalName, PASSWORD);
      expect(back.searchParams.get('state')).toBe('st-1');
      const code = back.searchParams.get('code')!;
      expect(code).toMatch(/^0\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);

      const result = await pca.acquireTokenByCode({ code, codeVerifier: verifier, redirectUri: CALLBACK, scopes: ['User.Read'] });
      expect(result.account?.username).toBe(user.userPrincipalName);
      expect(claimsOf(result.accessToken)).toMatchObject({
        aud: 'https://graph.microsoft.com',
        tid: tenantId,
        oid: user.id,
        scp: 'User.Read',
        amr: ['pwd'],
        appid: app.appId,
        appidacr: '0',
        idtyp: 'user',
      });
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
      const cca = new ConfidentialClientApplication({
        auth: { clientId: app.appId, authority: `${t.url}/${tenantId}`, clientSecret: secret, knownAuthorities: knownAuthorities() },
        system: msalSystem(),
      });
      const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
      const url = await cca.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: CALLBACK, codeChallenge: challenge, codeChallengeMethod: 'S256' });
      const back = await signInInBrowser(url, user.userPrincipalName, PASSWORD);
      const result = await cca.acquireTokenByCode({
        code: back.searchParams.get('code')!,
        codeVerifier: verifier,
        redirectUri: CALLBACK,
        scopes: ['User.Read'],
      });
      expect(claimsOf(result.accessToken)).toMatchObject({ oid: user.id, appidacr: '1' });
      expect((await tlsCall(t, 'GET', '/v1.0/me', result.accessToken)).status).toBe(200);

      // form_post, without a browser: a page whose form posts code and state to the redirect URI.
      const posted = await signInOverHttp(
        t,
        `/${tenantId}/oauth2/v2.0/authorize?client_id=${app.appId}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=User.Read&response_mode=form_post&state=s%22x`,
        user.userPrincipalName,
        PASSWORD,
      );
      expect(posted.status).toBe(200);
      expect(posted.text).toContain(`<form method="post" action="${CALLBACK}">`);
      expect(posted.text).toContain('name="state" value="s&quot;x"');
      const code = /name="code" value="([^"]+)"/.exec(posted.text)![1];
      // A web code needs the client's credential: without it 7000218, with it the tokens.
      expectSts(
        t,
        await tokenRequest(t, tenantId, { grant_type: 'authorization_code', client_id: app.appId, code, redirect_uri: CALLBACK, scope: 'User.Read' }),
        401,
        'invalid_client',
        7000218,
      );
      const ok = await tokenRequest(t, tenantId, {
        grant_type: 'authorization_code',
        client_id: app.appId,
        client_secret: secret,
        code,
        redirect_uri: CALLBACK,
        scope: 'User.Read',
      });
      expect(ok.status).toBe(200);
    },
    TIMEOUT,
  );

  describe('hostile', () => {
    const CB = 'http://localhost:1/cb';
    const verifier = 'v'.repeat(43) + '-verifier-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorizeUrl = (tenantId: string, clientId: string, extra: Record<string, string> = {}) =>
      `/${tenantId}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: CB, scope: 'openid offline_access User.Read', code_challenge: challenge, code_challenge_method: 'S256', state: 'st', ...extra })}`;
    /** Signs in over HTTP and answers the code from the 302 to the redirect URI. */
    async function codeFor(tenantId: string, clientId: string, upn: string, extra: Record<string, string> = {}) {
      const res = await signInOverHttp(t, authorizeUrl(tenantId, clientId, extra), upn, PASSWORD);
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(CB);
      return location.searchParams.get('code')!;
    }
    const redeem = (tenantId: string, form: Record<string, string>) =>
      tokenRequest(t, tenantId, { grant_type: 'authorization_code', redirect_uri: CB, code_verifier: verifier, scope: 'User.Read', ...form });

    it(
      'codes: stored hashed, single-use (a replay is 54005; of concurrent redemptions one wins), bound to client, redirect URI and PKCE',
      async () => {
        const { tenantId, app, user } = await signInTenant(t, { publicClient: [CB] });
        const other = await signInTenant(t, { publicClient: [CB] });
        const code = await codeFor(tenantId, app.appId, user.userPrincipalName);
        const db = new Client({ connectionString: t.db.url });
        await db.connect();
        try {
          const rows = await db.query('SELECT code_hash FROM identity_platform_authorization_codes WHERE tenant_id = $1', [tenantId]);
          expect(rows.rows).toEqual([{ code_hash: createHash('sha256').update(code).digest('hex') }]);
        } finally {
          await db.end();
        }
        // Wrong verifier, no verifier, another redirect URI, another client: refused, and the code is not spent.
        expectSts(t, await redeem(tenantId, { client_id: app.appId, code, code_verifier: 'x'.repeat(43) }), 400, 'invalid_grant', 501481);
        const { code_verifier: _v, ...noVerifier } = { client_id: app.appId, code, code_verifier: '' };
        expectSts(
          t,
          await tokenRequest(t, tenantId, { grant_type: 'authorization_code', redirect_uri: CB, scope: 'User.Read', ...noVerifier }),
          400,
          'invalid_request',
          900144,
        );
        expectSts(t, await redeem(tenantId, { client_id: app.appId, code, redirect_uri: 'http://localhost:1/other' }), 400, 'invalid_grant', 70000);
        // A client of another tenant is unknown here; the same client id at another tenant knows no such code.
        expectSts(t, await redeem(tenantId, { client_id: other.app.appId, code }), 400, 'unauthorized_client', 700016);
        expectSts(t, await redeem(other.tenantId, { client_id: other.app.appId, code }), 400, 'invalid_grant', 70000);
        const first = await redeem(tenantId, { client_id: app.appId, code });
        expect(first.status).toBe(200);
        expect(claimsOf(first.body.access_token)).toMatchObject({ oid: user.id, scp: 'User.Read' });
        expectSts(t, await redeem(tenantId, { client_id: app.appId, code }), 400, 'invalid_grant', 54005);

        const raced = await codeFor(tenantId, app.appId, user.userPrincipalName);
        const results = await Promise.all([1, 2, 3, 4].map(() => redeem(tenantId, { client_id: app.appId, code: raced })));
        expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
      },
      TIMEOUT,
    );

    it(
      "a second app of the same tenant cannot redeem the first one's code (70000)",
      async () => {
        const { tenantId, app, user, admin } = await signInTenant(t, { publicClient: [CB] });
        const second = (await tlsCall(t, 'POST', '/v1.0/applications', admin, { displayName: 'Other', publicClient: { redirectUris: [CB] } })).body;
        expect((await tlsCall(t, 'POST', '/v1.0/servicePrincipals', admin, { appId: second.appId })).status).toBe(201);
        const code = await codeFor(tenantId, app.appId, user.userPrincipalName);
        expectSts(t, await redeem(tenantId, { client_id: second.appId, code }), 400, 'invalid_grant', 70000);
        expect((await redeem(tenantId, { client_id: app.appId, code })).status).toBe(200);
      },
      TIMEOUT,
    );

    it(
      'an unregistered redirect URI, an unknown client, a client of another tenant: an error page, never a redirect',
      async () => {
        const { tenantId, app } = await signInTenant(t, { publicClient: [CB] });
        const other = await signInTenant(t, { publicClient: [CB] });
        const cases: [string, number][] = [
          [authorizeUrl(tenantId, app.appId, { redirect_uri: 'https://evil.example/cb' }), 50011],
          [authorizeUrl(tenantId, app.appId, { redirect_uri: `${CB}/` }), 50011],
          [authorizeUrl(tenantId, '11111111-2222-3333-4444-555555555555'), 700016],
          [authorizeUrl(other.tenantId, app.appId), 700016],
          [authorizeUrl('not-a-tenant', app.appId), 90002],
          [authorizeUrl(tenantId, app.appId, { redirect_uri: '' }), 900144],
        ];
        for (const [url, code] of cases) {
          const res = await rawFetch(t, url);
          expect({ url, status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type') }).toEqual({
            url,
            status: 400,
            location: null,
            type: 'text/html; charset=utf-8',
          });
          expect(res.text).toContain(`AADSTS${code}:`);
          // Named in the text as Entra does, never as something a browser would follow.
          expect(res.text).not.toMatch(/<form|href=|http-equiv|<script/);
        }
      },
      TIMEOUT,
    );

    it(
      'after the redirect URI is trusted, refusals go back to it with error, AADSTS description and state',
      async () => {
        const { tenantId, app } = await signInTenant(t, { publicClient: [CB] });
        const cases: [Record<string, string>, string, number][] = [
          [{ response_type: 'token' }, 'unsupported_response_type', 70005],
          [{ prompt: 'none' }, 'login_required', 50058],
          [{ code_challenge_method: 'plain', code_challenge: verifier }, 'invalid_request', 501491],
          [{ code_challenge: '', code_challenge_method: '' }, 'invalid_request', 9002325],
          [{ scope: 'https://other.example/.default' }, 'invalid_resource', 500011],
          [{ claims: '{not json' }, 'invalid_request', 90023],
        ];
        for (const [extra, error, code] of cases) {
          const res = await rawFetch(t, authorizeUrl(tenantId, app.appId, extra));
          expect(res.status).toBe(302);
          const location = new URL(res.headers.get('location')!);
          expect({
            extra,
            to: `${location.origin}${location.pathname}`,
            error: location.searchParams.get('error'),
            state: location.searchParams.get('state'),
          }).toEqual({ extra, to: CB, error, state: 'st' });
          expect(location.searchParams.get('error_description')).toMatch(new RegExp(`^AADSTS${code}: `));
        }
        // fragment mode: the error in the fragment.
        const fragment = await rawFetch(t, authorizeUrl(tenantId, app.appId, { response_mode: 'fragment', prompt: 'none' }));
        expect(fragment.headers.get('location')).toMatch(new RegExp(`^${CB}#error=login_required&`));
      },
      TIMEOUT,
    );

    it(
      "the page escapes login_hint and state, and refuses a form without the transaction cookie or with another browser's",
      async () => {
        const { tenantId, app, user, newUser } = await signInTenant(t, { publicClient: [CB] });
        const hint = '"><script>alert(1)</script><b x="';
        const page = await rawFetch(t, authorizeUrl(tenantId, app.appId, { login_hint: hint, state: '<img src=x onerror=alert(2)>' }));
        expect(page.status).toBe(200);
        expect(page.text).not.toContain('<script>alert(1)');
        expect(page.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b x=&quot;"');
        expect(page.text).not.toContain('<img');
        expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
        expect(page.headers.get('x-frame-options')).toBe('DENY');
        expect(page.headers.get('set-cookie')).toMatch(/^graphdev_signin=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/);
        const flowToken = flowTokenOf(page.text);
        const form = { flowToken, loginfmt: user.userPrincipalName, passwd: PASSWORD };
        const noCookie = await postStep(t, tenantId, undefined, form);
        expect({ status: noCookie.status, location: noCookie.headers.get('location') }).toEqual({ status: 400, location: null });
        expect(noCookie.text).toContain('AADSTS90014');
        const otherBrowser = await rawFetch(t, authorizeUrl(tenantId, app.appId));
        expect((await postStep(t, tenantId, cookieOf(otherBrowser.headers), form)).status).toBe(400);
        // Wrong password: the page again with Entra's message; then the right one completes, once.
        const cookie = cookieOf(page.headers);
        const wrong = await postStep(t, tenantId, cookie, { ...form, passwd: 'nope' });
        expect(wrong.status).toBe(200);
        expect(wrong.text).toContain('Your account or password is incorrect. If you don&#39;t remember your password, reset it now.');
        expect(wrong.text).toContain('data-aadsts="50126"');
        const ok = await postStep(t, tenantId, cookie, form);
        expect(ok.status).toBe(302);
        expect(new URL(ok.headers.get('location')!).searchParams.get('state')).toBe('<img src=x onerror=alert(2)>');
        const replay = await postStep(t, tenantId, cookie, form);
        expect(replay.status).toBe(400);
        expect(replay.text).toContain('AADSTS50089');
        // Disabled account: 50057 on the page; a password to change: 50055.
        const disabled = await newUser({ accountEnabled: false });
        const d = await signInOverHttp(t, authorizeUrl(tenantId, app.appId), disabled.userPrincipalName, PASSWORD);
        expect({ status: d.status, has: d.text.includes('AADSTS50057') }).toEqual({ status: 400, has: true });
        const mustChange = await newUser({ passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: true } });
        const c = await signInOverHttp(t, authorizeUrl(tenantId, app.appId), mustChange.userPrincipalName, PASSWORD);
        expect({ status: c.status, has: c.text.includes('AADSTS50055') }).toEqual({ status: 400, has: true });
      },
      TIMEOUT,
    );
  });

  it(
    'logout: clears the sign-in cookie; redirects only to a URI registered for the client named by client_id or id_token_hint',
    async () => {
      const { tenantId, app } = await signInTenant(t, { web: [CALLBACK] });
      const hint = `e30.${Buffer.from(JSON.stringify({ aud: app.appId })).toString('base64url')}.x`;
      const go = (q: Record<string, string>) => rawFetch(t, `/${tenantId}/oauth2/v2.0/logout?${new URLSearchParams(q)}`);
      const registered = await go({ post_logout_redirect_uri: CALLBACK, client_id: app.appId, state: 'bye' });
      expect({ status: registered.status, location: registered.headers.get('location') }).toEqual({ status: 302, location: `${CALLBACK}?state=bye` });
      // Both cookies cleared: the page's, and the tenant's single sign-on session (test/sign-in-sso.e2e-spec.ts).
      expect(
        registered.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .sort(),
      ).toEqual(['graphdev_signin=', `graphdev_sso_${tenantId}=`]);
      expect(registered.headers.getSetCookie()).toEqual(expect.arrayContaining([expect.stringMatching(/^graphdev_signin=; Path=\/; Max-Age=0; HttpOnly/)]));
      expect((await go({ post_logout_redirect_uri: CALLBACK, id_token_hint: hint })).headers.get('location')).toBe(CALLBACK);
      const others: Record<string, string>[] = [
        { post_logout_redirect_uri: 'https://evil.example/', client_id: app.appId },
        { post_logout_redirect_uri: CALLBACK },
        {},
      ];
      for (const q of others) {
        const page = await go(q);
        expect({ q, status: page.status, location: page.headers.get('location') }).toEqual({ q, status: 200, location: null });
        expect(page.text).toContain('You signed out of your account');
      }
    },
    TIMEOUT,
  );

  it(
    'common and organizations: the sign-in happens in the tenant that registers the client; MSAL redeems the code and refreshes at /common',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { publicClient: [CALLBACK] });
      for (const segment of ['common', 'organizations']) {
        const pca = new PublicClientApplication({
          auth: { clientId: app.appId, authority: `${t.url}/${segment}`, knownAuthorities: knownAuthorities() },
          system: msalSystem(),
        });
        const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
        const url = await pca.getAuthCodeUrl({ scopes: ['User.Read'], redirectUri: CALLBACK, codeChallenge: challenge, codeChallengeMethod: 'S256' });
        expect(url.startsWith(`${t.url}/${segment}/oauth2/v2.0/authorize?`)).toBe(true);
        const back = await signInInBrowser(url, user.userPrincipalName, PASSWORD);
        const result = await pca.acquireTokenByCode({
          code: back.searchParams.get('code')!,
          codeVerifier: verifier,
          redirectUri: CALLBACK,
          scopes: ['User.Read'],
        });
        const claims = claimsOf(result.accessToken);
        expect({ tid: claims.tid, oid: claims.oid, iss: claims.iss }).toEqual({
          tid: tenantId,
          oid: user.id,
          iss: expect.stringMatching(new RegExp(`/${tenantId}/v2\\.0$`)),
        });
        expect((await tlsCall(t, 'GET', '/v1.0/me', result.accessToken)).status).toBe(200);
        const again = await pca.acquireTokenSilent({ account: result.account!, scopes: ['User.Read'], forceRefresh: true });
        expect(claimsOf(again.accessToken).oid).toBe(user.id);
      }
      // Other grants are not served at /common (9001023); a client nobody registers is a page (700016).
      expectSts(
        t,
        await tokenRequest(t, 'common', {
          grant_type: 'client_credentials',
          client_id: app.appId,
          client_secret: 'x',
          scope: 'https://graph.microsoft.com/.default',
        }),
        400,
        'invalid_request',
        9001023,
      );
      expectSts(
        t,
        await tokenRequest(t, 'common', { grant_type: 'authorization_code', client_id: app.appId, code: 'plain', redirect_uri: CALLBACK }),
        400,
        'invalid_grant',
        70000,
      );
      const unknown = await rawFetch(
        t,
        `/common/oauth2/v2.0/authorize?client_id=11111111-2222-3333-4444-555555555555&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=User.Read`,
      );
      expect({ status: unknown.status, location: unknown.headers.get('location'), has: unknown.text.includes('AADSTS700016') }).toEqual({
        status: 400,
        location: null,
        has: true,
      });
    },
    TIMEOUT,
  );

  it(
    'authorize by form POST; hostile bodies at the sign-in page: JSON, oversized, repeated parameters are a 4xx page, never a 500',
    async () => {
      const { tenantId, app, user } = await signInTenant(t, { web: [CALLBACK] });
      const form = new URLSearchParams({ client_id: app.appId, response_type: 'code', redirect_uri: CALLBACK, scope: 'User.Read', state: 'posted' });
      const page = await rawFetch(t, `/${tenantId}/oauth2/v2.0/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(page.status).toBe(200);
      const done = await postStep(t, tenantId, cookieOf(page.headers), {
        flowToken: flowTokenOf(page.text),
        loginfmt: user.userPrincipalName,
        passwd: PASSWORD,
      });
      expect(new URL(done.headers.get('location')!).searchParams.get('state')).toBe('posted');

      const json = await rawFetch(t, `/${tenantId}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flowToken: 'x' }),
      });
      expect({ status: json.status, has: json.text.includes('AADSTS90014') }).toEqual({ status: 400, has: true });
      const huge = await rawFetch(t, `/${tenantId}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `loginfmt=${'a'.repeat(70 * 1024)}`,
      });
      expect(huge.status).toBe(413);
      const repeated = await rawFetch(t, `/${tenantId}/oauth2/v2.0/authorize?client_id=${app.appId}&client_id=${app.appId}`);
      expect({ status: repeated.status, has: repeated.text.includes('AADSTS9000411') }).toEqual({ status: 400, has: true });
      const badTenant = await rawFetch(t, `/not-a-tenant/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'flowToken=x',
      });
      expect(badTenant.status).toBe(400);
    },
    TIMEOUT,
  );

  it(
    'discovery tells what is served: code only, S256, the grants; {tenantid} as the issuer of common and organizations',
    async () => {
      for (const segment of ['common', 'organizations']) {
        const doc = JSON.parse((await rawFetch(t, `/${segment}/v2.0/.well-known/openid-configuration`)).text);
        expect(doc).toMatchObject({
          issuer: expect.stringMatching(/\/\{tenantid\}\/v2\.0$/),
          authorization_endpoint: `${t.url}/${segment}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${t.url}/${segment}/oauth2/v2.0/logout`,
          response_types_supported: ['code'],
          response_modes_supported: ['query', 'fragment', 'form_post'],
          code_challenge_methods_supported: ['S256'],
        });
        expect([...doc.grant_types_supported].sort()).toEqual([
          'authorization_code',
          'client_credentials',
          'password',
          'refresh_token',
          'urn:ietf:params:oauth:grant-type:device_code',
        ]);
      }
    },
    TIMEOUT,
  );
});
